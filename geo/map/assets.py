"""Where the map's JavaScript and CSS come from: the app's own static folder (a CDN only if it is missing).

``scripts/setup.sh`` copies Leaflet and Leaflet.markercluster from ``node_modules`` (versions pinned in
``package-lock.json``, the ones folium 0.20 expects) into ``static/vendor/``; Streamlit serves that
folder at ``/app/static/`` (``enableStaticServing`` in ``.streamlit/config.toml``). folium's other
defaults (Bootstrap, Font Awesome, awesome-markers) are not needed: our symbols are inline SVG.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STATIC_DIR = ROOT / "static"
STATIC_URL = "/app/static"
# The shipped basemap files (data/datasets/basemap/NAME.geojson) that setup copies to static/basemap/.
BASEMAP_LAYERS = ("countries", "admin1", "lakes", "rivers")

# (folium name, path under static/vendor, CDN fallback for a checkout that skipped the set-up)
JS_ASSETS = (("leaflet", "leaflet/leaflet.js", "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"),)
CSS_ASSETS = (("leaflet_css", "leaflet/leaflet.css", "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css"),)
# Events at one town stack on one spot; the cluster shows how many and fans them out on click.
_CLUSTER_CDN = "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0"
CLUSTER_JS_ASSETS = (
    ("markerclusterjs", "markercluster/leaflet.markercluster.js", f"{_CLUSTER_CDN}/leaflet.markercluster.js"),
)
CLUSTER_CSS_ASSETS = (
    ("markerclustercss", "markercluster/MarkerCluster.css", f"{_CLUSTER_CDN}/MarkerCluster.css"),
    ("markerclusterdefaultcss", "markercluster/MarkerCluster.Default.css", f"{_CLUSTER_CDN}/MarkerCluster.Default.css"),
)


@dataclass(frozen=True)
class Assets:
    """The ``default_js`` / ``default_css`` lists to give folium elements, and where they point."""

    js: list[tuple[str, str]]
    css: list[tuple[str, str]]
    local: bool
    cluster_js: list[tuple[str, str]]
    cluster_css: list[tuple[str, str]]
    basemap_url: str | None = None


def vendor_files(static_dir: Path = STATIC_DIR) -> list[Path]:
    """Every vendored file the map needs."""
    rows = (*JS_ASSETS, *CSS_ASSETS, *CLUSTER_JS_ASSETS, *CLUSTER_CSS_ASSETS)
    return [static_dir / "vendor" / path for _, path, _ in rows]


def _assets(local: bool, basemap_served: bool) -> Assets:
    def pick(rows):
        return [(name, f"{STATIC_URL}/vendor/{path}" if local else cdn) for name, path, cdn in rows]

    basemap_url = f"{STATIC_URL}/basemap" if basemap_served else None
    js, css = pick(JS_ASSETS), pick(CSS_ASSETS)
    return Assets(js, css, local, pick(CLUSTER_JS_ASSETS), pick(CLUSTER_CSS_ASSETS), basemap_url)


def local_assets(basemap_served: bool = True) -> Assets:
    """Asset URLs under the app's ``/app/static/``; the basemap from there too, or inline."""
    return _assets(local=True, basemap_served=basemap_served)


def map_assets(static_dir: Path = STATIC_DIR) -> Assets:
    """Local asset URLs when the vendored files exist, else the CDN (the map then needs internet).

    The basemap GeoJSON is served from ``static/basemap/`` when ``scripts/setup.sh`` copied it
    there; otherwise it is inlined in the map's script (slower reruns, same picture).
    """
    local = all(path.is_file() for path in vendor_files(static_dir))
    served = all((static_dir / "basemap" / f"{name}.geojson").is_file() for name in BASEMAP_LAYERS)
    return _assets(local=local, basemap_served=served)
