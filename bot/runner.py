"""Running the bot process: check, migrate, then serve until SIGTERM or SIGINT."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
from collections.abc import Coroutine
from importlib.metadata import PackageNotFoundError, version
from typing import Any, TypeVar

from bot.config import Settings
from bot.runtime import Runtime
from bot.startup import StartupError, claim_sqlite_file, describe_database, wait_for_database
from bot.store.migrate import upgrade_to_head_briefly

log = logging.getLogger(__name__)

EXIT_STARTUP = 2
T = TypeVar("T")


def run(settings: Settings, *, drop_webhook: bool = False) -> int:
    """Blocks until stopped; the process's exit status. ``drop_webhook``: poll even where a
    webhook is set, deleting it (see ``bot.startup.make_way_for_polling``)."""
    try:
        # Held (open) until the process ends: one bot per SQLite file.
        _lock = claim_sqlite_file(settings.database_url)
        log.info(
            "habitloop %s starting; database: %s",
            _version(),
            describe_database(settings.database_url),
        )
        asyncio.run(
            _until_stopped(wait_for_database(settings.database_url, settings.database_timeout))
        )
        log.info("%s", upgrade_to_head_briefly(settings.database_url))
        return asyncio.run(serve(settings, drop_webhook=drop_webhook))
    except StartupError as error:
        print(f"habitloop: {error}", file=sys.stderr)
        return EXIT_STARTUP
    except _Stopped:
        return 0


async def serve(settings: Settings, *, drop_webhook: bool = False) -> int:
    stop = _stop_on_signals()
    runtime = await _until_stopped(Runtime.start(settings, drop_webhook=drop_webhook), stop)
    try:
        await stop.wait()
        log.info("stopping")
    finally:
        await runtime.stop()
    log.info("stopped")
    return 0


class _Stopped(Exception):
    """A signal came while starting: nothing more to do."""


def _stop_on_signals() -> asyncio.Event:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    return stop


async def _until_stopped(work: Coroutine[Any, Any, T], stop: asyncio.Event | None = None) -> T:
    """``work``, unless SIGTERM or SIGINT comes first (start-up may wait a long time for
    Telegram or the database): then _Stopped."""
    stop = stop or _stop_on_signals()
    task = asyncio.ensure_future(work)
    stopping = asyncio.ensure_future(stop.wait())
    done, _ = await asyncio.wait({task, stopping}, return_when=asyncio.FIRST_COMPLETED)
    stopping.cancel()
    if task in done:
        return task.result()
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError, Exception):
        await task
    raise _Stopped


def _version() -> str:
    try:
        return version("habitloop")
    except PackageNotFoundError:
        return "(not installed)"
