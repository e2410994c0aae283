"""Killed or stopped with updates in hand, the bot loses none and handles none twice.

Thirty members of three groups check in at once; the bot is stopped as soon as its inbox
holds all thirty (most not handled yet: each group's updates are handled in order), then
started again on the same database. Every check-in is then saved exactly once, and each member hears
back. SIGTERM and SIGINT stop it cleanly within Docker's ten seconds; after SIGKILL, an answer
sent in the last moment before the kill, not yet marked sent, may be sent once more (the
at-least-once caveat docs/hosting.md states), never a check-in saved twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sqlite3
from collections import Counter
from pathlib import Path

import aiohttp
import pytest

from bot import texts
from bot.faketelegram import Chat, FakeTelegram, FakeTelegramServer, User
from tests.answers import answered, count_reactions

from .conftest import (
    UNFINISHED,
    BotDatabase,
    Child,
    Spawner,
    assert_token_hidden,
    bot_env,
    bot_texts,
    deliver,
    free_port,
    running,
    sqlite_url,
)

MEMBERS = 30
# Ten a group: the bot keeps to Telegram's 20 messages a minute into one group, so thirty
# answers in one group would take a minute more.
GROUPS = 3
SECRET = "stop-and-kill-webhook-secret"
# Generous for a loaded machine: Docker sends SIGKILL ten seconds after SIGTERM.
STOPS_WITHIN = 10.0
LEASE_SECONDS = 3


def count(database: Path, sql: str) -> int:
    """One number from the bot's SQLite file, read beside the running bot (WAL lets it)."""
    with contextlib.closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as db:
        db.execute("PRAGMA busy_timeout = 5000")
        (value,) = db.execute(sql).fetchone()
    return int(value)


def kept_checkins(database: Path, members: list[User]) -> int:
    """The members' updates in the inbox: their check-ins (their only updates here)."""
    ids = ", ".join(str(m.id) for m in members)
    return count(database, f"SELECT count(*) FROM inbox WHERE user_id IN ({ids})")


def saved_checkins(database: Path) -> int:
    return count(database, "SELECT count(*) FROM checkins")


def unfinished(database: Path) -> int:
    return count(database, UNFINISHED)


def env_for(mode: str, server: FakeTelegramServer, database: Path, port: int) -> dict[str, str]:
    # What a killed process held waits for its hold to run out: seconds here, not half a minute.
    lease = {"inbox_lease_seconds": str(LEASE_SECONDS)}
    if mode == "polling":
        return bot_env(server, database, **lease)
    return bot_env(
        server,
        database,
        **lease,
        webhook_url=f"http://127.0.0.1:{port}",
        webhook_listen="127.0.0.1",
        webhook_port=str(port),
        webhook_secret=SECRET,
    )


async def stop_with_a_full_inbox(
    bot: Child, database: Path, members: list[User], how: signal.Signals
) -> int:
    """Wait until the inbox holds every check-in, then send ``how`` at once; the exit code."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 20
    while kept_checkins(database, members) < MEMBERS:
        if bot.returncode is not None or loop.time() > deadline:
            pytest.fail(f"the inbox never held {MEMBERS} check-ins\n{bot.report()}")
        await asyncio.sleep(0.002)
    bot.process.send_signal(how)
    began = loop.time()
    code = await asyncio.wait_for(bot.process.wait(), STOPS_WITHIN + 5)
    assert loop.time() - began < STOPS_WITHIN, bot.report()
    return code


def confirmations(tg: FakeTelegram, groups: list[Chat], members: list[User]) -> Counter[str]:
    """How often each member's "day 1" was said, in any of the groups."""
    names = _days_one(members)
    posted = [m.text or "" for group in groups for m in tg.bot_messages(group.id)]
    return Counter(name for text in posted for name in names if name in text)


def _days_one(members: list[User]) -> set[str]:
    """Each member's "day 1" as the bot says it, the name isolated."""
    return {f"{texts.format.isolate(m.first_name)}: day 1" for m in members}


