"""Logs in both formats, and every path by which a secret could reach them."""

from __future__ import annotations

import asyncio
import importlib.util
import io
import json
import logging
import sys
import threading
import warnings
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any, Literal
from urllib.parse import quote

import httpx
import pytest
from aiohttp import web

from bot.logcontext import current_log_context, log_context
from bot.logs import (
    QUIET_LOGGERS,
    SECRET_MARK,
    TOKEN_MARK,
    Redactor,
    make_handler,
    setup_logging,
)
from tests.stub_server import stub_server

TOKEN = "123456789:AAHabitloopUnitTokenAbcdefghijk0123"
TOKEN_SECRET = TOKEN.split(":", 1)[1]
WEBHOOK_SECRET = "unit-test-webhook-secret"
DB_PASSWORD = "p@ss/word 42"
SECRETS = (TOKEN, WEBHOOK_SECRET, DB_PASSWORD)
FORMATS: tuple[Literal["text", "json"], ...] = ("text", "json")
# Every spelling of a secret that must never appear in any output.
FORBIDDEN = (
    TOKEN_SECRET,
    quote(TOKEN_SECRET, safe=""),
    WEBHOOK_SECRET,
    DB_PASSWORD,
    quote(DB_PASSWORD, safe=""),
    "p%40ss",
)


def assert_clean(output: str) -> None:
    for secret in FORBIDDEN:
        assert secret not in output, output


class Capture:
    """A logger of its own whose lines go through a redacting handler into a string."""

    def __init__(self, log_format: Literal["text", "json"]) -> None:
        self.stream = io.StringIO()
        self.logger = logging.getLogger(f"habitloop.test.{log_format}.{id(self)}")
        self.logger.propagate = False
        self.logger.setLevel(logging.DEBUG)
        self.handler = make_handler(log_format, SECRETS, self.stream)
        self.logger.addHandler(self.handler)

    def output(self) -> str:
        return self.stream.getvalue()

    def entries(self) -> list[dict[str, Any]]:
        """The JSON format's lines, each parsed (fails if any line is not one JSON object)."""
        return [json.loads(line) for line in self.output().splitlines()]

    def close(self) -> None:
        self.logger.removeHandler(self.handler)


@pytest.fixture(params=FORMATS)
def capture(request: pytest.FixtureRequest) -> Iterator[Capture]:
    sink = Capture(request.param)
    yield sink
    sink.close()


@pytest.fixture
def text() -> Iterator[Capture]:
    sink = Capture("text")
    yield sink
    sink.close()


@pytest.fixture
def as_json() -> Iterator[Capture]:
    sink = Capture("json")
    yield sink
    sink.close()


