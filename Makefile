# On a fresh machine with Python 3.11+:  make sandbox (try it)  |  make run  |  make test
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: install run test lint sandbox fake-telegram bench clean

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

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
