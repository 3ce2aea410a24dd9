"""Roles and the writer every store write names.

Viewers look, filter, share and export; analysts also import, accept article drafts, edit and remove.
A store's write functions take the ``Writer`` doing the write and call ``require_analyst`` first, so a
write refused here is refused whatever the page showed (hiding buttons is only the first line).
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    """What a signed-in person (or the single local user) may do."""

    VIEWER = "viewer"
    ANALYST = "analyst"


@dataclass(frozen=True)
class Writer:
    """Who is acting: a name (recorded as "reviewed by") and a role."""

    name: str
    role: Role

    @property
    def can_write(self) -> bool:
        """Whether the stores accept writes from this person."""
        return self.role is Role.ANALYST and bool(self.name.strip())


ANONYMOUS = Writer("anonymous", Role.VIEWER)


def require_analyst(writer: object, action: str = "write to the event store") -> Writer:
    """``writer`` when it may write; else ``PermissionError`` saying who was refused and why.

    Anything that is not a ``Writer`` (``None``, a name, a dict from a forged call) is refused too.
    """
    if not isinstance(writer, Writer):
        raise PermissionError(f"Refused to {action}: no signed-in analyst named (got {type(writer).__name__})")
    if not writer.name.strip():
        raise PermissionError(f"Refused to {action}: the writer has no name")
    if writer.role is not Role.ANALYST:
        raise PermissionError(f"Refused to {action}: {writer.name} is a {writer.role}; only an analyst may")
    return writer


def command_line_writer() -> Writer:
    """The person running ``python -m data import`` (whoever can run it can open the store file anyway)."""
    return Writer(f"{getpass.getuser()} (command line)", Role.ANALYST)
