"""Logs a person can read or a host can ship, that never show the bot token or another secret.

Everything a habitloop process prints goes through one handler on the root logger: our
loggers, every library's (python-telegram-bot, httpx, aiohttp, SQLAlchemy, Alembic), warnings,
and exceptions nobody caught. Its formatter redacts the whole formatted output (message,
arguments, exception text, traceback, stack) in both formats, so no path around it is left.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import threading
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, TextIO
from urllib.parse import quote, quote_plus

from bot.config import LogFormat
from bot.logcontext import FIELDS, current_log_context

# Anything shaped like a bot token, wherever it appears (a URL, an error message), with its
# colon as it is or URL-encoded.
_TOKEN = re.compile(r"\d{5,20}(?::|%3[Aa])[A-Za-z0-9_-]{20,}")
_TOKEN_SHAPE = re.compile(r"\d{1,20}:\S+")
# setWebhook's secret, however it is spelled: python-telegram-bot logs the parameters of its
# calls at DEBUG ('secret_token': '...'), a form or query string has secret_token=..., and the
# header Telegram sends back is X-Telegram-Bot-Api-Secret-Token: ...
_SECRET_PARAMETER = re.compile(
    r"""(secret[_-]token['"]?\s*[:=]\s*['"]?)(?!None\b)[^'"&\s,;}]+""", re.IGNORECASE
)
TOKEN_MARK = "<token>"
SECRET_MARK = "<secret>"
# An error page (HTML from Telegram's front, while the Bot API behind it is away) as
# python-telegram-bot quotes it in its errors: the page's title says all there is to say.
_QUOTED_PAGE = re.compile(
    r"Parsing the server response b(?P<q>['\"])(?P<page>(?:\\.|(?!(?P=q)).)*)(?P=q) failed"
)
_PAGE_TITLE = re.compile(r"<title>\s*(.*?)\s*</title>", re.IGNORECASE | re.DOTALL)


_TAG_OR_ESCAPE = re.compile(r"<[^>]*>|\\[rnt]")
SUMMARY_LENGTH = 80


def page_summary(page: str) -> str:
    """An error page in a few words: its title, else its first words of text. Words are
    never cut (a cut token could no longer be recognised and hidden)."""
    found = _PAGE_TITLE.search(page)
    if found:
        return found.group(1)
    summary = ""
    for word in _TAG_OR_ESCAPE.sub(" ", page).split():
        if len(summary) >= SUMMARY_LENGTH:
            break
        summary = f"{summary} {word}" if summary else word
    return summary


def shorten_error_pages(text: str) -> str:
    """Error pages quoted in an error's text, shortened to what they say."""
    return _QUOTED_PAGE.sub(
        lambda m: f"The answer was a page, not JSON: {page_summary(m.group('page'))}", text
    )


def _spellings(secret: str) -> set[str]:
    """A secret as it is and as it looks inside a URL (percent-encoded, either case of hex)."""
    encoded = {quote(secret, safe=""), quote(secret), quote_plus(secret)}
    lower = {re.sub(r"%[0-9A-F]{2}", lambda m: m.group(0).lower(), e) for e in encoded}
    return {secret} | encoded | lower


class Redactor:
    """Replaces the configured secrets, anything shaped like a token, and secret_token values.

    A configured bot token is also hidden by its secret part alone (after the colon): an error
    page that echoes ``.../bot123:ABC.../getMe`` may cut or re-encode the URL.
    """

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        marks: dict[str, str] = {}
        for secret in filter(None, secrets):
            if _TOKEN_SHAPE.fullmatch(secret):
                for spelling in _spellings(secret) | _spellings(secret.split(":", 1)[1]):
                    marks[spelling] = TOKEN_MARK
            else:
                for spelling in _spellings(secret):
                    marks.setdefault(spelling, SECRET_MARK)
        self._marks = marks
        # Longest first, so a whole token goes before its secret part.
        alternatives = sorted(marks, key=len, reverse=True)
        self._configured = (
            re.compile("|".join(map(re.escape, alternatives))) if alternatives else None
        )

    def __call__(self, text: str) -> str:
        if self._configured is not None:
            text = self._configured.sub(lambda m: self._marks[m.group(0)], text)
        text = _TOKEN.sub(TOKEN_MARK, text)
        return _SECRET_PARAMETER.sub(rf"\g<1>{SECRET_MARK}", text)


def log_fields(record: logging.LogRecord) -> dict[str, Any]:
    """The update and chat a line is about: from ``extra=`` if given, else the log context."""
    context = current_log_context()
    fields = {name: getattr(record, name, context.get(name)) for name in FIELDS}
    return {name: value for name, value in fields.items() if value is not None}


class _Formatter(logging.Formatter):
    """The parts both formats share; subclasses lay them out and redact the result."""

    def __init__(self, redact: Callable[[str], str]) -> None:
        super().__init__()
        self.redact = redact

    def clean(self, text: str) -> str:
        """Without secrets, and without the bulk of error pages quoted in errors."""
        return self.redact(shorten_error_pages(text))

    def exception_text(self, record: logging.LogRecord) -> str | None:
        # Formatted here each time rather than cached on the record (record.exc_text), so
        # what a record carries to another handler is never an unredacted copy of ours.
        if record.exc_info:
            return self.formatException(record.exc_info)
        return record.exc_text or None

    def stack_text(self, record: logging.LogRecord) -> str | None:
        return self.formatStack(record.stack_info) if record.stack_info else None


