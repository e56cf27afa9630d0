# morgue: `make demo` and `make test` are all a fresh machine needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# news-please, the benchmark's peer, also in a venv of its own.
NEWSPLEASE_VENV := .venv-newsplease
NEWSPLEASE_STAMP := $(NEWSPLEASE_VENV)/.installed
# pywb (replay tests) pins redis 2.x and brotlipy, so it lives in a venv of its own.
PYWB_VENV := .venv-pywb
PYWB_STAMP := $(PYWB_VENV)/.installed

.PHONY: demo serve bench bench-scale-out eval eval-floors test lint typecheck pytest install clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

$(PYWB_STAMP):
	$(PYTHON) -m venv $(PYWB_VENV)
	$(PYWB_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(PYWB_VENV)/bin/python -m pip install --quiet 'pywb>=2.8'
	touch $(PYWB_STAMP)

$(NEWSPLEASE_STAMP):
	$(PYTHON) -m venv $(NEWSPLEASE_VENV)
	$(NEWSPLEASE_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(NEWSPLEASE_VENV)/bin/python -m pip install --quiet news-please
	touch $(NEWSPLEASE_STAMP)

# Extraction quality beside plain trafilatura on ../shared/evaldata; fails under a floor.
eval: $(STAMP)
	$(BIN)/python tests/eval_run.py --check

# Raises the floors in tests/eval_floors.json to just under what was reached (never lowers them).
eval-floors: $(STAMP)
	$(BIN)/python tests/eval_run.py --raise-floors

# Not part of `make test`: prints throughput and memory figures (BENCH_PAGES, BENCH_RUNS, ...).
bench: $(STAMP) $(NEWSPLEASE_STAMP)
	$(BIN)/python tests/benchmarks/run_bench.py

# Needs Debian's redis-server (as .ci/run installs it).
bench-scale-out: $(STAMP)
	$(BIN)/python tests/benchmarks/scale_out_bench.py

demo: $(STAMP)
	$(BIN)/morgue demo --dir demo

serve: $(STAMP)
	$(BIN)/morgue serve --db demo/morgue.db --warc-dir demo/warc

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP) $(PYWB_STAMP)
	$(BIN)/pytest

test: lint typecheck pytest

clean:
	rm -rf demo .pytest_cache .mypy_cache .ruff_cache
