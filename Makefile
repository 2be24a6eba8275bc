# make run: install the app into .venv and start it.  make test: install everything, run tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

CHROMIUM := /usr/bin/chromium
NGINX := /usr/sbin/nginx
ICU := /usr/include/unicode/uspoof.h
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run serve test bench bench-pages bench-store bench-basins bench-classroom bench-first-visit \
	bench-class-view bench-training bench-network bench-landscape bench-formula clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# PyICU (the names' Unicode checks) is built against Debian's ICU when pip installs it.
$(ICU):
	$(SUDO) apt-get update
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y libicu-dev pkg-config g++ \
		python3-dev

# gdgame itself is installed in place: Streamlit finds the landscape view component through it.
$(VENV)/.app-installed: requirements.txt pyproject.toml | $(BIN)/python $(ICU)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt pyproject.toml | $(BIN)/python $(ICU)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@ $(VENV)/.app-installed

# Browser tests drive Debian's Chromium (Playwright's own browser download is not used).
$(CHROMIUM):
	$(SUDO) apt-get update
	$(SUDO) apt-get install -y chromium

# make serve (and its browser test) put Debian's nginx in front of the app processes.
$(NGINX):
	$(SUDO) apt-get update
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y nginx

run: $(VENV)/.app-installed
	$(BIN)/python -m streamlit run app.py

# A classroom server: PostgreSQL, one app process per core, nginx in front on one port (8080).
serve: $(VENV)/.app-installed $(NGINX)
	deploy/serve.sh

# The storage tests also run on a real PostgreSQL: Debian's, started on localhost. The tests run
# in parallel, one pytest-xdist worker per core (each worker in a PostgreSQL schema of its own).
test: $(VENV)/.dev-installed $(CHROMIUM) $(NGINX)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	url="$$(tools/start_postgres.sh)" && GDGAME_TEST_POSTGRES_URL="$$url" $(BIN)/python -m pytest -n auto

bench: $(VENV)/.dev-installed
	$(BIN)/python -m bench.bench_engine

bench-pages: $(VENV)/.dev-installed
	$(BIN)/python -m bench.bench_pages

# Digits training against torch.optim: needs torch, which nothing else here does.
bench-training: $(VENV)/.dev-installed
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m bench.bench_training

# The backprop page's network training against torch.optim + autograd: needs torch too.
bench-network: $(VENV)/.dev-installed
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m bench.bench_network

bench-basins: $(VENV)/.dev-installed
	$(BIN)/python -m bench.bench_basins

bench-landscape: $(VENV)/.dev-installed
	$(BIN)/python -m bench.bench_landscape

# Typed formulas: text to a 150 x 150 grid with its gradient, against NumPy written by hand.
bench-formula: $(VENV)/.dev-installed
	$(BIN)/python -m bench.bench_formula

bench-classroom: $(VENV)/.dev-installed
	$(BIN)/python -m bench.classroom

bench-first-visit: $(VENV)/.dev-installed
	$(BIN)/python -m bench.first_visit

# The teacher's live class view: its refresh alone, and a class's clicks with and without it.
bench-class-view: $(VENV)/.dev-installed
	$(BIN)/python -m bench.class_view

bench-store: $(VENV)/.dev-installed
	url="$$(tools/start_postgres.sh)" && GDGAME_TEST_POSTGRES_URL="$$url" $(BIN)/python -m bench.bench_store

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