@pytest.mark.parametrize(
    ("mode", "how"),
    [
        pytest.param("polling", signal.SIGKILL, id="polling-sigkill"),
        pytest.param("webhook", signal.SIGKILL, id="webhook-sigkill"),
        pytest.param("polling", signal.SIGTERM, id="polling-sigterm"),
        pytest.param("webhook", signal.SIGTERM, id="webhook-sigterm"),
        pytest.param("polling", signal.SIGINT, id="polling-sigint"),
    ],
)
async def test_thirty_check_ins_in_hand_are_each_saved_once_after_a_restart(
    tg: FakeTelegram,
    server: FakeTelegramServer,
    spawn: Spawner,
    tmp_path: Path,
    mode: str,
    how: signal.Signals,
) -> None:
    database = tmp_path / "h.db"
    port = free_port()
    env = env_for(mode, server, database, port)
    first = await running(spawn, env)
    owner = tg.add_user("Olga", username="olga")
    members = [tg.add_user(f"Member{n:02d}") for n in range(MEMBERS)]
    groups = [tg.add_group(f"Writers {n}", creator=owner) for n in range(GROUPS)]
    for n, member in enumerate(members):
        tg.add_member(groups[n % GROUPS].id, member)
    for group in groups:
        tg.add_bot(group.id, by=owner)
    await first.wait_until(
        lambda: all(bot_texts(tg, g, "show up every day") for g in groups), "welcomes"
    )

    if mode == "polling":
        for n, member in enumerate(members):
            tg.send(groups[n % GROUPS].id, member, "/done")
        code = await stop_with_a_full_inbox(first, database, members, how)
    else:
        with tg.intercept() as caught:
            for n, member in enumerate(members):
                tg.send(groups[n % GROUPS].id, member, "/done")
        async with aiohttp.ClientSession() as http:
            delivering = asyncio.gather(
                *(deliver(http, port, update.to_json(), SECRET) for update in caught),
                return_exceptions=True,
            )
            code = await stop_with_a_full_inbox(first, database, members, how)
            await delivering

    saved_before = saved_checkins(database)
    assert saved_before < MEMBERS, "all were handled before the stop: nothing was in hand"
    if how is signal.SIGKILL:
        assert code == -signal.SIGKILL
    else:
        assert code == 0, first.report()
        assert "stopped" in first.output(), first.report()

    second = await running(spawn, env)
    await second.wait_until(
        lambda: unfinished(database) == 0 and len(confirmations(tg, groups, members)) == MEMBERS,
        "every check-in handled and answered",
    )
    assert await second.terminate() == 0, second.report()

    assert saved_checkins(database) == MEMBERS
    assert count(database, "SELECT count(DISTINCT member_id) FROM checkins") == MEMBERS
    said = confirmations(tg, groups, members)
    assert set(said) == _days_one(members)
    repeated = {text: n for text, n in said.items() if n > 1}
    if how is signal.SIGKILL:
        # Only answers sent just before the kill, before they could be marked sent.
        assert sum(n - 1 for n in repeated.values()) <= saved_before, repeated
    else:
        assert repeated == {}, repeated
    for bot in (first, second):
        assert_token_hidden(bot)


BACKLOG_GROUPS = 40
BACKLOG_MEMBERS = 20  # a group: its answers fill the group's minute
STOP_AFTER = 2.0  # seconds after the bot runs


async def test_a_stop_marks_every_answer_it_sent_so_a_restart_sends_none_again(
    tg: FakeTelegram, server: FakeTelegramServer, spawn: Spawner, tmp_path: Path
) -> None:
    """800 check-ins wait for the bot when it starts; it is stopped two seconds later, in
    the middle of answering them, and started again. What the first run sent it marked
    before it exited, and kept of answers partly sent (a reaction went, its message did not)
    only what was left: nobody hears their answer twice, nor gets a reaction twice."""
    database_url = sqlite_url(tmp_path / "h.db")
    env = bot_env(server, database_url, log_level="INFO")
    owner = tg.add_user("Olga", username="olga")
    groups = [tg.add_group(f"Writers {n}", creator=owner) for n in range(BACKLOG_GROUPS)]
    members = [tg.add_user(f"Member{n:03d}") for n in range(BACKLOG_GROUPS * BACKLOG_MEMBERS)]
    for n, member in enumerate(members):
        tg.add_member(groups[n % BACKLOG_GROUPS].id, member)
    welcoming = await running(spawn, env)
    for group in groups:
        tg.add_bot(group.id, by=owner)
    await welcoming.wait_until(
        lambda: all(bot_texts(tg, g, "show up every day") for g in groups), "welcomes"
    )
    assert await welcoming.terminate() == 0, welcoming.report()
    for n, member in enumerate(members):
        tg.send(groups[n % BACKLOG_GROUPS].id, member, "/done")

    reactions = count_reactions(tg)
    first = await running(spawn, env)
    await asyncio.sleep(STOP_AFTER)  # the stop comes while the bot works, as in a deploy
    assert await first.terminate(STOPS_WITHIN) == 0, first.report()
    answered_first = sum(answered(tg, groups, members).values())
    assert 0 < answered_first < len(members), "the stop came after or before all the work"

    database = BotDatabase(database_url)
    try:
        second = await running(spawn, env)

        async def all_answered() -> bool:
            return await database.count(UNFINISHED) == 0 and tg.updates_pending() == 0

        # A minute for a busy machine; a quiet one takes ten seconds.
        await second.wait_until(
            all_answered, "every check-in handled and its answer sent", seconds=60
        )
        assert await second.terminate() == 0, second.report()
        assert await database.count("SELECT count(*) FROM checkins") == len(members)
    finally:
        await database.close()
    said = answered(tg, groups, members)
    assert set(said) == {m.first_name for m in members}
    repeated = {name: n for name, n in said.items() if n > 1}
    reacted_again = {message: n for message, n in reactions.items() if n > 1}
    print(
        f"answered before the stop: {answered_first}; sent twice: {len(repeated)} messages, "
        f"{len(reacted_again)} reactions"
    )
    assert repeated == {}, f"{len(repeated)} answers sent twice"
    assert len(reactions) == len(members)
    assert reacted_again == {}, f"{len(reacted_again)} reactions set twice"
