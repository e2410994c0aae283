"""Running the real ``habitloop`` process: free ports, clean environments, watched children.

A child's stdout and stderr go to one log file under ``tmp_path``; every child a test
starts is stopped (SIGTERM, then SIGKILL) at teardown if the test did not stop it, so a
failing test leaves none behind.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import os
import signal
import socket
import sqlite3
import sys
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

import aiohttp
import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from bot.clock import SystemClock
from bot.faketelegram import Chat, FakeTelegram, FakeTelegramServer, Message, start_server
from bot.store.migrate import alembic_config
from bot.store.models import Base
from tests.conftest import PG_URL, recreate_database, worker_database_name

TOKEN = "123456789:AAHabitloopProcessTokenAbcdefghijk"
TOKEN_SECRET = TOKEN.split(":", 1)[1]
BOT_USERNAME = "habitloop_bot"
# Generous for a loaded CI machine; a healthy run takes a second or two.
WAIT_SECONDS = 20.0
POLL_SECONDS = 0.05
# The inbox's rows not finished: updates not handled, answers not sent.
UNFINISHED = (
    "SELECT count(*) FROM inbox WHERE handled_at IS NULL "
    "OR (reply IS NOT NULL AND replied_at IS NULL)"
)

# Every variable the bot's settings read; pydantic-settings ignores case.
SETTINGS_VARIABLES = frozenset(
    {
        "BOT_TOKEN",
        "DATABASE_URL",
        "DATABASE_TIMEOUT",
        "TELEGRAM_API_URL",
        "DEFAULT_TIMEZONE",
        "LOG_LEVEL",
        "LOG_FORMAT",
        "WEBHOOK_URL",
        "WEBHOOK_LISTEN",
        "WEBHOOK_PORT",
        "WEBHOOK_SECRET",
        "TICK_SECONDS",
        "INBOX_LEASE_SECONDS",
        "METRICS_PORT",
        "METRICS_LISTEN",
        "MINI_APP_URL",
        "MINI_APP_NAME",
    }
)


def free_port() -> int:
    """A TCP port on loopback that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def habitloop_command() -> list[str]:
    """The installed console script beside this interpreter, else ``python -m bot``."""
    script = Path(sys.executable).parent / "habitloop"
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [sys.executable, "-m", "bot"]


def clean_env(**settings: str) -> dict[str, str]:
    """This process's environment without any bot setting, plus ``settings`` (upper-cased)."""
    env = {k: v for k, v in os.environ.items() if k.upper() not in SETTINGS_VARIABLES}
    env["PYTHONUNBUFFERED"] = "1"
    env.update({name.upper(): value for name, value in settings.items()})
    return env


def sqlite_url(path: Path) -> str:
    return f"sqlite+aiosqlite:///{path}"


def alembic_head() -> str:
    head = ScriptDirectory.from_config(alembic_config("sqlite+aiosqlite://")).get_current_head()
    assert head is not None
    return head


def assert_migrated(database: Path) -> None:
    """The SQLite file exists and holds every table, at the newest migration."""
    assert database.is_file(), f"no database at {database}"
    with contextlib.closing(sqlite3.connect(database)) as db:
        rows = db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        versions = db.execute("SELECT version_num FROM alembic_version").fetchall()
    tables = {str(name) for (name,) in rows}
    assert {"alembic_version", *Base.metadata.tables} <= tables, sorted(tables)
    assert versions == [(alembic_head(),)]


def _open_log(path: Path) -> BinaryIO:
    return path.open("wb")


