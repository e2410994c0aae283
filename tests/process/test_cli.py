"""The ``habitloop`` command line: help, configuration errors, migrate, sandbox, fake-telegram."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
from pathlib import Path

import aiohttp
import pytest

from .conftest import (
    TOKEN,
    Spawner,
    assert_migrated,
    clean_env,
    free_port,
    habitloop_command,
    sqlite_url,
)

ROOT = Path(__file__).resolve().parents[2]
PREFIX = "habitloop: configuration error: "


def habitloop(*args: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*habitloop_command(), *args],
        env=env,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def problem_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.strip()]


def test_help_lists_the_commands(tmp_path: Path) -> None:
    result = habitloop("--help", env=clean_env(), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    for command in ("run", "migrate", "healthcheck", "sandbox", "fake-telegram"):
        assert re.search(rf"^\s+{command}\b", result.stdout, re.MULTILINE), result.stdout
    # Which command runs the real bot, and which one only pretends, is plain from the help.
    assert re.search(r"^\s+run\s+run the real bot on Telegram", result.stdout, re.MULTILINE)
    assert re.search(r"^\s+sandbox\s+try the bot in your browser", result.stdout, re.MULTILINE)


# One broken setting each, the rest valid: (setting, value or None for unset, the reason given).
BROKEN_SETTINGS = [
    pytest.param("bot_token", None, "is not set", id="missing-token"),
    pytest.param(
        "bot_token", "12345:short", "does not look like a Telegram bot token", id="malformed-token"
    ),
    pytest.param("telegram_api_url", "ftp://x", "'ftp://x' is not an http(s) URL", id="api-url"),
    pytest.param(
        "default_timezone", "Mars/Base", "'Mars/Base' is not an IANA time zone", id="timezone"
    ),
    pytest.param(
        "database_url",
        "mysql://x",
        "must start with sqlite+aiosqlite:// or postgresql+asyncpg://",
        id="database-url",
    ),
]


@pytest.mark.parametrize(("name", "value", "reason"), BROKEN_SETTINGS)
def test_run_with_a_bad_setting_explains_it_on_one_line(
    tmp_path: Path, name: str, value: str | None, reason: str
) -> None:
    settings = {"bot_token": TOKEN, "database_url": sqlite_url(tmp_path / "h.db")}
    if value is None:
        del settings[name]
    else:
        settings[name] = value

    result = habitloop("run", env=clean_env(**settings), cwd=tmp_path)

    assert result.returncode == 2, result.stderr
    lines = problem_lines(result.stderr)
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"{PREFIX}{name.upper()} "), lines[0]
    assert reason in lines[0], lines[0]
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "h.db").exists()


def test_run_names_every_problem_and_never_echoes_a_token(tmp_path: Path) -> None:
    almost_a_token = "123456789:secret-with-a-bad-character!AAAAAAAAAAAA"
    env = clean_env(
        bot_token=almost_a_token, default_timezone="Mars/Base", telegram_api_url="ftp://x"
    )

    result = habitloop("run", env=env, cwd=tmp_path)

    assert result.returncode == 2, result.stderr
    lines = problem_lines(result.stderr)
    assert sorted(line.removeprefix(PREFIX).split()[0] for line in lines) == [
        "BOT_TOKEN",
        "DEFAULT_TIMEZONE",
        "TELEGRAM_API_URL",
    ], result.stderr
    assert all(line.startswith(PREFIX) for line in lines), result.stderr
    assert "secret-with-a-bad-character" not in result.stderr + result.stdout
    assert "Traceback" not in result.stderr + result.stdout


def test_migrate_creates_the_schema_and_can_run_again(tmp_path: Path) -> None:
    database = tmp_path / "fresh.db"
    # Migrating needs only the database: no bot token in this environment.
    env = clean_env(database_url=sqlite_url(database))

    for attempt in (1, 2):
        result = habitloop("migrate", env=env, cwd=tmp_path)
        assert result.returncode == 0, f"attempt {attempt}:\n{result.stderr}"
        assert "database is up to date" in result.stderr
        assert_migrated(database)


def test_alembic_upgrade_head_from_a_clone_migrates_the_database_url(tmp_path: Path) -> None:
    """What the host's guide offers besides `habitloop migrate`: alembic, from the clone."""
    database = tmp_path / "by-alembic.db"
    result = subprocess.run(
        [str(Path(sys.executable).parent / "alembic"), "upgrade", "head"],
        env=clean_env(database_url=sqlite_url(database)),
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert_migrated(database)


def test_migrate_with_a_bad_database_url_explains_it(tmp_path: Path) -> None:
    result = habitloop("migrate", env=clean_env(database_url="mysql://x"), cwd=tmp_path)

    assert result.returncode == 2, result.stderr
    lines = problem_lines(result.stderr)
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(PREFIX + "DATABASE_URL "), lines[0]
    assert "Traceback" not in result.stderr


async def test_fake_telegram_serves_any_well_formed_token(spawn: Spawner, tmp_path: Path) -> None:
    port = free_port()
    server = await spawn("fake-telegram", "--port", str(port), env=clean_env())
    url = f"http://127.0.0.1:{port}"
    await server.wait_until(lambda: f"listening on {url} " in server.output(), "listening line")

    async with aiohttp.ClientSession() as http:
        for bot_id in (42, 987654321):
            token = f"{bot_id}:" + "Z" * 35
            async with http.get(f"{url}/bot{token}/getMe") as reply:
                assert reply.status == 200
                me = (await reply.json())["result"]
            assert (me["id"], me["is_bot"], me["username"]) == (bot_id, True, "habitloop_bot")
        async with http.post(f"{url}/botnot-a-token/getMe") as reply:
            assert reply.status == 404
        # The page that plays the users comes with the command, not with the fake's door.
        async with http.get(url) as reply:
            assert reply.status == 200
            assert "Habitloop sandbox" in await reply.text()

    assert await server.terminate(seconds=10) == 0, server.report()
    assert "Traceback" not in server.output(), server.report()


async def test_sandbox_needs_no_token_and_serves_the_page(spawn: Spawner, tmp_path: Path) -> None:
    port = free_port()
    database = tmp_path / "try.db"
    # No bot setting at all in this environment: the sandbox brings its own.
    sandbox = await spawn(
        "sandbox", "--port", str(port), "--database", str(database), env=clean_env()
    )
    url = f"http://127.0.0.1:{port}"
    await sandbox.wait_until(lambda: f"open {url} in your browser" in sandbox.output(), "address")

    async with aiohttp.ClientSession() as http:
        async with http.get(url) as reply:
            assert reply.status == 200
            assert "Habitloop sandbox" in await reply.text()
        async with http.get(f"{url}/sandbox/state") as reply:
            state = await reply.json()
        assert [c["title"] for c in state["chats"]] == ["Morning Writers"]
        async with http.post(f"{url}/sandbox/time/next_cue") as reply:
            assert reply.status == 200, await reply.text()
            assert (await reply.json())["posted"] == 1
    assert_migrated(database)

    assert await sandbox.terminate(seconds=10) == 0, sandbox.report()
    assert "Traceback" not in sandbox.output(), sandbox.report()
    assert database.is_file()  # the file asked for is kept


def test_sandbox_keeps_its_hands_off_an_existing_database(tmp_path: Path) -> None:
    database = tmp_path / "notes.db"
    database.write_bytes(b"someone's data")
    result = habitloop(
        "sandbox", "--port", "0", "--database", str(database), env=clean_env(), cwd=tmp_path
    )
    assert result.returncode == 2, result.stderr
    assert f"habitloop sandbox: {database} is not a SQLite database" in result.stderr
    assert "Traceback" not in result.stderr
    assert database.read_bytes() == b"someone's data"


def test_sandbox_refuses_a_busy_port(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = habitloop("sandbox", "--port", str(port), env=clean_env(), cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert f"could not listen on 127.0.0.1:{port}" in result.stderr
    assert "--port" in result.stderr
    assert "Traceback" not in result.stderr


def test_run_against_another_telegram_wants_a_database_of_its_own(tmp_path: Path) -> None:
    # A host trying the bot against the fake Telegram by pointing .env at it.
    (tmp_path / ".env").write_text(
        f"BOT_TOKEN={TOKEN}\nTELEGRAM_API_URL=http://127.0.0.1:8081\n", encoding="utf-8"
    )
    result = habitloop("run", env=clean_env(), cwd=tmp_path)

    assert result.returncode == 2, result.stderr
    assert problem_lines(result.stderr) == [
        f"{PREFIX}DATABASE_URL must be set when TELEGRAM_API_URL is not Telegram's, so what "
        "the bot keeps there stays out of the real bot's habitloop.db (e.g. "
        "DATABASE_URL=sqlite+aiosqlite:///habitloop-fake.db)"
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == [".env"]  # no habitloop.db, no lock


@pytest.mark.parametrize(
    ("dotenv", "database"),
    [
        pytest.param("", "habitloop.db", id="the-default"),
        pytest.param("DATABASE_URL=sqlite+aiosqlite:///bot.db\n", "bot.db", id="database-url"),
    ],
)
def test_sandbox_stays_out_of_the_real_bots_database(
    tmp_path: Path, dotenv: str, database: str
) -> None:
    (tmp_path / ".env").write_text(dotenv, encoding="utf-8")
    result = habitloop(
        "sandbox", "--port", "0", "--database", database, env=clean_env(), cwd=tmp_path
    )
    assert result.returncode == 2, result.stderr
    assert problem_lines(result.stderr) == [
        f"habitloop sandbox: {database} is the real bot's database (DATABASE_URL); give the "
        "sandbox a file of its own, e.g. --database sandbox.db"
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == [".env"]


def test_sandbox_leaves_the_real_bots_existing_database_alone(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("", encoding="utf-8")
    migrated = habitloop("migrate", env=clean_env(), cwd=tmp_path)
    assert migrated.returncode == 0, migrated.stderr
    database = tmp_path / "habitloop.db"
    before = database.read_bytes()

    result = habitloop(
        "sandbox", "--port", "0", "--database", "habitloop.db", env=clean_env(), cwd=tmp_path
    )

    assert result.returncode == 2, result.stderr
    assert problem_lines(result.stderr) == [
        "habitloop sandbox: habitloop.db is the real bot's database (DATABASE_URL); give the "
        "sandbox a file of its own, e.g. --database sandbox.db"
    ]
    assert database.read_bytes() == before
