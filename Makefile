# make run: install the app into .venv and start it.  make test: install everything, run tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

CHROMIUM := /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test bench bench-pages bench-store bench-basins clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# gdgame itself is installed in place: Streamlit finds the 3-D view's component through it.
$(VENV)/.app-installed: requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@ $(VENV)/.app-installed

# Browser tests drive Debian's Chromium (Playwright's own browser download is not used).
$(CHROMIUM):
	$(SUDO) apt-get update
	$(SUDO) apt-get install -y chromium

run: $(VENV)/.app-installed
	$(BIN)/python -m streamlit run app.py

# The storage tests also run on a real PostgreSQL: Debian's, started on localhost.
test: $(VENV)/.dev-installed $(CHROMIUM)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	url="$$(tools/start_postgres.sh)" && GDGAME_TEST_POSTGRES_URL="$$url" $(BIN)/python -m pytest

bench: $(VENV)/.dev-installed
	$(BIN)/python -m bench.bench_engine

bench-pages: $(VENV)/.dev-installed
	$(BIN)/python -m bench.bench_pages

bench-basins: $(VENV)/.dev-installed
	$(BIN)/python -m bench.bench_basins

bench-store: $(VENV)/.dev-installed
	url="$$(tools/start_postgres.sh)" && GDGAME_TEST_POSTGRES_URL="$$url" $(BIN)/python -m bench.bench_store

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
