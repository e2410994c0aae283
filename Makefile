# On a fresh machine with Python 3.11+ and make:  make sandbox (try it)  |  make run  |  make test
PYTHON ?= python3
# Development: the package editable, with the dev extras (tests, lint, catalogs, benchmarks).
VENV ?= .venv
BIN := $(VENV)/bin
# Running: the package as `pip install .` builds it, without the dev extras (make run, the
# sandbox, the fake Telegram; deploy/habitloop.service runs the bot from it).
RUN_VENV ?= .venv-run
RUN_BIN := $(RUN_VENV)/bin

.PHONY: install install-run browser run test lint sandbox fake-telegram bench clean messages \
	language

# The bot's catalogs (gettext, kept with Babel): docs/translating.md.
LOCALES := bot/locales
CATALOG := $(LOCALES)/habitloop.pot
PYBABEL := $(BIN)/pybabel

# What the runtime install is built from: it is built again when any of it changes (a pull).
PACKAGE_SOURCES := pyproject.toml README.md LICENSE \
	$(shell find bot migrations -type f -not -name '*.pyc' 2>/dev/null)

# A virtualenv in $(1), or one line saying what Python lacks for it.
define new_venv
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || { \
		echo "habitloop needs Python 3.11 or newer as $(PYTHON) (or say which: make PYTHON=python3.12 ...)" >&2; \
		exit 1; }
	@$(PYTHON) -m venv $(1) || { \
		echo "$(PYTHON) can't make a virtualenv: install its venv module (Debian, Ubuntu: sudo apt-get install python3-venv)" >&2; \
		exit 1; }
endef

$(BIN)/habitloop: pyproject.toml
	$(call new_venv,$(VENV))
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

$(RUN_VENV)/installed: $(PACKAGE_SOURCES)
	$(if $(wildcard $(RUN_BIN)/python),,$(call new_venv,$(RUN_VENV)))
	$(RUN_BIN)/python -m pip install --quiet --upgrade pip
	@# pip builds the package afresh and replaces the installed one; setuptools builds in
	@# ./build, where a stale copy could carry removed files along.
	rm -rf build
	$(RUN_BIN)/python -m pip install --quiet .
	rm -rf build
	@touch $@

install: $(BIN)/habitloop browser  ## the development virtualenv, and a browser for its tests

install-run: $(RUN_VENV)/installed  ## the runtime virtualenv: what a host runs

browser: $(BIN)/habitloop  ## find or get a Chromium for the browser tests (scripts/browser.py)
	$(BIN)/python -m scripts.browser

run: install-run  ## migrate the database and run the bot (needs BOT_TOKEN in .env or the environment)
	$(RUN_BIN)/habitloop run

test: install  ## the whole test suite (PostgreSQL too when TEST_DATABASE_URL is set)
	$(BIN)/pytest -n auto

lint: $(BIN)/habitloop
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

sandbox: install-run  ## try the bot in your browser: a fake Telegram on this machine, no token
	$(RUN_BIN)/habitloop sandbox

fake-telegram: install-run
	$(RUN_BIN)/habitloop fake-telegram --port 8081

bench: $(BIN)/habitloop
	$(BIN)/python -m bench.bench_advance

messages: $(BIN)/habitloop  ## gather the sentences from the code; bring every language's catalog up to date
	$(PYBABEL) --quiet extract -F babel.cfg --add-comments=TRANSLATORS: --add-location=file \
		--no-wrap --project=Habitloop --copyright-holder="Habitloop contributors" \
		-o $(CATALOG) bot
	$(PYBABEL) --quiet update -i $(CATALOG) -d $(LOCALES) -D habitloop --ignore-obsolete \
		--no-wrap

language: messages  ## start a new language's catalog: make language LANGUAGE=fr
	@test -n "$(LANGUAGE)" || { echo "say which: make language LANGUAGE=fr" >&2; exit 2; }
	$(PYBABEL) init -i $(CATALOG) -d $(LOCALES) -D habitloop -l $(LANGUAGE) --no-wrap

clean:
	rm -rf $(VENV) $(RUN_VENV) .mypy_cache .ruff_cache .pytest_cache
