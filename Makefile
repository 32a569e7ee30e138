# The project's commands. `make site` builds everything; `make test` checks everything.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := site

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test check clean system-deps lint workflows quality bench diff generate

# Python packages: exact versions with hashes, from the one lock file.
$(VENV)/.installed: requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	touch $@

# npm packages (iframe-worker, axe-core, Lighthouse, Nu HTML Checker, pa11y), from
# package-lock.json. pa11y drives Debian's chromium: puppeteer never downloads a browser.
node_modules/.installed: package.json package-lock.json
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund
	touch $@

# Debian packages (chromium, poppler-utils, fonts, Java), installed if missing.
system-deps:
	scripts/install-system-deps.sh

## site: build the site, its PDFs and its offline copy into site/
site: $(VENV)/.installed node_modules/.installed system-deps
	$(PY) -m scripts.build_site

## serve: live preview at http://127.0.0.1:8000 that rebuilds when docs/ or data/ change
## (the pages that come from data are written again when data/ changes)
serve: $(VENV)/.installed
	$(PY) -m scripts.serve

## generate: write the pages that come from data/ (docs/symptoms/<id>.md, their nav in
## mkdocs.yml, the glossary's abbreviations); every build runs it first
generate: $(VENV)/.installed
	$(PY) -m macros generate

## check: validate data/ only, printing every error as file:line:col
check: $(VENV)/.installed
	$(PY) -m macros check

## lint: ruff and mypy over the Python code
lint: $(VENV)/.installed
	$(VENV)/bin/ruff check macros scripts tests
	$(VENV)/bin/ruff format --check macros scripts tests
	$(VENV)/bin/mypy macros scripts

## workflows: audit .github/ (workflows, dependabot) with zizmor offline and the JSON Schemas
workflows: $(VENV)/.installed
	$(VENV)/bin/zizmor --offline --quiet .github
	$(VENV)/bin/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml
	$(VENV)/bin/check-jsonschema --builtin-schema vendor.dependabot .github/dependabot.yml

## test: everything CI checks (builds the site first)
test: site
	$(MAKE) workflows
	$(MAKE) lint
	$(PY) -m pytest -n 2 --ignore=tests/quality
	$(MAKE) quality
	$(MAKE) properdocs
	$(MAKE) zensical

.PHONY: unit properdocs zensical

## unit: the quick loop while you edit: loader, components, bad input, workflows, small
## fixture builds; no built site, no browser, no benchmark, no quality gate (tests marked
## site, browser or bench are left out; see tests/conftest.py)
unit: $(VENV)/.installed
	$(PY) -m pytest -q --ignore=tests/quality -m "not site and not browser and not bench"

## properdocs: build with ProperDocs (the maintained MkDocs 1.x) and with MkDocs, and check
## every page is the same (the exit from MkDocs stays open)
properdocs: $(VENV)/.installed
	$(PY) -m scripts.quality.properdocs

## zensical: build with Zensical (Material's successor, pinned in the lock) beside MkDocs
## and check every page's main text is the same, but for the differences the README lists
## under "Zensical" (the check allows those by name, and nothing else)
zensical: $(VENV)/.installed
	$(PY) -m scripts.quality.zensical

## quality: accessibility (axe at three screen sizes, pa11y), reflow, Lighthouse, HTML,
## links, readability, structured data over the built site/ (run `make site` first);
## reports in build/reports/
quality: $(VENV)/.installed node_modules/.installed
	$(PY) -m pytest -n 2 tests/quality

## bench: time the real site, 100/1,000/3,000 synthetic topics (ours, plain MkDocs, Hugo),
## the mkdocs serve edit loop and Lighthouse performance; prints a table, writes
## build/bench.json. Not a test.
bench: $(VENV)/.installed node_modules/.installed system-deps
	$(PY) -m scripts.bench $(BENCH_ARGS)

## diff: what readers will see change against BASE (default: the merge base with main),
## page by page (PDFS=yes: the PDFs too, slower); writes build/reports/content-diff.md and a
## preview of the changed pages in build/diff/preview/
diff: $(VENV)/.installed
	$(PY) -m scripts.diff $(if $(BASE),--base "$(BASE)") $(if $(filter yes,$(PDFS)),--pdfs)

clean:
	rm -rf site build .pytest_cache .mypy_cache .ruff_cache
