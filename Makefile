# The README's two commands, `make serve` and `make test`, do all the set-up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
# Material 9.x prints an end-of-life banner on every build; it is noise in logs, not a warning.
export NO_MKDOCS_2_WARNING := 1

.PHONY: install serve site test check bench lint readme clean

install: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

# awesome-lint and axe-core, for the README lint and the accessibility test.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $(NODE_STAMP)

serve: install
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

site: install
	$(BIN)/mkdocs build --strict --site-dir public

test: install $(NODE_STAMP)
	$(BIN)/python -m pytest

check: install
	$(BIN)/awesome check --json reports/health.json --markdown reports/health.md

# Figures to compare between commits: the checker against the limits' ideal and lychee, then the site build.
bench: install
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python -m benchmarks.links
	$(BIN)/python -m benchmarks.http_clients
	test ! -f benchmarks/catalog_load.py || $(BIN)/python -m benchmarks.catalog_load
	$(BIN)/python -m benchmarks.site_build

lint: install $(NODE_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/awesome validate --strict
	$(BIN)/awesome readme --check
	$(BIN)/python -m tools.lint_readme
	$(BIN)/awesome issue-form --check
	$(BIN)/zizmor --offline --min-severity medium .github
	$(BIN)/actionlint

readme: install
	$(BIN)/awesome readme

clean:
	rm -rf $(VENV) public reports node_modules .cache .pytest_cache
