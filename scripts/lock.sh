#!/usr/bin/env bash
# Regenerate requirements.lock (every package, pinned, with its PyPI hashes) from the human lists
# requirements.txt and requirements-dev.txt. Run it (`make lock`) after changing either list, and
# commit both. pip-tools runs from its own virtual environment outside the checkout; the resolution
# uses PyPI only (this machine's pip configuration and local wheel folders are ignored), so the
# hashes are those of the files on PyPI, for every platform a release ships.
set -euo pipefail
cd "$(dirname "$0")/.."
tools="${TMPDIR:-/tmp}/conflict-map-pip-tools"
[ -x "$tools/bin/pip-compile" ] || { python3 -m venv "$tools" && "$tools/bin/pip" install -q "pip-tools==7.7.0"; }
PIP_CONFIG_FILE=/dev/null PIP_FIND_LINKS= "$tools/bin/pip-compile" --quiet --generate-hashes --allow-unsafe \
  --strip-extras --no-emit-index-url --no-emit-find-links --index-url https://pypi.org/simple \
  --output-file requirements.lock requirements-dev.txt