class TextFormatter(_Formatter):
    """``2026-03-01 09:00:00 INFO    bot.handlers [update_id=7 chat_id=-100]: message``."""

    def format(self, record: logging.LogRecord) -> str:
        when = self.formatTime(record, "%Y-%m-%d %H:%M:%S")
        fields = log_fields(record)
        about = " [" + " ".join(f"{k}={v}" for k, v in fields.items()) + "]" if fields else ""
        lines = [f"{when} {record.levelname:<7} {record.name}{about}: {record.getMessage()}"]
        lines += filter(None, (self.exception_text(record), self.stack_text(record)))
        return self.clean("\n".join(lines))


class JsonFormatter(_Formatter):
    """One JSON object a line: time (ISO 8601, UTC), level, logger, message, the update and
    chat where known, ``exc`` (the formatted traceback) and ``stack`` when there are some."""

    def format(self, record: logging.LogRecord) -> str:
        when = datetime.fromtimestamp(record.created, tz=UTC)
        entry: dict[str, Any] = {
            "time": when.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            **log_fields(record),
        }
        exc, stack = self.exception_text(record), self.stack_text(record)
        if exc:
            entry["exc"] = exc
        if stack:
            entry["stack"] = stack
        # Each value is redacted before encoding: a secret looks different once JSON-escaped.
        cleaned = {k: self.clean(v) if isinstance(v, str) else v for k, v in entry.items()}
        return json.dumps(cleaned, ensure_ascii=False, default=str)


FORMATTERS: Mapping[LogFormat, type[_Formatter]] = {"text": TextFormatter, "json": JsonFormatter}

# Loggers that talk too much for a person below WARNING: httpx and httpcore log every request
# (its URL holds the token), apscheduler every run of the tick, aiohttp.access every webhook
# request, Alembic's plugin registry one line per plugin at every start, aiosqlite two lines
# per database call at DEBUG, python-telegram-bot's Application that it started and stopped
# (the bot says so itself).
QUIET_LOGGERS = (
    "httpx",
    "telegram.ext.Application",
    "httpcore",
    "apscheduler",
    "aiohttp.access",
    "alembic.runtime.plugins",
    "aiosqlite",
)
# What Alembic says at every start whether or not there is anything to migrate.
_ALEMBIC_CHATTER = ("Context impl ", "Will assume ")


class _AlembicChatter(logging.Filter):
    """Drops Alembic's per-start chatter unless the root logger is at DEBUG."""

    def filter(self, record: logging.LogRecord) -> bool:
        if logging.getLogger().isEnabledFor(logging.DEBUG):
            return True
        return not record.getMessage().startswith(_ALEMBIC_CHATTER)


_ALEMBIC_FILTER = _AlembicChatter()

# python-telegram-bot logs a whole traceback, and the whole page, each time Telegram's front
# answers with an HTML error page instead of JSON (a 502 while Telegram restarts); the call
# then fails with an error that our own lines report anyway.
_TELEGRAM_REQUESTS = "telegram.request.BaseRequest"
_NOT_JSON = "Can not load invalid JSON data"


class _TelegramErrorPage(logging.Filter):
    """Turns python-telegram-bot's traceback for a page that is not JSON into one warning
    line that names the page."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not str(record.msg).startswith(_NOT_JSON):
            return True
        page = str(record.args[0]) if isinstance(record.args, tuple) and record.args else ""
        record.msg = "Telegram answered with a page that is not JSON: %s"
        record.args = (page_summary(page),)
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        record.exc_info, record.exc_text = None, None
        return True


_TELEGRAM_ERROR_PAGE = _TelegramErrorPage()
_uncaught = logging.getLogger("bot.uncaught")


def _log_uncaught(
    kind: type[BaseException], error: BaseException, tb: TracebackType | None
) -> None:
    _uncaught.critical("stopped by %s", kind.__name__, exc_info=(kind, error, tb))


def _log_thread_uncaught(args: threading.ExceptHookArgs) -> None:
    if args.exc_value is not None:
        name = args.thread.name if args.thread else "a thread"
        _uncaught.error("%s stopped by %s", name, args.exc_type.__name__, exc_info=args.exc_value)


def _log_unraisable(unraisable: Any) -> None:
    what = unraisable.err_msg or "Exception ignored in"
    _uncaught.error("%s: %r", what, unraisable.object, exc_info=unraisable.exc_value)


def make_handler(
    log_format: LogFormat = "text", secrets: Iterable[str] = (), stream: TextIO | None = None
) -> logging.Handler:
    """A stream handler (stderr by default) whose whole output is redacted."""
    handler = logging.StreamHandler(stream)
    handler.setFormatter(FORMATTERS[log_format](Redactor(secrets)))
    return handler


def setup_logging(
    level: str,
    secrets: Iterable[str] = (),
    log_format: LogFormat = "text",
    stream: TextIO | None = None,
) -> None:
    """Route everything the process prints through one redacting handler on the root logger."""
    logging.basicConfig(
        level=level, handlers=[make_handler(log_format, secrets, stream)], force=True
    )
    logging.captureWarnings(True)
    sys.excepthook = _log_uncaught
    threading.excepthook = _log_thread_uncaught
    sys.unraisablehook = _log_unraisable
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    logging.getLogger("alembic.runtime.migration").addFilter(_ALEMBIC_FILTER)
    logging.getLogger(_TELEGRAM_REQUESTS).addFilter(_TELEGRAM_ERROR_PAGE)
