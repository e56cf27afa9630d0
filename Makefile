# morgue: `make demo` and `make test` are all a fresh machine needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# pywb (replay tests) pins redis 2.x and brotlipy, so it lives in a venv of its own.
PYWB_VENV := .venv-pywb
PYWB_STAMP := $(PYWB_VENV)/.installed

.PHONY: demo serve test lint typecheck pytest install clean

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
