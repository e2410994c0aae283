# On a fresh machine with Python 3.11+:  make sandbox (try it)  |  make run  |  make test
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: install run test lint sandbox fake-telegram bench clean messages language

# The bot's catalogs (gettext, kept with Babel): docs/translating.md.
LOCALES := bot/locales
CATALOG := $(LOCALES)/habitloop.pot
PYBABEL := $(BIN)/pybabel

$(BIN)/habitloop: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

install: $(BIN)/habitloop

run: install  ## migrate the database and run the bot (needs BOT_TOKEN in .env or the environment)
	$(BIN)/habitloop run

test: install  ## the whole test suite (PostgreSQL too when TEST_DATABASE_URL is set)
	$(BIN)/pytest -n auto

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

sandbox: install  ## try the bot in your browser: a fake Telegram on this machine, no token
	$(BIN)/habitloop sandbox

fake-telegram: install
	$(BIN)/habitloop fake-telegram --port 8081

bench: install
	$(BIN)/python -m bench.bench_advance

messages: install  ## gather the sentences from the code; bring every language's catalog up to date
	$(PYBABEL) --quiet extract -F babel.cfg --add-comments=TRANSLATORS: --add-location=file \
		--no-wrap --project=Habitloop --copyright-holder="Habitloop contributors" \
		-o $(CATALOG) bot
	$(PYBABEL) --quiet update -i $(CATALOG) -d $(LOCALES) -D habitloop --ignore-obsolete \
		--no-wrap

language: messages  ## start a new language's catalog: make language LANGUAGE=fr
	@test -n "$(LANGUAGE)" || { echo "say which: make language LANGUAGE=fr" >&2; exit 2; }
	$(PYBABEL) init -i $(CATALOG) -d $(LOCALES) -D habitloop -l $(LANGUAGE) --no-wrap

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
