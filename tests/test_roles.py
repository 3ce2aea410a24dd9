"""Who may write: the role check at the stores' write functions, local accounts, the sign-in modes."""

from __future__ import annotations

import pytest

from components.auth import oidc_writer, single_user_may_write
from data.access.accounts import add_account, hash_password, load_accounts, sign_in
from data.access.roles import ANONYMOUS, Role, Writer, command_line_writer, require_analyst
from data.config import load_settings
from data.io.run import store_import
from tests.conftest import ANALYST
from tests.test_review import stored_rows

REFUSED = [
    (Writer("vera", Role.VIEWER), "vera is a viewer"),
    (ANONYMOUS, "anonymous is a viewer"),
    (Writer("  ", Role.ANALYST), "no name"),
    (None, "no signed-in analyst"),
    ("amina", "no signed-in analyst"),  # a bare name is not an identity
    ({"name": "amina", "role": "analyst"}, "no signed-in analyst"),  # nor is a forged dict
]


@pytest.mark.parametrize(("writer", "reason"), REFUSED, ids=lambda v: repr(v)[:30])
def test_only_an_analyst_passes_the_check(writer, reason):
    with pytest.raises(PermissionError, match=reason):
        require_analyst(writer)


@pytest.mark.parametrize("writer", [ANALYST, command_line_writer(), Writer("amina", Role.ANALYST)])
def test_analysts_pass_the_check(writer):
    assert require_analyst(writer) is writer
    assert writer.can_write


@pytest.mark.parametrize(("writer", "reason"), REFUSED, ids=lambda v: repr(v)[:30])
def test_the_store_refuses_a_write_by_anyone_but_an_analyst_and_keeps_what_it_had(event_store, writer, reason):
    event_store.write(stored_rows("KEEP"), writer=ANALYST)
    before = event_store.read()
    with pytest.raises(PermissionError, match=reason):
        event_store.write(stored_rows("KEEP", "NEW"), writer=writer)
    assert event_store.read().equals(before)


def test_a_write_must_name_its_writer(event_store):
    with pytest.raises(TypeError):
        event_store.write(stored_rows("X"))  # no writer: not a default anonymous write
    assert event_store.read().empty


def test_an_import_is_refused_at_the_store_for_a_viewer(tmp_path):
    from data.io.run import prepare_import
    from data.stores.events import open_store

    store = open_store(tmp_path / "s.sqlite")
    result = prepare_import(_incoming(), store.read(), ())
    assert len(result.accepted) == 1
    with pytest.raises(PermissionError, match="viewer"):
        store_import(result, store, Writer("vera", Role.VIEWER))
    assert store.read().empty
    assert not result.written


def _incoming():
    from data.io.read import read_incoming

    return read_incoming(stored_rows("IMP-1").to_csv(index=False).encode(), "ours.csv")


def test_local_accounts_verify_argon2_hashes_and_keep_roles(tmp_path):
    path = tmp_path / "accounts.toml"
    add_account(path, "amina", Role.ANALYST, "correct horse battery")
    add_account(path, "vera", Role.VIEWER, "another long secret")
    assert (path.stat().st_mode & 0o777) == 0o600
    text = path.read_text()
    assert "correct horse" not in text
    assert "$argon2id$" in text
    accounts = load_accounts(path)
    assert sign_in(accounts, "amina", "correct horse battery") == Writer("amina", Role.ANALYST)
    assert sign_in(accounts, "vera", "another long secret") == Writer("vera", Role.VIEWER)
    assert sign_in(accounts, "amina", "wrong password here") is None
    assert sign_in(accounts, "nobody", "correct horse battery") is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[accounts.x]\nrole = "admin"\npassword = "$argon2id$x"\n', "role must be viewer or analyst"),
        ('[accounts.x]\nrole = "analyst"\npassword = "plain"\n', "Argon2 hash"),
        ('[accounts."a b"]\nrole = "analyst"\npassword = "$argon2id$x"\n', "not allowed"),
    ],
)
def test_a_bad_accounts_file_names_the_account(tmp_path, text, message):
    path = tmp_path / "accounts.toml"
    path.write_text(text)
    with pytest.raises(ValueError, match=message):
        load_accounts(path)


def test_short_passwords_and_odd_names_are_refused(tmp_path):
    with pytest.raises(ValueError, match="at least 12"):
        hash_password("short")
    with pytest.raises(ValueError, match="account name"):
        add_account(tmp_path / "a.toml", 'x"]\n[accounts.y', Role.ANALYST, "long enough secret")


@pytest.mark.parametrize(
    ("address", "headers", "writes"),
    [
        ("127.0.0.1", {}, True),
        ("localhost", {"Host": "localhost:8501"}, True),
        ("::1", {}, True),
        ("0.0.0.0", {}, False),  # every interface: a team can reach it
        ("", {}, False),  # Streamlit's default is every interface too
        (None, {}, False),
        ("10.0.0.5", {}, False),
        ("127.0.0.1", {"X-Forwarded-For": "203.0.113.9"}, False),  # behind a proxy: not one local user
        ("127.0.0.1", {"forwarded": "for=203.0.113.9"}, False),
    ],
)
def test_without_sign_in_only_a_loopback_page_may_write(address, headers, writes):
    assert single_user_may_write(address, headers) is writes


@pytest.mark.parametrize(
    ("user", "role"),
    [
        ({"is_logged_in": False}, None),
        ({"is_logged_in": True, "email": "Amina@Example.org"}, Role.ANALYST),
        ({"is_logged_in": True, "email": "amina@example.org", "email_verified": False}, Role.VIEWER),
        ({"is_logged_in": True, "email": "vera@example.org"}, Role.VIEWER),
        ({"is_logged_in": True, "sub": "123"}, Role.VIEWER),
    ],
)
def test_oidc_users_are_analysts_only_when_listed(user, role):
    writer = oidc_writer(user, frozenset({"amina@example.org"}))
    assert writer is ANONYMOUS if role is None else writer.role is role


def test_auth_settings_are_read_and_checked():
    settings = load_settings({"CONFLICT_MAP_AUTH": "OIDC", "CONFLICT_MAP_ANALYSTS": " A@x.org, b@y.org ,"})
    assert settings.auth == "oidc"
    assert settings.analysts == {"a@x.org", "b@y.org"}
    assert load_settings({}).auth == "none"
    assert not load_settings({}).development
    assert load_settings({"CONFLICT_MAP_DEVELOPMENT": "on"}).development
    with pytest.raises(ValueError, match="CONFLICT_MAP_AUTH='ldap'"):
        load_settings({"CONFLICT_MAP_AUTH": "ldap"})
    with pytest.raises(ValueError, match="CONFLICT_MAP_DEVELOPMENT='yes'"):
        load_settings({"CONFLICT_MAP_DEVELOPMENT": "yes"})