def leaky_module(tmp_path: Path) -> ModuleType:
    """A module whose source lines hold the token, as a traceback or a stack would show them."""
    source = (
        "def fail():\n"
        f"    raise ConnectionError('cannot reach http://127.0.0.1:9/bot{TOKEN}/getMe')\n"
        "\n"
        "def log_here(logger):\n"
        f"    logger.warning('where am I?', stack_info=True)  # /bot{TOKEN}/getMe\n"
    )
    path = tmp_path / "leaky_module.py"
    path.write_text(source)
    spec = importlib.util.spec_from_file_location("leaky_module", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- every leak path, in both formats -------------------------------------------------------


def test_the_message(capture: Capture) -> None:
    capture.logger.info(f"calling https://api.telegram.org/bot{TOKEN}/getMe")
    assert_clean(capture.output())
    assert TOKEN_MARK in capture.output()


def test_the_arguments(capture: Capture) -> None:
    capture.logger.info("secret %s, password %r, token %s", WEBHOOK_SECRET, DB_PASSWORD, TOKEN)
    assert_clean(capture.output())
    assert capture.output().count(SECRET_MARK) == 2
    assert TOKEN_MARK in capture.output()


def test_the_exception_message(capture: Capture) -> None:
    try:
        raise RuntimeError(f"The token `{TOKEN}` was rejected by the server.")
    except RuntimeError:
        capture.logger.exception("start-up failed")
    assert_clean(capture.output())
    assert "The token `<token>` was rejected" in capture.output()


def test_a_traceback_whose_source_lines_hold_the_token(capture: Capture, tmp_path: Path) -> None:
    module = leaky_module(tmp_path)
    try:
        module.fail()
    except ConnectionError:
        capture.logger.error("cannot reach Telegram", exc_info=True)
    output = capture.output()
    assert_clean(output)
    assert "leaky_module.py" in output  # the traceback is there, only redacted


async def test_a_library_error_naming_a_local_url_with_the_token(capture: Capture) -> None:
    async def not_found(request: web.Request) -> web.Response:
        return web.Response(status=404)

    async with stub_server(not_found) as url, httpx.AsyncClient() as client:
        response = await client.get(f"{url}/bot{TOKEN}/getMe")
        try:
            response.raise_for_status()  # httpx names the whole URL in its message
        except httpx.HTTPStatusError:
            capture.logger.exception("request failed")
    output = capture.output()
    assert_clean(output)
    assert "HTTPStatusError" in output
    assert f"/bot{TOKEN_MARK}/getMe" in output


def test_stack_info(capture: Capture, tmp_path: Path) -> None:
    leaky_module(tmp_path).log_here(capture.logger)
    output = capture.output()
    assert_clean(output)
    assert "Stack (most recent call last)" in output


def test_url_encoded_forms(capture: Capture) -> None:
    capture.logger.warning("redirect to /login?next=%s", quote(f"/bot{TOKEN}/getMe", safe=""))
    capture.logger.warning("lower-case escapes: %s", quote(TOKEN, safe="").replace("%3A", "%3a"))
    capture.logger.warning("form body: password=%s", quote(DB_PASSWORD, safe=""))
    output = capture.output()
    assert_clean(output)
    assert "3A" + TOKEN_SECRET not in output
    assert "3a" + TOKEN_SECRET not in output


def test_the_secret_part_of_the_token_alone(capture: Capture) -> None:
    # An error page that shortened the URL it echoes, cutting off the bot id.
    capture.logger.error("upstream error for ...%s/getMe", TOKEN_SECRET)
    assert_clean(capture.output())


def test_any_token_shaped_text_even_one_not_configured(capture: Capture) -> None:
    other = "987654321:" + "Zz_-" * 9
    capture.logger.info("token %s, encoded %s", other, quote(other, safe=""))
    assert other.split(":")[1] not in capture.output()
    assert capture.output().count(TOKEN_MARK) == 2


def test_the_secret_token_parameter_of_set_webhook(capture: Capture) -> None:
    # How python-telegram-bot logs a call at DEBUG, with a secret it was not told about.
    capture.logger.debug(
        "Calling Bot API endpoint `%s` with parameters `%s`",
        "setWebhook",
        {"url": "https://bot.example.com/telegram", "secret_token": "not-configured-42"},
    )
    capture.logger.debug("X-Telegram-Bot-Api-Secret-Token: not-configured-42")
    capture.logger.debug("POST /telegram?secret_token=not-configured-42&x=1")
    output = capture.output()
    assert "not-configured-42" not in output
    assert "'secret_token': '<secret>'" in output
    assert "https://bot.example.com/telegram" in output  # the rest stays readable


def test_the_same_secrets_leave_a_clean_line_alone(capture: Capture) -> None:
    capture.logger.info("chat %s checked in at %s", -1001234567890, "12:30:45")
    assert "chat -1001234567890 checked in at 12:30:45" in capture.output()


# --- the two formats ------------------------------------------------------------------------


def test_text_lines_show_time_level_logger_and_message(text: Capture) -> None:
    text.logger.info("hello %s", "world")
    (line,) = text.output().splitlines()
    date, time, level, logger, *message = line.split()
    assert len(date) == 10
    assert len(time) == 8
    assert (level, logger, message) == ("INFO", f"{text.logger.name}:", ["hello", "world"])


def test_json_is_one_object_a_line_with_the_fields_a_host_ships(as_json: Capture) -> None:
    as_json.logger.info("first line\nsecond line of the same entry")
    try:
        raise ValueError("bad value")
    except ValueError:
        as_json.logger.exception("it failed")

    first, second = as_json.entries()
    assert set(first) == {"time", "level", "logger", "message"}
    assert first["message"] == "first line\nsecond line of the same entry"
    assert (first["level"], first["logger"]) == ("INFO", as_json.logger.name)
    assert first["time"].endswith("Z")
    assert "T" in first["time"]
    assert second["level"] == "ERROR"
    assert second["exc"].startswith("Traceback (most recent call last)")
    assert second["exc"].rstrip().endswith("ValueError: bad value")


def test_json_stack_info_is_its_own_field(as_json: Capture) -> None:
    as_json.logger.info("here", stack_info=True)
    (entry,) = as_json.entries()
    assert entry["stack"].startswith("Stack (most recent call last)")


def test_a_secret_with_characters_json_escapes(as_json: Capture) -> None:
    handler = make_handler("json", ['se"cr\\et'], as_json.stream)
    as_json.logger.addHandler(handler)
    try:
        as_json.logger.info('quoted: se"cr\\et')
    finally:
        as_json.logger.removeHandler(handler)
    *_, entry = as_json.entries()
    assert entry["message"] == f"quoted: {SECRET_MARK}"


def test_the_update_and_chat_come_from_the_log_context(text: Capture, as_json: Capture) -> None:
    with log_context(update_id=7001, chat_id=-100555):
        text.logger.info("inside")
        as_json.logger.info("inside")
    text.logger.info("outside")
    as_json.logger.info("outside")

    inside, outside = text.output().splitlines()
    assert f"{text.logger.name} [update_id=7001 chat_id=-100555]: inside" in inside
    assert f"{text.logger.name}: outside" in outside
    inside_entry, outside_entry = as_json.entries()
    assert (inside_entry["update_id"], inside_entry["chat_id"]) == (7001, -100555)
    assert "update_id" not in outside_entry
    assert "chat_id" not in outside_entry


def test_nested_contexts_add_up_and_restore() -> None:
    with log_context(update_id=1):
        assert current_log_context() == {"update_id": 1}
        with log_context(chat_id=-5):
            assert current_log_context() == {"update_id": 1, "chat_id": -5}
            with log_context(chat_id=-6, update_id=None):
                assert current_log_context() == {"update_id": 1, "chat_id": -6}
            assert current_log_context() == {"update_id": 1, "chat_id": -5}
        assert current_log_context() == {"update_id": 1}
    assert current_log_context() == {}


def test_extra_fields_win_over_the_context(as_json: Capture) -> None:
    with log_context(update_id=1, chat_id=2):
        as_json.logger.info("posting", extra={"chat_id": 3})
    (entry,) = as_json.entries()
    assert (entry["update_id"], entry["chat_id"]) == (1, 3)


async def test_concurrent_updates_keep_their_own_context(as_json: Capture) -> None:
    async def process(update_id: int, chat_id: int) -> None:
        with log_context(update_id=update_id, chat_id=chat_id):
            await asyncio.sleep(0)  # let the other update run in between
            as_json.logger.info("processed")

    await asyncio.gather(*(process(n, -n) for n in range(1, 6)))
    pairs = sorted((e["update_id"], e["chat_id"]) for e in as_json.entries())
    assert pairs == [(n, -n) for n in range(1, 6)]


def test_redactor_without_secrets_still_hides_token_shapes() -> None:
    assert Redactor()(f"url /bot{TOKEN}/getMe") == f"url /bot{TOKEN_MARK}/getMe"


# --- installed on the root: every logger, warnings, uncaught exceptions ---------------------


@pytest.fixture
def root_output() -> Iterator[io.StringIO]:
    """``setup_logging`` into a string; the process-wide state is put back afterwards."""
    root = logging.getLogger()
    level = root.level
    hooks = (sys.excepthook, threading.excepthook, sys.unraisablehook)
    quiet = {name: logging.getLogger(name).level for name in QUIET_LOGGERS}
    stream = io.StringIO()
    setup_logging("INFO", SECRETS, "text", stream)
    ours = list(root.handlers)
    try:
        yield stream
    finally:
        for handler in ours:
            root.removeHandler(handler)
        root.setLevel(level)
        logging.captureWarnings(False)
        sys.excepthook, threading.excepthook, sys.unraisablehook = hooks
        for name, old in quiet.items():
            logging.getLogger(name).setLevel(old)


LIBRARY_LOGGERS = [
    "telegram.ext.Application",
    "telegram.request",
    "httpx",
    "aiohttp.server",
    "sqlalchemy.engine.Engine",
    "alembic.runtime.migration",
    "asyncio",
]


@pytest.mark.parametrize("name", LIBRARY_LOGGERS)
def test_every_library_logger_goes_through_the_redaction(
    root_output: io.StringIO, name: str
) -> None:
    logging.getLogger(name).error("failed: /bot%s/getMe secret=%s", TOKEN, WEBHOOK_SECRET)
    output = root_output.getvalue()
    assert f"{name}: failed: /bot{TOKEN_MARK}/getMe" in output
    assert_clean(output)


def test_warnings_go_through_the_redaction(root_output: io.StringIO) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        warnings.warn(f"deprecated call to /bot{TOKEN}/getMe", DeprecationWarning, stacklevel=1)
    output = root_output.getvalue()
    assert "py.warnings" in output
    assert "DeprecationWarning" in output
    assert_clean(output)


def test_an_uncaught_exception_is_logged_redacted(root_output: io.StringIO) -> None:
    try:
        raise RuntimeError(f"The token `{TOKEN}` was rejected by the server.")
    except RuntimeError as error:
        sys.excepthook(type(error), error, error.__traceback__)
    output = root_output.getvalue()
    assert "CRITICAL bot.uncaught: stopped by RuntimeError" in output
    assert "The token `<token>` was rejected" in output
    assert_clean(output)


def test_an_exception_ending_a_thread_is_logged_redacted(root_output: io.StringIO) -> None:
    def work() -> None:
        raise RuntimeError(f"password {DB_PASSWORD}")

    worker = threading.Thread(target=work, name="worker")
    worker.start()
    worker.join()
    output = root_output.getvalue()
    assert "worker stopped by RuntimeError" in output
    assert_clean(output)


def test_quiet_libraries_and_alembic_chatter_stay_below_info(root_output: io.StringIO) -> None:
    logging.getLogger("httpx").info("HTTP Request: POST https://api.telegram.org/...")
    logging.getLogger("apscheduler.executors.default").info('Running job "tick"')
    logging.getLogger("aiohttp.access").info("127.0.0.1 POST /telegram 200")
    logging.getLogger("alembic.runtime.plugins").info("setup plugin alembic.autogenerate.schemas")
    migration = logging.getLogger("alembic.runtime.migration")
    migration.info("Context impl SQLiteImpl.")
    migration.info("Will assume non-transactional DDL.")
    migration.info("Running upgrade  -> 0001, Initial schema")
    logging.getLogger("httpx").warning("a warning still shows")

    lines = root_output.getvalue().splitlines()
    assert len(lines) == 2, lines
    assert lines[0].endswith("alembic.runtime.migration: Running upgrade  -> 0001, Initial schema")
    assert lines[1].endswith("httpx: a warning still shows")
