# The README's two commands: `make demo` and `make test`. Everything they need is installed here.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000

.PHONY: demo test test-sqlite test-postgres lint format bench system-deps clean

$(VENV)/.runtime: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.dev: $(VENV)/.runtime
	$(BIN)/python -m pip install -q -e ".[dev]"
	touch $@

## Set up and serve the demo on http://127.0.0.1:$(PORT)/ (SQLite under var/), with a background
## worker next to the server (both stop with Ctrl+C). Links in notices and letters point there.
demo: export GONGKAI_BASE_URL ?= http://127.0.0.1:$(PORT)
demo: $(VENV)/.runtime
	$(BIN)/gongkai migrate --noinput -v0
	$(BIN)/gongkai demo
	$(BIN)/gongkai collectstatic --noinput -v0
	$(BIN)/gongkai worker & worker=$$!; \
	  $(BIN)/gongkai serve --port $(PORT); status=$$?; kill $$worker 2>/dev/null; exit $$status

## The whole suite on SQLite, then on a throw-away PostgreSQL.
test: $(VENV)/.dev system-deps lint
	scripts/run-tests.sh

test-sqlite: $(VENV)/.dev
	$(BIN)/pytest

test-postgres: $(VENV)/.dev
	scripts/with-postgres.sh $(BIN)/pytest

## Benchmarks under bench/ (search latency at 100k and 1M items next to a LIKE scan, index build,
## HTTP load on gunicorn): writes bench/RESULTS.md. BENCH_SIZES=100000 for a quick run; the 1M
## database takes ~1 h to build the first time and ~12 GB under bench/var/. Installs wrk as root.
bench: $(VENV)/.dev
	$(BIN)/python bench/run.py

system-deps:
	scripts/system-deps.sh

lint: $(VENV)/.dev
	$(BIN)/ruff check gongkai tests bench
	$(BIN)/ruff format --check gongkai tests bench

format: $(VENV)/.dev
	$(BIN)/ruff check --fix gongkai tests bench
	$(BIN)/ruff format gongkai tests bench

clean:
	rm -rf $(VENV) var test-artifacts
