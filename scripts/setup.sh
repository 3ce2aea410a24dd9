#!/usr/bin/env bash
# Set up everything the app and its tests need, idempotently:
#   - a Python virtual environment in .venv with requirements.lock (every package of
#     requirements-dev.txt pinned with its PyPI hashes; `make lock` regenerates it);
#   - the map's front-end assets (Leaflet, Leaflet.markercluster) from npm, copied into static/vendor/;
#   - Debian's chromium: the app draws its PNG and PDF exports in it (the browser tests use it too);
#   - with --browser: PostgreSQL + PostGIS for the shared-store tests, and poppler-utils (pdftoppm)
#     to look at the exported PDF (apt-get, as root or through sudo).
# Each step is skipped when its inputs have not changed since it last ran.
set -euo pipefail
cd "$(dirname "$0")/.."

want_browser=0
[ "${1:-}" = "--browser" ] && want_browser=1

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
  echo "setup: need root to run: $*" >&2; return 1; fi; }
apt_install() {
  [ -f /tmp/.conflict-map-apt-updated ] || { as_root apt-get update -qq && touch /tmp/.conflict-map-apt-updated; }
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
stamp_ok() { [ -f "$1" ] && [ "$(cat "$1")" = "$2" ]; }

# Python
command -v python3 >/dev/null || apt_install python3 python3-venv
# The lock must hold every pin of the human lists (after a change to them: `make lock`, then commit).
python3 scripts/lock_check.py
py_key=$(cat requirements.lock | sha1sum | cut -d' ' -f1)
if ! stamp_ok .setup-stamp-python "$py_key" || [ ! -x .venv/bin/python ]; then
  echo "setup: installing Python packages into .venv (requirements.lock, hashes checked)"
  [ -x .venv/bin/python ] || python3 -m venv .venv
  .venv/bin/python -m pip install -q --require-hashes -r requirements.lock
  echo "$py_key" > .setup-stamp-python
fi

# Front-end assets
npm_key=$(cat package.json package-lock.json data/datasets/basemap/*.geojson | sha1sum | cut -d' ' -f1)
if ! stamp_ok .setup-stamp-assets "$npm_key" || [ ! -f static/vendor/leaflet/leaflet.js ]; then
  command -v npm >/dev/null || apt_install npm
  echo "setup: installing front-end assets (npm ci)"
  npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error
  rm -rf static/vendor && mkdir -p static/vendor/leaflet static/vendor/markercluster
  cp -r node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css \
        node_modules/leaflet/dist/images static/vendor/leaflet/
  cp node_modules/leaflet/LICENSE static/vendor/leaflet/LICENSE
  cp node_modules/leaflet.markercluster/dist/leaflet.markercluster.js \
     node_modules/leaflet.markercluster/dist/MarkerCluster.css \
     node_modules/leaflet.markercluster/dist/MarkerCluster.Default.css \
     node_modules/leaflet.markercluster/MIT-LICENCE.txt static/vendor/markercluster/
  # The basemap is fetched by the browser once, not re-sent inside the map on every rerun.
  rm -rf static/basemap && mkdir -p static/basemap && cp data/datasets/basemap/*.geojson static/basemap/
  echo "$npm_key" > .setup-stamp-assets
fi

# Browser for the PNG and PDF exports (and the browser tests); PostgreSQL + PostGIS for the
# shared-store tests; pdftoppm to render the exported PDF's first page in the tests
if [ ! -x /usr/bin/chromium ]; then
  echo "setup: installing Debian's chromium"
  apt_install chromium
fi
if [ "$want_browser" = 1 ] && ! command -v pdftoppm >/dev/null; then
  echo "setup: installing poppler-utils (pdftoppm)"
  apt_install poppler-utils
fi
if [ "$want_browser" = 1 ] && ! ls /usr/share/postgresql/*/extension/postgis.control >/dev/null 2>&1; then
  echo "setup: installing PostgreSQL and PostGIS (the tests start their own throw-away server)"
  apt_install postgresql postgresql-15-postgis-3
fi
echo "setup: ready"
