# The two commands of the README, and a few chores. Each sets up what it needs first.
PORT ?= 8501

.PHONY: run test lint format setup benchmark data docs lock

run:  ## set up, then start the app on the embedded data at http://127.0.0.1:$(PORT) (this machine only: docs/security.md)
	bash scripts/setup.sh
	.venv/bin/streamlit run dashboard.py --server.port $(PORT)

test:  ## set up (browser included), then lint and run every test, browser tests included
	bash scripts/setup.sh --browser
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/python -m pytest

lint:
	.venv/bin/ruff check . && .venv/bin/ruff format --check .

format:
	.venv/bin/ruff format . && .venv/bin/ruff check --fix .

data:  ## regenerate the derived data in data/datasets/basemap and data/datasets/gazetteer from the packages
	bash scripts/setup.sh
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	.venv/bin/python scripts/build_basemap.py
	.venv/bin/python scripts/build_gazetteer.py

docs:  ## regenerate the tables of README.md and docs/ from the code that declares them
	.venv/bin/cog -r -I . README.md docs/data-model.md docs/briefing.md docs/store.md

lock:  ## pin requirements.txt + requirements-dev.txt with PyPI hashes into requirements.lock (commit it)
	bash scripts/lock.sh
