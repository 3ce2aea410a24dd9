"""Local accounts for one team (``CONFLICT_MAP_AUTH=local``): names, roles and Argon2 password hashes.

The accounts file is TOML, one table per person, written by ``python -m data.access.accounts add``::

    [accounts.amina]
    role = "analyst"
    password = "$argon2id$v=19$m=65536,t=3,p=4$..."

Hashing and verifying are argon2-cffi's (``PasswordHasher``, RFC 9106 defaults); nothing here is
hand-rolled crypto. Passwords are never stored or logged, only their hashes.
"""

from __future__ import annotations

import argparse
import getpass
import os
import re
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from data.access.roles import Role, Writer

NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")
MIN_PASSWORD = 12
_HASHER = PasswordHasher()
# Verified when the name is unknown, so an unknown name costs as long as a wrong password.
_DUMMY_HASH = _HASHER.hash("not a password of anyone")


@dataclass(frozen=True)
class Account:
    """One person: name, role and password hash."""

    name: str
    role: Role
    password_hash: str


def load_accounts(path: Path) -> dict[str, Account]:
    """The accounts in ``path`` (none when the file does not exist).

    Raises
    ------
    ValueError
        Naming the account whose name, role or hash is not usable.
    """
    if not Path(path).exists():
        return {}
    tables = tomllib.loads(Path(path).read_text(encoding="utf-8")).get("accounts", {})
    accounts = {}
    for name, fields in tables.items():
        if not NAME.match(name):
            raise ValueError(f"{path}: account name {name!r} is not allowed")
        try:
            role = Role(fields.get("role", ""))
        except ValueError:
            raise ValueError(f"{path}: account {name}: role must be viewer or analyst") from None
        digest = str(fields.get("password", ""))
        if not digest.startswith("$argon2"):
            raise ValueError(f"{path}: account {name}: password must be an Argon2 hash (use the add command)")
        accounts[name] = Account(name, role, digest)
    return accounts


def sign_in(accounts: dict[str, Account], name: str, password: str) -> Writer | None:
    """The ``Writer`` for ``name`` when ``password`` is theirs, else ``None`` (same cost either way)."""
    account = accounts.get(name.strip())
    try:
        _HASHER.verify(account.password_hash if account else _DUMMY_HASH, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    return Writer(account.name, account.role) if account else None


def hash_password(password: str) -> str:
    """An Argon2id hash of ``password`` (at least ``MIN_PASSWORD`` characters)."""
    if len(password) < MIN_PASSWORD:
        raise ValueError(f"a password needs at least {MIN_PASSWORD} characters")
    return _HASHER.hash(password)


def accounts_toml(accounts: dict[str, Account]) -> str:
    """The accounts file's text (names and roles are checked, hashes hold no quote)."""
    blocks = []
    for account in sorted(accounts.values(), key=lambda a: a.name):
        blocks.append(f'[accounts."{account.name}"]\nrole = "{account.role}"\npassword = "{account.password_hash}"\n')
    return "\n".join(blocks)


def add_account(path: Path, name: str, role: Role, password: str) -> Account:
    """Add or replace ``name`` in the accounts file at ``path`` (created with owner-only permissions)."""
    if not NAME.match(name):
        raise ValueError(f"account name {name!r}: letters, digits and . _ @ - only, at most 64")
    accounts = load_accounts(path)
    accounts[name] = Account(name, Role(role), hash_password(password))
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(accounts_toml(accounts))
    return accounts[name]


def main(argv: list[str] | None = None) -> int:
    """``python -m data.access.accounts add NAME --role analyst``: asks for the password twice."""
    from data.config import load_settings

    parser = argparse.ArgumentParser(prog="python -m data.access.accounts", description="Local accounts")
    commands = parser.add_subparsers(dest="command", required=True)
    adder = commands.add_parser("add", help="add or replace an account (asks for its password)")
    adder.add_argument("name")
    adder.add_argument("--role", choices=[r.value for r in Role], default=Role.VIEWER.value)
    args = parser.parse_args(argv)
    path = load_settings(dict(os.environ)).accounts
    password = getpass.getpass(f"Password for {args.name}: ")
    if password != getpass.getpass("Again: "):
        print("The two passwords differ; nothing changed.", file=sys.stderr)
        return 1
    try:
        account = add_account(path, args.name, Role(args.role), password)
    except ValueError as error:
        print(f"Nothing changed: {error}", file=sys.stderr)
        return 1
    print(f"{account.name} ({account.role}) saved in {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
