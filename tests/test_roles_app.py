"""Who may write, on the page (AppTest): a viewer sees no import or review, a forged write is refused
at the store, a local account signs in, and "reviewed by" is the signed-in person."""

from __future__ import annotations

import pytest
from streamlit import config
from streamlit.testing.v1 import AppTest

from data.access.accounts import add_account
from data.access.roles import Role
from data.stores.events import open_store
from tests.conftest import ROOT
from tests.page import shown
from tests.test_review import stored_rows

WRITE_PANELS = {"Import events", "Add events from an article"}


def page(monkeypatch, tmp_path, **env) -> AppTest:
    monkeypatch.setenv("CONFLICT_MAP_STORE", str(tmp_path / "events.sqlite"))
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120).run()
    assert not at.exception, at.exception
    return at


def panels(at: AppTest) -> set[str]:
    return {expander.label for expander in at.expander} & WRITE_PANELS


@pytest.fixture
def everywhere():
    """The app as if served on every interface (``server.address`` 0.0.0.0)."""
    before = config.get_option("server.address")
    config.set_option("server.address", "0.0.0.0")
    yield
    config.set_option("server.address", before)


def test_the_shipped_config_listens_on_loopback_and_hides_tracebacks():
    import tomllib

    shipped = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert shipped["server"]["address"] == "127.0.0.1"  # also: no external-IP lookup at start-up
    assert shipped["server"]["headless"] is True
    assert shipped["client"]["showErrorDetails"] == "none"


def test_the_single_local_user_may_write(monkeypatch, tmp_path):
    at = page(monkeypatch, tmp_path)
    assert panels(at) == WRITE_PANELS
    assert config.get_option("client.showErrorDetails") == "none"


def test_development_shows_full_error_details(monkeypatch, tmp_path):
    page(monkeypatch, tmp_path, CONFLICT_MAP_DEVELOPMENT="on")
    assert config.get_option("client.showErrorDetails") == "full"
    config.set_option("client.showErrorDetails", "none")


def test_served_beyond_loopback_without_sign_in_the_page_is_read_only(monkeypatch, tmp_path, everywhere):
    at = page(monkeypatch, tmp_path)
    assert panels(at) == set()
    assert not list(at.get("file_uploader"))
    assert any("Read-only" in c.value for c in at.sidebar.caption)


def test_a_viewer_sees_no_import_or_review_until_an_analyst_signs_in(monkeypatch, tmp_path):
    accounts = tmp_path / "accounts.toml"
    add_account(accounts, "amina", Role.ANALYST, "correct horse battery")
    add_account(accounts, "vera", Role.VIEWER, "another long secret")
    at = page(monkeypatch, tmp_path, CONFLICT_MAP_AUTH="local", CONFLICT_MAP_ACCOUNTS=str(accounts))
    assert panels(at) == set()
    for name, password in [("vera", "another long secret"), ("amina", "wrong one!!!!")]:
        at.text_input(key="auth.name").input(name)
        at.text_input(key="auth.password").input(password)
        next(b for b in at.button if b.label == "Sign in").click().run()
        assert not at.exception
        assert panels(at) == set()
        if name == "vera":
            assert "Signed in as vera (viewer)" in [c.value for c in at.sidebar.caption]
            at.button(key="auth.sign_out").click().run()
    assert "Name or password not recognised." in [e.value for e in at.error]
    at.text_input(key="auth.name").input("amina")
    at.text_input(key="auth.password").input("correct horse battery")
    next(b for b in at.button if b.label == "Sign in").click().run()
    assert panels(at) == WRITE_PANELS
    at.session_state["review.open"] = True
    at.run()
    assert "Reviewed by amina (signed in)" in [c.value for c in at.caption]
    assert "review.reviewer" not in [t.key for t in at.text_input]  # no free-text reviewer any more


def forged_import_page(store_path: str):
    """The import panel drawn for a viewer, as a forged or buggy page would: the store still refuses."""
    import pandas as pd

    from components import import_events
    from data.access.roles import Role, Writer
    from data.stores.events import open_store

    import_events.show(open_store(store_path), pd.Series([], dtype=str), Writer("vera", Role.VIEWER), key="import")


def test_a_forged_import_by_a_viewer_is_refused_at_the_store(tmp_path):
    store_path = str(tmp_path / "forged.sqlite")
    at = AppTest.from_function(forged_import_page, kwargs={"store_path": store_path}, default_timeout=60)
    at.session_state["import.open"] = True
    at.run()
    at.file_uploader(key="import.file").upload(
        "ours.csv", stored_rows("FORGED-1").to_csv(index=False).encode(), "text/csv"
    )
    at.run()
    at.button(key="import.run").click().run()
    assert not at.exception, at.exception
    assert [shown(e.value) for e in at.error] == [
        "Refused to write to the event store: vera is a viewer; only an analyst may"
    ]
    assert open_store(store_path).read().empty
