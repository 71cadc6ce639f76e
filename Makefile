# One entry point for every task. `make site` and `make test` are the README's quick start.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
AS_OF ?= $(shell date +%F)

.PHONY: install install-test site test lint golden browser-deps validate serve bench clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install -q -e .

install-test: $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'

# Debian's Chromium and ChromeDriver for the browser tests, and axe-core from the npm registry.
browser-deps:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; }
	@test -f tests/browser/node_modules/axe-core/axe.min.js || (cd tests/browser && npm ci --silent --no-audit --no-fund)

site: install
	$(BIN)/giaitrinh build --out site

validate: install
	$(BIN)/giaitrinh validate

serve: install
	$(BIN)/giaitrinh serve

test: install-test browser-deps
	$(BIN)/python -m pytest -q

lint: install-test
	$(BIN)/ruff check generator tests

golden: install-test
	GIAITRINH_REFRESH_GOLDEN=1 $(BIN)/python -m pytest -q tests/test_golden.py

# The scale benchmark (bench/README.md): `make bench SIZES=1000,10000` for a shorter run.
bench: install
	$(BIN)/python bench/benchmark.py $(if $(SIZES),--sizes $(SIZES))

clean:
	rm -rf site .cache
