"""Network adapter: is the OpenStreetMap tile server reachable from here? (basemap ``auto`` mode)."""

from __future__ import annotations

import socket

TILE_HOST = ("tile.openstreetmap.org", 443)


def tile_server_reachable(timeout: float = 1.5, address: tuple[str, int] = TILE_HOST) -> bool:
    """True when a TCP connection to the tile server opens within ``timeout`` seconds.

    The server's reach stands in for the browser's: both sit on the same network in the usual
    deployments. A closed network answers ``False`` quickly (DNS or connect failure).
    """
    try:
        with socket.create_connection(address, timeout=timeout):
            return True
    except OSError:
        return False


def resolve_basemap_mode(setting: str, probe=tile_server_reachable) -> str:
    """``tiles`` or ``vector`` from the setting (``auto`` asks ``probe``)."""
    if setting == "auto":
        return "tiles" if probe() else "vector"
    return setting
