"""``habitloop run`` starting up, as a host sees it: a few lines, or one clear problem.

What can't get better by waiting ends the process with exit status 2 and one line; what may
pass (Telegram or the database unreachable for now) is retried with a warning line each
time, never a traceback, and the bot starts as soon as it answers.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from bot.faketelegram import FakeTelegram, FakeTelegramServer, start_server
from tests.docs import DOCS, fenced, read, section
from tests.tcp_proxy import silent_port

from .conftest import (
    TOKEN,
    Child,
    Spawner,
    assert_token_hidden,
    bot_env,
    clean_env,
    exit_status,
    free_port,
    problem_lines,
    sqlite_url,
)

ROOT = Path(__file__).resolve().parents[2]
REJECTED_TOKEN = "987654321:AAHabitloopTokenNobodyKnowsAbcdefgh"
UNREACHABLE = "Telegram can't be reached"


def warnings_of(bot: Child, what: str) -> list[str]:
    return [line for line in bot.output().splitlines() if "WARNING" in line and what in line]


async def test_at_info_start_up_says_version_database_mode_and_name(
    tg: FakeTelegram, server: FakeTelegramServer, spawn: Spawner, tmp_path: Path
) -> None:
    database = tmp_path / "h.db"
    bot = await spawn("run", env=bot_env(server, database, log_level="INFO"))
    await bot.wait_until(lambda: "running as @" in bot.output(), "the running line")
    assert await bot.terminate() == 0, bot.report()

    lines = bot.output().splitlines()
    started = lines[: next(i for i, line in enumerate(lines) if "running as @" in line) + 1]
    messages = [line.split(": ", 1)[1] for line in started]
    assert len(messages) == 4, bot.report()
    assert messages[0].startswith("habitloop ")
    assert f"SQLite file {database}" in messages[0]
    assert messages[1].startswith("database migrated to revision "), messages
    assert messages[2:] == [
        "receiving updates by long polling",
        "running as @habitloop_bot (Habitloop)",
    ]
    assert not any("alembic" in line for line in lines), bot.report()
    assert_token_hidden(bot)


async def test_a_token_telegram_rejects_stops_with_one_line(
    tg: FakeTelegram, server: FakeTelegramServer, spawn: Spawner, tmp_path: Path
) -> None:
    env = bot_env(server, tmp_path / "h.db", bot_token=REJECTED_TOKEN)
    bot = await spawn("run", env=env)

    assert await exit_status(bot) == 2, bot.report()
    problems = problem_lines(bot)
    assert len(problems) == 1, bot.report()
    assert problems[0].startswith("habitloop: Telegram rejected BOT_TOKEN (401 Unauthorized)")
    assert "@BotFather" in problems[0]
    assert REJECTED_TOKEN.split(":", 1)[1] not in bot.output(), bot.report()
    assert "Traceback" not in bot.output(), bot.report()


async def test_unreachable_telegram_is_retried_with_backoff_until_it_answers(
    tg: FakeTelegram, spawn: Spawner, tmp_path: Path
) -> None:
    port = free_port()
    env = bot_env(f"http://127.0.0.1:{port}", tmp_path / "h.db")
    bot = await spawn("run", env=env)
    # Nothing listens yet: connection refused.
    await bot.wait_until(lambda: len(warnings_of(bot, UNREACHABLE)) == 1, "a refused warning")
    # Then Telegram is there but its front answers 502 once.
    tg.fail_next(method="getMe", times=1, status=502)
    server = await start_server(tg, port=port)
    try:
        await bot.wait_until(lambda: "running as @habitloop_bot" in bot.output(), "start")
        assert await bot.terminate() == 0, bot.report()
    finally:
        await server.stop()

    refused, bad_gateway = warnings_of(bot, UNREACHABLE)
    assert refused.endswith("; trying again in 1 s"), refused
    assert "Bad Gateway" in bad_gateway
    assert bad_gateway.endswith("; trying again in 2 s")
    assert_token_hidden(bot)


async def test_an_unknown_host_is_retried_and_sigterm_stops_the_waiting(
    spawn: Spawner, tmp_path: Path
) -> None:
    env = clean_env(
        bot_token=TOKEN,
        database_url=sqlite_url(tmp_path / "h.db"),
        telegram_api_url="http://telegram.habitloop.invalid",
    )
    bot = await spawn("run", env=env)
    await bot.wait_until(lambda: bool(warnings_of(bot, UNREACHABLE)), "a warning")

    assert await bot.terminate(seconds=5) == 0, bot.report()
    assert_token_hidden(bot)


# What BOT_TOKEN may say when nobody put a token there.
NO_TOKEN = [
    pytest.param("", id="empty-token"),
    pytest.param("   ", id="blank-token"),
]


@pytest.mark.parametrize("token", NO_TOKEN)
async def test_an_empty_token_asks_for_one_from_botfather(
    spawn: Spawner, tmp_path: Path, token: str
) -> None:
    bot = await spawn("run", env=clean_env(bot_token=token))
    assert await exit_status(bot) == 2, bot.report()
    assert problem_lines(bot) == [
        "habitloop: configuration error: BOT_TOKEN is not set: put the token @BotFather "
        "gave you into .env (BOT_TOKEN=...)"
    ]


def hosting_compose_env() -> str:
    """The `.env` the host's guide's compose section tells a host to write, as it stands."""
    compose = section(read(DOCS / "hosting.md"), "## Many groups: docker compose")
    blocks: list[str] = [
        block
        for block in fenced(compose)
        if re.search(r"^DOMAIN=", block, re.MULTILINE)
        and re.search(r"^BOT_TOKEN=", block, re.MULTILINE)
    ]
    assert len(blocks) == 1, "the host's guide's `.env` for docker compose is not where it was"
    return blocks[0]


# What a host has when they copied an example and forgot to change the token.
COPIED_EXAMPLES = [
    pytest.param(lambda: (ROOT / ".env.example").read_text(encoding="utf-8"), id="env-example"),
    pytest.param(hosting_compose_env, id="hosting-guide-compose"),
]


@pytest.mark.parametrize("example", COPIED_EXAMPLES)
async def test_an_example_env_copied_unchanged_is_named_as_the_example(
    spawn: Spawner, tmp_path: Path, example: Callable[[], str]
) -> None:
    (tmp_path / ".env").write_text(example(), encoding="utf-8")
    bot = await spawn("run", env=clean_env())  # every setting from that .env alone
    assert await exit_status(bot) == 2, bot.report()
    assert problem_lines(bot) == [
        "habitloop: configuration error: BOT_TOKEN is still the example token: put the one "
        "@BotFather gave you into .env"
    ]
    assert not (tmp_path / "habitloop.db").exists()


async def test_webhook_mode_without_a_secret_refuses_to_start(
    spawn: Spawner, tmp_path: Path
) -> None:
    env = clean_env(
        bot_token=TOKEN,
        database_url=sqlite_url(tmp_path / "h.db"),
        webhook_url="https://bot.example.com",
    )
    bot = await spawn("run", env=env)
    assert await exit_status(bot) == 2, bot.report()
    (line,) = problem_lines(bot)
    assert line.startswith("habitloop: configuration error: WEBHOOK_SECRET must be set"), line
    assert not (tmp_path / "h.db").exists()


async def test_a_missing_sqlite_folder_stops_with_one_line(
    tg: FakeTelegram, server: FakeTelegramServer, spawn: Spawner, tmp_path: Path
) -> None:
    database = tmp_path / "no-such-folder" / "h.db"
    bot = await spawn("run", env=bot_env(server, database))
    assert await exit_status(bot) == 2, bot.report()
    assert problem_lines(bot) == [
        f"habitloop: the folder of the SQLite database does not exist: {database.parent}"
    ]


async def test_a_sqlite_file_another_process_uses_stops_the_second_one(
    tg: FakeTelegram, server: FakeTelegramServer, spawn: Spawner, tmp_path: Path
) -> None:
    database = tmp_path / "h.db"
    first = await spawn("run", env=bot_env(server, database))
    await first.wait_until(lambda: "running as @" in first.output(), "the first bot running")

    second = await spawn("run", env=bot_env(server, database))
    assert await exit_status(second) == 2, second.report()
    assert problem_lines(second) == [
        f"habitloop: another habitloop process is using {database}: stop it first (one "
        "process per SQLite file; for several, use PostgreSQL)"
    ]
    assert first.returncode is None  # the first one goes on


@contextlib.contextmanager
def read_only(path: Path) -> Iterator[None]:
    """``path`` can't be written while inside, even by root (whom file modes don't stop, as
    they don't stop a host running the bot as root on a read-only mount): the file system's
    immutable flag."""
    subprocess.run(["chattr", "+i", str(path)], check=True)
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


@pytest.mark.parametrize("what", ["file", "folder"])
async def test_a_read_only_sqlite_file_or_folder_stops_with_one_line(
    tg: FakeTelegram, server: FakeTelegramServer, spawn: Spawner, tmp_path: Path, what: str
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    database = folder / "h.db"
    if what == "file":
        sqlite3.connect(database).close()
    with read_only(database if what == "file" else folder):
        bot = await spawn("run", env=bot_env(server, database))
        assert await exit_status(bot) == 2, bot.report()
    expected = (
        f"habitloop: the SQLite database can't be read and written: {database}"
        if what == "file"
        else f"habitloop: the folder of the SQLite database is not writable: {folder} (SQLite "
        "writes its journal beside the file)"
    )
    assert problem_lines(bot) == [expected]


async def test_a_sqlite_file_that_is_not_a_database_stops_with_one_line(
    tg: FakeTelegram, server: FakeTelegramServer, spawn: Spawner, tmp_path: Path
) -> None:
    database = tmp_path / "h.db"
    database.write_bytes(b"these are somebody's notes, not a database" * 100)
    bot = await spawn("run", env=bot_env(server, database))
    assert await exit_status(bot) == 2, bot.report()
    assert problem_lines(bot) == [
        f"habitloop: DATABASE_URL names a file that is not a SQLite database: {database.resolve()}"
    ]
    assert "Traceback" not in bot.output()


async def test_a_database_that_accepts_and_never_answers_is_retried_with_a_timeout(
    spawn: Spawner, tmp_path: Path
) -> None:
    with silent_port() as port:
        env = clean_env(
            bot_token=TOKEN,
            database_url=f"postgresql+asyncpg://habitloop:db-password@127.0.0.1:{port}/h",
            database_timeout="1",
            log_level="DEBUG",
        )
        bot = await spawn("run", env=env)
        # Each attempt gives up after DATABASE_TIMEOUT instead of waiting for ever.
        await bot.wait_until(
            lambda: len(warnings_of(bot, "the database can't be reached")) >= 2,
            "two timed-out attempts",
            seconds=10,
        )
        assert await bot.terminate(seconds=5) == 0, bot.report()
    assert all("(no answer in time)" in line for line in warnings_of(bot, "can't be reached"))
    assert "db-password" not in bot.output(), bot.report()
    assert "Traceback" not in bot.output(), bot.report()
