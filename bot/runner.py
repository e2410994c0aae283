"""Running the bot process: migrate, then serve until SIGTERM or SIGINT."""

from __future__ import annotations

import asyncio
import logging
import signal

from bot.config import Settings
from bot.runtime import Runtime
from bot.store.migrate import upgrade_to_head

log = logging.getLogger(__name__)


def run(settings: Settings) -> int:
    """Blocks until stopped; the process's exit status."""
    upgrade_to_head(settings.database_url)
    return asyncio.run(serve(settings))


async def serve(settings: Settings) -> int:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    runtime = await Runtime.start(settings)
    try:
        await stop.wait()
        log.info("stopping")
    finally:
        await runtime.stop()
    log.info("stopped")
    return 0
