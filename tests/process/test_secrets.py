"""No secret in anything a real ``habitloop`` process prints, even when a library logs it."""

from __future__ import annotations

import asyncio
import contextlib
import json
from pathlib import Path
from typing import Literal
from urllib.parse import quote

import pytest
from aiohttp import web

from tests.stub_server import stub_server

from .conftest import TOKEN, TOKEN_SECRET, Spawner, clean_env, sqlite_url

# Every spelling of the token a host must never see.
FORBIDDEN = (TOKEN_SECRET, quote(TOKEN_SECRET, safe=""), quote(TOKEN, safe=""))
# What python-telegram-bot logs when an answer is not JSON (the page in a few words:
# bot.logs turns its traceback with the whole page into one line).
LIBRARY_LINE = "Telegram answered with a page that is not JSON"


async def echoing_error_page(request: web.Request) -> web.Response:
    """A proxy's error page that echoes the URL it failed on: decoded, encoded, shortened."""
    path = request.path
    page = (
        f"<html><h1>502 Bad Gateway</h1><p>upstream failed for {path}</p>"
        f'<a href="/retry?next={quote(path, safe="")}">retry</a>'
        f"<p>...{path.split(':', 1)[-1]}</p></html>"
    )
    return web.Response(status=502, text=page, content_type="text/html")


@pytest.mark.parametrize("log_format", ["text", "json"])
async def test_a_library_logging_the_token_shows_none_of_it(
    spawn: Spawner, tmp_path: Path, log_format: Literal["text", "json"]
) -> None:
    async with stub_server(echoing_error_page) as url:
        env = clean_env(
            bot_token=TOKEN,
            database_url=sqlite_url(tmp_path / "h.db"),
            telegram_api_url=url,
            log_level="DEBUG",
            log_format=log_format,
        )
        bot = await spawn("run", env=env)
        await bot.wait_until(lambda: LIBRARY_LINE in bot.output(), "the library's error line")
        # Let the process go through its whole failure path, then stop it if it is still up.
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(bot.process.wait(), 10)
        await bot.stop()

    output = bot.output()
    for spelling in FORBIDDEN:
        assert spelling not in output, bot.report()
    assert "<token>" in output, bot.report()  # the library did log it, and it was hidden
    if log_format == "json":
        for line in output.splitlines():
            assert isinstance(json.loads(line), dict), line


@pytest.mark.parametrize("log_format", ["text", "json"])
async def test_migrate_prints_only_what_a_person_wants(
    spawn: Spawner, tmp_path: Path, log_format: Literal["text", "json"]
) -> None:
    env = clean_env(database_url=sqlite_url(tmp_path / "h.db"), log_format=log_format)
    migrate = await spawn("migrate", env=env)
    assert await asyncio.wait_for(migrate.process.wait(), 60) == 0, migrate.report()

    lines = migrate.output().splitlines()
    messages = [json.loads(line)["message"] for line in lines] if log_format == "json" else lines
    # One line a migration applied, then the outcome; none of Alembic's per-start chatter.
    *applied, outcome = messages
    assert applied, migrate.report()
    assert all("Running upgrade" in line for line in applied), migrate.report()
    assert outcome.endswith("database is up to date"), migrate.report()