class Child:
    """A running ``habitloop`` command and the log of everything it printed."""

    def __init__(self, name: str, process: asyncio.subprocess.Process, log: Path) -> None:
        self.name = name
        self.process = process
        self.log = log

    @property
    def returncode(self) -> int | None:
        return self.process.returncode

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def report(self, last_lines: int = 150) -> str:
        """The end of the output, for a failure message (the whole log stays in the file)."""
        lines = self.output().splitlines()[-last_lines:]
        shown = "\n".join(lines)
        return f"--- last {len(lines)} lines of {self.name} ({self.log}) ---\n{shown}"

    async def wait_until(
        self,
        condition: Callable[[], bool | Awaitable[bool]],
        what: str,
        seconds: float = WAIT_SECONDS,
    ) -> None:
        """Poll ``condition`` (it may be async) while the child works; fail early if the
        child dies."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + seconds
        while not await _holds(condition):
            if self.returncode is not None:
                pytest.fail(
                    f"{self.name} exited ({self.returncode}) before {what}\n{self.report()}"
                )
            if loop.time() > deadline:
                pytest.fail(f"no {what} within {seconds:.0f} s\n{self.report()}")
            await asyncio.sleep(POLL_SECONDS)

    async def terminate(self, seconds: float = 10.0) -> int:
        """SIGTERM, then the exit code; fails if the child takes longer than ``seconds``."""
        if self.returncode is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return await asyncio.wait_for(self.process.wait(), seconds)
        except TimeoutError:
            pytest.fail(f"{self.name} still running {seconds:.0f} s after SIGTERM\n{self.report()}")

    async def stop(self, grace: float = 5.0) -> None:
        """SIGTERM and a moment to shut down cleanly (the bot ends its long poll), then SIGKILL."""
        if self.returncode is None:
            self.process.send_signal(signal.SIGTERM)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.process.wait(), grace)
        if self.returncode is None:
            self.process.kill()
        await self.process.wait()


async def _holds(condition: Callable[[], bool | Awaitable[bool]]) -> bool:
    found = condition()
    return bool(await found) if inspect.isawaitable(found) else bool(found)


class Spawner:
    """Starts ``habitloop`` commands in ``cwd`` (so no stray .env is read) and remembers them."""

    def __init__(self, cwd: Path) -> None:
        self.cwd = cwd
        self.children: list[Child] = []

    async def __call__(self, *args: str, env: dict[str, str]) -> Child:
        name = f"habitloop {' '.join(args)}"
        log = self.cwd / f"process-{len(self.children)}.log"
        with _open_log(log) as sink:
            process = await asyncio.create_subprocess_exec(
                *habitloop_command(),
                *args,
                cwd=self.cwd,
                env=env,
                stdin=asyncio.subprocess.DEVNULL,
                stdout=sink,
                stderr=asyncio.subprocess.STDOUT,
            )
        child = Child(name, process, log)
        self.children.append(child)
        return child

    async def stop_all(self) -> None:
        for child in self.children:
            await child.stop()


@pytest.fixture
async def spawn(tmp_path: Path) -> AsyncIterator[Spawner]:
    spawner = Spawner(tmp_path)
    try:
        yield spawner
    finally:
        await spawner.stop_all()


@pytest.fixture
def tg() -> Iterator[FakeTelegram]:
    """A fake Telegram on the wall clock (the bot process uses the real one) with the bot.

    Its own flood limits are off: on the wall clock they would make a test wait out real
    minutes. The bot process still keeps Telegram's limits itself (its send budget), and the
    end-to-end suite runs with the fake's limits on."""
    world = FakeTelegram(SystemClock(), rate_limits=False)
    world.create_bot(TOKEN, username=BOT_USERNAME)
    yield world
    world.raise_for_problems()


@pytest.fixture
async def server(tg: FakeTelegram) -> AsyncIterator[FakeTelegramServer]:
    """The fake Telegram's HTTP door on a free loopback port."""
    running = await start_server(tg)
    try:
        yield running
    finally:
        await running.stop()


def bot_env(
    telegram: FakeTelegramServer | str, database: Path | str, **settings: str
) -> dict[str, str]:
    """What ``habitloop run`` needs against the fake Telegram (or another URL) and a SQLite
    file (or a database URL), with debug logs unless ``settings`` say otherwise."""
    values = {
        "bot_token": TOKEN,
        "database_url": sqlite_url(database) if isinstance(database, Path) else database,
        "telegram_api_url": telegram if isinstance(telegram, str) else telegram.url,
        "log_level": "DEBUG",
    }
    return clean_env(**{**values, **settings})


