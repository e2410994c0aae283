"""Start-up, said clearly: one line for each problem, never a traceback, never a secret.

What can't get better by waiting (a SQLite file that can't be used, a token Telegram rejects,
a database that refuses the credentials) stops the process with one line and exit status 2.
What may pass (Telegram or PostgreSQL unreachable for now) is tried again, with a warning
line each time and backoff up to a minute, until it answers.
"""

from __future__ import annotations

import fcntl
import logging
import os
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from telegram import Bot
from telegram.error import InvalidToken, NetworkError, RetryAfter

from bot.clock import SystemClock
from bot.logs import shorten_error_pages
from bot.retry import RetryPolicy
from bot.store.db import make_engine

log = logging.getLogger(__name__)

# What may pass while we wait for Telegram or the database; some of these say that waiting
# won't help (a rejected token, refused credentials): those stop the start instead.
_MAY_PASS = (NetworkError, RetryAfter, OSError, TimeoutError, DBAPIError, InvalidToken)
# Tried until it answers, however long that takes: nothing else can start before.
WAITING_AT_START = RetryPolicy(first=1.0, factor=2.0, most=60.0, passing=_MAY_PASS)


class StartupError(Exception):
    """Start-up can't go on; the message is the one line to print."""


def describe_database(url: str) -> str:
    """The database for a log line: the SQLite file, or the server and database (no password)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return f"SQLite file {_sqlite_path(url)}"
    return f"PostgreSQL {parsed.host}:{parsed.port or 5432}/{parsed.database} as {parsed.username}"


def claim_sqlite_file(url: str) -> IO[str] | None:
    """For a SQLite database: check its folder and file can be used, and hold a lock beside it
    for as long as the process lives, so a second bot on the same file stops at once (two
    would fight over Telegram's updates). Returns the lock's file (keep it open); None for
    PostgreSQL."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    path = _sqlite_path(url)
    folder = path.parent
    if not folder.is_dir():
        raise StartupError(f"the folder of the SQLite database does not exist: {folder}")
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        raise StartupError(f"the SQLite database can't be read and written: {path}")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise StartupError(
            f"the folder of the SQLite database is not writable: {folder} (SQLite writes its "
            "journal beside the file)"
        )
    lock = (folder / f"{path.name}.lock").open("a")
    try:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        lock.close()
        raise StartupError(
            f"another habitloop process is using {path}: stop it first (one process per "
            "SQLite file; for several, use PostgreSQL)"
        ) from None
    return lock


async def wait_for_database(url: str, patience: float) -> None:
    """Until the database answers; StartupError if it refuses us for good. Each attempt
    gives up after ``patience`` seconds (DATABASE_TIMEOUT): a server that accepts and never
    answers is tried again, with a warning, like one that refuses."""

    async def ping() -> None:
        engine = make_engine(url, timeout=patience)
        try:
            async with engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
        finally:
            await engine.dispose()

    await _keep_trying(ping, "the database", lambda error: _database_permanent(error, url))


def _database_permanent(error: BaseException, url: str) -> str | None:
    """The one line for a database error that waiting won't mend, else None."""
    if isinstance(error, DBAPIError) and not isinstance(error, OperationalError):
        if "file is not a database" in str(error.orig):
            return f"DATABASE_URL names a file that is not a SQLite database: {_sqlite_path(url)}"
        return f"the database refused the connection: {_first_line(error.orig)}"
    name = type(getattr(error, "orig", None) or error).__name__
    if name in {"InvalidPasswordError", "InvalidAuthorizationSpecificationError"}:
        return "the database refused the credentials in DATABASE_URL"
    if name in {"InvalidCatalogNameError"}:
        return "the database named in DATABASE_URL does not exist"
    return None


async def wait_for_telegram(initialize: Callable[[], Awaitable[None]]) -> None:
    """Until Telegram answers (getMe); StartupError if it rejects the token."""

    def permanent(error: BaseException) -> str | None:
        if isinstance(error, InvalidToken):
            return (
                "Telegram rejected BOT_TOKEN (401 Unauthorized): check the token @BotFather "
                "gave you (or revoke and copy it again) and put it into .env"
            )
        return None

    await _keep_trying(initialize, "Telegram", permanent)


async def make_way_for_polling(bot: Bot, *, drop_webhook: bool) -> None:
    """Before long polling: Telegram gives a bot's updates to its webhook or to getUpdates,
    never both, and deleting a webhook cuts off whatever deployment set it (a laptop trying
    the production token would silence the server). So a webhook stops the start, unless the
    host said ``--drop-webhook``."""
    url = ""

    async def ask() -> None:
        nonlocal url
        url = (await bot.get_webhook_info()).url

    await _keep_trying(ask, "Telegram", lambda error: None)
    if not url:
        return
    # The host only: a webhook's path may hold a secret (some put the token there).
    where = urlsplit(url).netloc or "somewhere"
    if not drop_webhook:
        raise StartupError(
            f"this bot has a webhook (to {where}): another deployment takes its updates "
            "there, and long polling here would cut it off; stop that one first, or run "
            "`habitloop run --drop-webhook` to delete the webhook and poll here"
        )

    async def drop() -> None:
        await bot.delete_webhook(drop_pending_updates=False)

    await _keep_trying(drop, "Telegram", lambda error: None)
    log.warning("deleted the webhook to %s (--drop-webhook): updates come here now", where)


async def _keep_trying(
    attempt: Callable[[], Awaitable[None]],
    what: str,
    permanent: Callable[[BaseException], str | None],
) -> None:
    async def once() -> None:
        try:
            await attempt()
        except _MAY_PASS as error:
            reason = permanent(error)
            if reason is not None:
                raise StartupError(reason) from None
            raise

    def warn(error: BaseException, delay: float) -> None:
        log.warning("%s can't be reached (%s); trying again in %.0f s", what, _reason(error), delay)

    # Real time: the network is waited for, whatever the bot's own clock says.
    await WAITING_AT_START.run(once, clock=SystemClock(), on_retry=warn)


def _first_line(error: object) -> str:
    # An error page is shortened before the line is cut, or the cut would keep only the page.
    lines = shorten_error_pages(str(error)).strip().splitlines()
    return (lines[0] if lines else type(error).__name__)[:200]


def _reason(error: BaseException) -> str:
    """What went wrong, in a few words (a timeout's own text is empty)."""
    if isinstance(error, TimeoutError) and not str(error).strip():
        return "no answer in time"
    return _first_line(error)


def sqlite_file(url: str) -> Path | None:
    """The SQLite file a database URL names; None for PostgreSQL or a database in memory."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return _sqlite_path(url)


def _sqlite_path(url: str) -> Path:
    return Path(make_url(url).database or "").resolve()
