# One entry point for every task. `make site` and `make test` are the README's quick start.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
AS_OF ?= $(shell date +%F)

.PHONY: install install-test lock test-latest site test lint golden browser-deps validate data-check archive serve bench clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q "pip==26.3"

# What is installed comes from the lock files (exact versions and hashes, made by pip-tools from
# the ranges in pyproject.toml), so a release made last night cannot change a build or a test.
# A stamp per lock file: nothing is reinstalled until the lock or pyproject.toml changes.
install: $(VENV)/.installed-run
install-test: $(VENV)/.installed-test

$(VENV)/.installed-run: requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q --require-hashes -r requirements.lock
	$(BIN)/pip install -q --no-deps -e .
	touch $@

$(VENV)/.installed-test: requirements-test.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q --require-hashes -r requirements-test.lock
	$(BIN)/pip install -q --no-deps -e .
	touch $@ $(VENV)/.installed-run

# Refresh the lock files after changing pyproject.toml (`make lock` keeps every other pin), or
# take the newest releases the ranges allow on purpose (`make lock UPGRADE=1`); then `make test`
# and commit the lock files with the test result.
LOCK_FLAGS := -q --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links \
  $(if $(UPGRADE),--upgrade)
lock: $(BIN)/python
	$(BIN)/pip install -q "pip-tools>=7.4"
	$(BIN)/pip-compile $(LOCK_FLAGS) -o requirements.lock pyproject.toml
	$(BIN)/pip-compile $(LOCK_FLAGS) --extra test -o requirements-test.lock pyproject.toml

# The whole test suite against the newest releases the ranges allow, in a venv of its own: run
# it by hand before `make lock` to see what an upgrade would break.
test-latest: browser-deps
	rm -rf .venv-latest && $(PY) -m venv .venv-latest
	.venv-latest/bin/pip install -q --upgrade pip
	.venv-latest/bin/pip install -q --upgrade -e '.[test]'
	.venv-latest/bin/python -m pytest -q

# Debian's Chromium and ChromeDriver for the browser tests, and axe-core from the npm registry.
browser-deps:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; }
	@test -f tests/browser/node_modules/axe-core/axe.min.js || (cd tests/browser && npm ci --silent --no-audit --no-fund)

site: install
	$(BIN)/giaitrinh build --out site

validate: install
	$(BIN)/giaitrinh validate

# The pull-request data check (no browser): validate (only what changed since CHANGED_FROM, if
# given) and build; `make data-check CHANGED_FROM=origin/main`. First writes the pull-request
# summary to tom-tat.md against CHANGED_FROM, or origin/main, or main (whichever exists).
data-check: install
	@base="$(CHANGED_FROM)"; \
	if [ -z "$$base" ]; then for ref in origin/main main; do \
	  if git rev-parse -q --verify "$$ref^{commit}" >/dev/null 2>&1; then base=$$ref; break; fi; done; fi; \
	if [ -n "$$base" ]; then $(BIN)/giaitrinh pr-summary --changed-from "$$base" --out tom-tat.md && \
	  echo "Bản tóm tắt thay đổi so với $$base: tom-tat.md"; \
	else echo "Không có nhánh gốc (origin/main hoặc main) để so sánh: bỏ qua bản tóm tắt tom-tat.md."; fi
	$(BIN)/giaitrinh validate $(if $(CHANGED_FROM),--changed-from $(CHANGED_FROM))
	$(BIN)/giaitrinh build --out site

# The built site (site/) as a dated archive for the provincial portal, after `make site`.
archive:
	tar --sort=name --owner=0 --group=0 --numeric-owner -czf cong-giai-trinh-$(AS_OF).tar.gz -C site .

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