async def exit_status(child: Child, seconds: float = WAIT_SECONDS) -> int:
    """The child's exit status; fails if it is still running after ``seconds``."""
    try:
        return await asyncio.wait_for(child.process.wait(), seconds)
    except TimeoutError:
        pytest.fail(f"{child.name} still running after {seconds:.0f} s\n{child.report()}")


def problem_lines(child: Child) -> list[str]:
    """What the child said to a person about why it stopped (``habitloop: ...`` lines)."""
    return [line for line in child.output().splitlines() if line.startswith("habitloop: ")]


async def running(spawn: Spawner, env: dict[str, str]) -> Child:
    """``habitloop run``, once it says it runs."""
    bot = await spawn("run", env=env)
    await bot.wait_until(lambda: "running as @" in bot.output(), "the bot running")
    return bot


async def deliver(
    http: aiohttp.ClientSession, port: int, update: dict[str, Any], secret: str
) -> None:
    """POST one update to the bot's webhook, as Telegram does: it delivers up to 40 at once
    (max_connections), so a webhook bot holds many updates at a time."""
    headers = {"X-Telegram-Bot-Api-Secret-Token": secret}
    url = f"http://127.0.0.1:{port}/telegram"
    async with http.post(url, json=update, headers=headers) as reply:
        assert reply.status == 200


def bot_texts(tg: FakeTelegram, chat: Chat, containing: str) -> list[Message]:
    """What the bot posted in ``chat`` whose text contains ``containing``."""
    return [m for m in tg.bot_messages(chat.id) if containing in (m.text or "")]


async def check_in_round_trip(tg: FakeTelegram, bot: Child, database: Path) -> None:
    """A group adds the running bot and a member checks in: welcome, "day 1", a reaction.

    Everything goes through the fake Telegram's HTTP door, as it would through Telegram.
    """
    owner = tg.add_user("Olga", username="olga")
    alice = tg.add_user("Alice", username="alice")
    group = tg.add_group("Writers", creator=owner)
    tg.add_member(group.id, alice)
    tg.add_bot(group.id, by=owner)
    await bot.wait_until(lambda: bool(bot_texts(tg, group, "show up every day")), "welcome message")

    done = tg.send(group.id, alice, "/done wrote 500 words")
    await bot.wait_until(
        lambda: bool(bot_texts(tg, group, "day 1")) and bool(done.reactions),
        "check-in answer and reaction",
    )
    answer = bot_texts(tg, group, "day 1")
    assert len(answer) == 1, [m.text for m in tg.bot_messages(group.id)]
    assert "Alice" in (answer[0].text or "")
    assert len(bot_texts(tg, group, "show up every day")) == 1
    assert done.reactions

    # The process migrated the database before it started taking updates.
    assert_migrated(database)


def assert_token_hidden(bot: Child) -> None:
    output = bot.output()
    assert TOKEN_SECRET not in output, bot.report()
    assert "Traceback" not in output, bot.report()


@pytest.fixture
def postgres_url(worker_id: str) -> str:
    """An empty PostgreSQL database of this test worker's own, for bot processes to migrate."""
    if not PG_URL:
        pytest.skip("TEST_DATABASE_URL is not set")
    name = worker_database_name("process", worker_id)
    asyncio.run(recreate_database(PG_URL, name))
    return make_url(PG_URL).set(database=name).render_as_string(hide_password=False)


class BotDatabase:
    """The bot's database (migrated by the bot), read beside the running bots, SQLite or
    PostgreSQL, taking nothing from them: no write lock, no long transaction."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._engine: AsyncEngine | None = None

    async def numbers(self, sql: str, **values: object) -> list[tuple[int, ...]]:
        if self._engine is None:
            self._engine = create_async_engine(self.url)
        async with self._engine.connect() as conn:
            rows = (await conn.execute(text(sql), values)).all()
        return [tuple(int(v) for v in row) for row in rows]

    async def count(self, sql: str, **values: object) -> int:
        [(number,)] = await self.numbers(sql, **values)
        return number

    async def close(self) -> None:
        if self._engine is not None:
            await self._engine.dispose()
