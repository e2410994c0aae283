"""``habitloop sandbox --database PATH``: the file keeps the bot's data from one run to the
next; it is migrated when reopened, and the page's Reset asks before it wipes it."""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from playwright.async_api import Browser, expect

from bot import texts
from bot.sandbox.runner import SandboxError, SandboxRunner
from bot.store.migrate import alembic_config

from .browser import bot_message, fill_dialog, group_id, open_tab, say, user_id, write_as

MONDAY = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
ALICE = texts.format.isolate("Alice")


def sandbox_on(path: Path) -> SandboxRunner:
    return SandboxRunner(port=0, database=path, start=MONDAY, follow_real_time=False)


async def checked_in(runner: SandboxRunner, name: str) -> str:
    """``name`` sends /done in the group; what the bot answers."""
    chat = group_id(runner)
    runner.tg.send(chat, runner.tg.user(user_id(runner, name)), "/done")
    await runner.bot.settled()
    answer = runner.tg.bot_messages(chat)[-1]
    return answer.text or ""


async def test_a_second_run_takes_up_where_the_first_stopped(tmp_path: Path) -> None:
    path = tmp_path / "mine.db"
    first = sandbox_on(path)
    await first.start()
    try:
        assert not first.reopened
        for day in (1, 2, 3):
            await first.time.to_next(first.bot, cue=True)
            assert f"{ALICE}: day {day}" in await checked_in(first, "Alice")
        stopped_at = first.clock.now()
    finally:
        await first.stop()
    first.tg.raise_for_problems()
    assert path.exists()

    # Started again on the same Monday morning: the clock starts after the last check-in
    # (Wednesday), and the streak goes on.
    second = sandbox_on(path)
    await second.start()
    try:
        assert second.reopened
        assert second.clock.now() > stopped_at
        assert (await second.time_state())["database"] == str(path)
        await second.time.to_next(second.bot, cue=True)
        assert second.clock.now() == datetime(2026, 3, 5, 9, tzinfo=UTC)
        assert f"{ALICE}: day 4" in await checked_in(second, "Alice")
        assert f"{texts.format.isolate('Bob')}: day 1" in await checked_in(second, "Bob")
    finally:
        await second.stop()
    second.tg.raise_for_problems()


def schema_version(path: Path) -> str:
    with sqlite3.connect(path) as connection:
        (version,) = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    return str(version)


async def test_an_older_database_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    config = alembic_config(f"sqlite+aiosqlite:///{path}")
    await asyncio.to_thread(command.upgrade, config, "0001")
    runner = sandbox_on(path)
    await runner.start()
    try:
        assert runner.reopened
        assert schema_version(path) == ScriptDirectory.from_config(config).get_current_head()
        assert f"{ALICE}: day 1" in await checked_in(runner, "Alice")
    finally:
        await runner.stop()


def test_a_file_that_is_not_the_bots_is_left_alone(tmp_path: Path) -> None:
    other = tmp_path / "notes.db"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE notes (body TEXT)")
    before = other.read_bytes()
    with pytest.raises(SandboxError, match="SQLite database of something else"):
        SandboxRunner(database=other)
    assert other.read_bytes() == before
    empty = tmp_path / "empty.db"
    empty.touch()
    assert not SandboxRunner(database=empty).reopened


async def test_reset_names_the_file_and_asks_first(tmp_path: Path, browser: Browser) -> None:
    path = tmp_path / "kept.db"
    runner = SandboxRunner(port=0, database=path, start=MONDAY)
    await runner.start()
    try:
        tab = await open_tab(browser, runner.url)
        page = tab.page
        await expect(bot_message(page, "show up every day")).to_be_visible()
        await write_as(page, "Alice")
        await say(page, "/done")
        await expect(bot_message(page, f"{ALICE}: day 1")).to_be_visible()

        # Asked, and cancelled: nothing is lost.
        await page.get_by_role("button", name="↺ Reset").click()
        await expect(page.locator("dialog[open]")).to_contain_text(f"This wipes {path}")
        await tab.screenshot("reset-asks-desktop")
        await fill_dialog(page, {}, "Cancel")
        await expect(bot_message(page, f"{ALICE}: day 1")).to_be_visible()
        assert runner.tg.bot_messages(group_id(runner))[-1].text == f"✅ {ALICE}: day 1"

        # Confirmed: the same file, fresh.
        await page.get_by_role("button", name="↺ Reset").click()
        await fill_dialog(page, {}, "Reset")
        await expect(bot_message(page, f"{ALICE}: day 1")).to_have_count(0)
        await expect(bot_message(page, "show up every day")).to_have_count(1)
        assert runner.database == path
        with sqlite3.connect(path) as connection:
            assert connection.execute("SELECT count(*) FROM checkins").fetchone() == (0,)
        assert tab.errors == []
    finally:
        await runner.stop()
    runner.tg.raise_for_problems()
