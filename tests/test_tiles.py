"""Basemap mode: the tile-server probe is an adapter; the decision is pure."""

from __future__ import annotations

import socket

import pytest

from geo.map.tiles import resolve_basemap_mode, tile_server_reachable


@pytest.mark.parametrize(
    ("setting", "reachable", "mode"),
    [("auto", True, "tiles"), ("auto", False, "vector"), ("tiles", False, "tiles"), ("vector", True, "vector")],
)
def test_resolve_basemap_mode(setting, reachable, mode):
    assert resolve_basemap_mode(setting, probe=lambda: reachable) == mode


def test_probe_reports_a_closed_port_as_unreachable():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # bound, not listening: connections are refused
        assert tile_server_reachable(timeout=1, address=("127.0.0.1", port)) is False


def test_probe_reports_a_listening_port_as_reachable():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        assert tile_server_reachable(timeout=1, address=sock.getsockname()) is True
