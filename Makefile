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

# ReplayWeb.page (webrecorder's `replaywebpage` on npm, AGPL-3.0), served by the Datasette plugin
# from package data, never from a CDN: fetched with `npm pack` at a pinned version and checked
# against the registry's sha512 of that version.
REPLAYWEBPAGE_VERSION := 2.5.3
REPLAYWEBPAGE_SHA512 := nCj2PSON3BxeSJKE8AsYPyULv0XPZKJWfy4l9PyQre9SqwLZ+WKZVs/sfLqPOQ4GrH+0YkjbwOhr8cSTH08gsQ==
REPLAY_DIR := crawler/datasette/replay
REPLAY_FILES := $(REPLAY_DIR)/ui.js $(REPLAY_DIR)/sw.js $(REPLAY_DIR)/LICENSE

.PHONY: demo serve replay-assets bench bench-scale bench-scale-out eval eval-floors test test-fast lint lock typecheck pytest install clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Exact versions from requirements.lock, then morgue itself (editable, its dependencies locked).
$(STAMP): pyproject.toml requirements.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

# Re-resolve requirements.lock from pyproject.toml (newest versions the registry serves).
lock: | $(BIN)/python
	$(BIN)/python -m pip install --quiet 'pip-tools>=7.4'
	$(BIN)/pip-compile --quiet --allow-unsafe --extra dev --strip-extras --no-header \
		--no-emit-index-url --no-emit-find-links -o requirements.lock.new pyproject.toml
	{ sed -n '1,2p' requirements.lock; echo; cat requirements.lock.new; } > requirements.lock.tmp
	mv requirements.lock.tmp requirements.lock && rm requirements.lock.new

install: $(STAMP) $(REPLAY_FILES)

replay-assets: $(REPLAY_FILES)

$(REPLAY_FILES) &:
	@command -v npm >/dev/null || { echo "make: npm is needed to fetch ReplayWeb.page $(REPLAYWEBPAGE_VERSION) (apt-get install npm)" >&2; exit 1; }
	rm -rf $(REPLAY_DIR)/.pack && mkdir -p $(REPLAY_DIR)/.pack
	cd $(REPLAY_DIR)/.pack && npm pack --silent replaywebpage@$(REPLAYWEBPAGE_VERSION) >/dev/null || { \
		echo "make: could not fetch replaywebpage@$(REPLAYWEBPAGE_VERSION) from the npm registry (offline?); replay in \`morgue serve\` needs it" >&2; \
		rm -rf .pack; exit 1; }
	test "$$(openssl dgst -sha512 -binary $(REPLAY_DIR)/.pack/replaywebpage-$(REPLAYWEBPAGE_VERSION).tgz | base64 -w0)" = "$(REPLAYWEBPAGE_SHA512)" \
		|| { echo "make: replaywebpage-$(REPLAYWEBPAGE_VERSION).tgz does not match its pinned sha512" >&2; exit 1; }
	tar -xzf $(REPLAY_DIR)/.pack/replaywebpage-$(REPLAYWEBPAGE_VERSION).tgz -C $(REPLAY_DIR)/.pack \
		package/ui.js package/sw.js package/LICENSE
	mv $(REPLAY_DIR)/.pack/package/ui.js $(REPLAY_DIR)/.pack/package/sw.js $(REPLAY_DIR)/.pack/package/LICENSE $(REPLAY_DIR)/
	rm -rf $(REPLAY_DIR)/.pack

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
# `make eval COMPARE=REF` also lists the pages and publishers won and lost against git REF.
eval: $(STAMP)
	$(BIN)/python tests/eval_run.py --check $(if $(COMPARE),--compare $(COMPARE))

# Raises the floors in tests/eval_floors.json to just under what was reached (never lowers them).
eval-floors: $(STAMP)
	$(BIN)/python tests/eval_run.py --raise-floors

# Not part of `make test`: prints throughput and memory figures (BENCH_PAGES, BENCH_RUNS, ...).
bench: $(STAMP) $(NEWSPLEASE_STAMP)
	$(BIN)/python tests/benchmarks/run_bench.py

# Not part of `make test`: every page of `morgue serve` timed over a catalogue of a million
# articles (BENCH_SCALE_ARTICLES); builds it first, which takes a while.
bench-scale: $(STAMP)
	$(BIN)/python tests/benchmarks/scale_bench.py

# Needs Debian's redis-server (as .ci/run installs it).
bench-scale-out: $(STAMP)
	$(BIN)/python tests/benchmarks/scale_out_bench.py

demo: $(STAMP) $(REPLAY_FILES)
	$(BIN)/morgue demo --dir demo

serve: $(STAMP) $(REPLAY_FILES)
	$(BIN)/morgue serve --db demo/morgue.db --warc-dir demo/warc

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP) $(PYWB_STAMP) $(REPLAY_FILES)
	$(BIN)/pytest

test: lint typecheck pytest

# The edit loop: everything but the tests that start a subprocess, a server or Redis.
test-fast: $(STAMP) $(REPLAY_FILES)
	$(BIN)/pytest -m "not integration and not slow" -q

clean:
	rm -rf demo .pytest_cache .mypy_cache .ruff_cache
