# The two commands of the quick start are `make run` and `make test`.
SHELL := /bin/bash
PY := .venv/bin/python
# Packages that mypy checks whole, beside every services.py and selectors.py.
MYPY_PACKAGES := portal/core/charts.py portal/core/rules.py portal/core/permissions.py \
  opendata/sensors/ingestion opendata/sensors/publication opendata/sensors/catalogue \
  participation/defects/catalogue.py \
  participation/defects/statistics.py
MANAGE := $(PY) manage.py

.PHONY: run test test-browser test-worker bench load-defects lint format check messages lock setup-run setup-test clean help

help:
	@echo "make run           install what is missing, migrate, load the demo city, start the portal"
	@echo "make test          install what is missing and run the test suite (SpatiaLite)"
	@echo "make test-browser  browser tests with Playwright, Chromium and axe-core"
	@echo "make bench         run the benchmarks (ratios against a baseline from the same run)"
	@echo "make load-defects  2,000 Open311 reports from 50 clients at BASE_URL (OPEN311_API_KEY=...)"
	@echo "make lint          ruff (check, format), import contracts, mypy"

setup-run:
	@scripts/bootstrap dev
	@$(MANAGE) compilemessages --ignore=.venv -v 0

setup-test: setup-run

run: setup-run
	@mkdir -p var
	@$(MANAGE) migrate --no-input -v 0
	@$(MANAGE) seed_demo --quiet-logins
	@scripts/run-local

test: setup-test
	$(PY) -m pytest -m "not browser" $(PYTEST_ARGS)

test-browser:
	@scripts/bootstrap browser
	@$(MANAGE) compilemessages --ignore=.venv -v 0
	$(PY) -m pytest -m browser $(PYTEST_ARGS)

bench: setup-run
	$(PY) bench/run.py

# Starts nothing: run it against gunicorn on PostGIS (see bench/load_defects.py for how).
BASE_URL ?= http://127.0.0.1:58000
load-defects:
	$(PY) bench/load_defects.py --base-url $(BASE_URL) --api-key "$(OPEN311_API_KEY)" $(LOAD_ARGS)

lint: setup-test
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/lint-imports
	.venv/bin/mypy $$(find portal opendata participation \( -name services.py -o -name selectors.py \) \
	  -not -path '*/migrations/*') $(MYPY_PACKAGES)

format: setup-test
	.venv/bin/ruff format .
	.venv/bin/ruff check --fix .

check: setup-test
	$(MANAGE) makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=portal.settings.production SECRET_KEY=$$(head -c 48 /dev/urandom | base64) \
	  ALLOWED_HOSTS=portal.example $(MANAGE) check --deploy --fail-level WARNING

messages: setup-test
	$(MANAGE) makemessages -l de -l en --ignore=.venv --ignore=var --no-obsolete

lock:
	scripts/lock

clean:
	rm -rf var staticfiles
