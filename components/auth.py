"""Who is at the page: the ``Writer`` the import and review panels write as (``CONFLICT_MAP_AUTH``).

- ``none`` (the default, ``make run``): one person on this machine. They write, under their login
  name, only while Streamlit listens on loopback and the request came straight to it (no proxy
  header); served any other way the page is read-only until a sign-in mode is chosen.
- ``local``: a sign-in form in the sidebar checks the accounts file (``data.access.accounts``).
- ``oidc``: Streamlit's own ``st.login`` with the provider in ``.streamlit/secrets.toml``; analysts
  are the e-mail addresses in ``CONFLICT_MAP_ANALYSTS``.

Everyone may look, filter, share and export without signing in. The stores check the role again
(``data.access.roles.require_analyst``): hiding the panels is not the only defence.
"""

from __future__ import annotations

import getpass
import time

import streamlit as st

from components.plain import markdown
from data.access.accounts import load_accounts, sign_in
from data.access.roles import ANONYMOUS, Role, Writer
from data.config import Settings

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
PROXY_HEADERS = ("X-Forwarded-For", "Forwarded", "X-Real-Ip")
MAX_FAILURES, LOCKOUT_SECONDS = 5, 60


def current(settings: Settings, key: str = "auth") -> Writer:
    """The person at this session, drawing the sidebar's sign-in or sign-out where needed."""
    if settings.auth == "local":
        return _local(settings, key)
    if settings.auth == "oidc":
        return _oidc(settings, key)
    return _single_user()


def single_user_may_write(address: object, headers: dict) -> bool:
    """``none`` mode: writes only on a loopback address, and never through a proxy."""
    proxied = any(name.lower() in {h.lower() for h in headers} for name in PROXY_HEADERS)
    return str(address or "") in LOOPBACK and not proxied


def _single_user() -> Writer:
    headers = dict(st.context.headers or {})
    if single_user_may_write(st.get_option("server.address"), headers):
        return Writer(getpass.getuser(), Role.ANALYST)
    st.sidebar.caption(
        "Read-only: this page is served beyond this machine without sign-in. "
        "Set CONFLICT_MAP_AUTH to local or oidc to let analysts write."
    )
    return ANONYMOUS


def _signed_in(writer: Writer, on_sign_out, key: str) -> Writer:
    st.sidebar.caption(f"Signed in as {markdown(writer.name)} ({writer.role})")
    st.sidebar.button("Sign out", key=f"{key}.sign_out", on_click=on_sign_out)
    return writer


def _sign_out_local(key: str) -> None:
    st.session_state.pop(f"{key}.writer", None)


def _local(settings: Settings, key: str) -> Writer:
    writer = st.session_state.get(f"{key}.writer")
    if isinstance(writer, Writer):
        return _signed_in(writer, lambda: _sign_out_local(key), key)
    with st.sidebar.expander("Sign in to import or review", icon=":material/login:"):
        with st.form(f"{key}.form", border=False):
            name = st.text_input("Name", key=f"{key}.name")
            password = st.text_input("Password", type="password", key=f"{key}.password")
            submitted = st.form_submit_button("Sign in")
        if submitted:
            writer = _try_local(settings, name, password, key)
            if writer is not None:
                st.session_state[f"{key}.writer"] = writer
                st.rerun()
    return ANONYMOUS


def _try_local(settings: Settings, name: str, password: str, key: str) -> Writer | None:
    failures = st.session_state.get(f"{key}.failures", [])
    failures = [t for t in failures if time.monotonic() - t < LOCKOUT_SECONDS]
    if len(failures) >= MAX_FAILURES:
        st.error(f"Too many failed sign-ins: wait a minute ({MAX_FAILURES} in {LOCKOUT_SECONDS} s).")
        return None
    try:
        writer = sign_in(load_accounts(settings.accounts), name, password)
    except (OSError, ValueError) as error:
        st.error(f"The accounts file cannot be read: {markdown(error)}")
        return None
    if writer is None:
        st.session_state[f"{key}.failures"] = [*failures, time.monotonic()]
        st.error("Name or password not recognised.")
    return writer


def oidc_writer(user: dict, analysts: frozenset[str]) -> Writer:
    """The writer for a signed-in OIDC user: an analyst when their e-mail is listed, else a viewer."""
    if not user.get("is_logged_in"):
        return ANONYMOUS
    email = str(user.get("email") or "").strip().lower()
    verified = user.get("email_verified", True) is not False
    name = email or str(user.get("sub") or "signed-in user")
    role = Role.ANALYST if email and verified and email in analysts else Role.VIEWER
    return Writer(name, role)


def _oidc(settings: Settings, key: str) -> Writer:
    try:
        configured = "auth" in st.secrets
    except (FileNotFoundError, OSError):
        configured = False
    if not configured:
        st.sidebar.caption("Read-only: CONFLICT_MAP_AUTH=oidc needs an [auth] section in .streamlit/secrets.toml.")
        return ANONYMOUS
    writer = oidc_writer(st.user.to_dict(), settings.analysts)
    if writer is ANONYMOUS:
        st.sidebar.button("Sign in to import or review", key=f"{key}.login", on_click=st.login, icon=":material/login:")
        return writer
    return _signed_in(writer, st.logout, key)
