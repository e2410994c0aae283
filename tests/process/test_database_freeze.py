"""PostgreSQL stops answering under a running ``habitloop run``: its server processes are
stopped (SIGSTOP) and continued again later.

A server that hangs is the hard case: connections stay open and what the bot sends waits in
them, so each of the driver's own timeouts (the liveness check, closing, a new connection, a
statement) runs out one after another. The bot must give up on each piece of database work
within DATABASE_TIMEOUT as a whole: the member hears "couldn't save that", commands that need
no database and other groups are answered meanwhile, the scheduler's tick goes on failing
instead of hanging, /healthz and /metrics say why; and once the server goes on, nothing
is lost and nothing is done twice.

(A TCP proxy that stops forwarding plays a network that hangs, tests/e2e/test_database_outage.py;
stopping the server's processes keeps what was sent, so whatever reached the server before
the bot gave up is still carried out once it goes on: the test sees that this is harmless.)
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import aiohttp
import pytest
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import func, select

from bot import texts
from bot.faketelegram import Chat, FakeTelegram, FakeTelegramServer
from bot.store.db import make_engine, make_session_factory, session_scope
from bot.store.models import CheckIn
from tests.conftest import PG_URL
from tests.postgres_freezer import FrozenPostgres, frozen_postgres

from .conftest import Child, Spawner, bot_env, bot_texts, free_port

TIMEOUT = 2.0  # DATABASE_TIMEOUT for the bot
# What the bot may take beyond its deadline: a turn of the polling, the fake Telegram, a
# loaded machine. The bot as it was took its deadline three times over and more.
SLACK = 1.5
SAVED = "day 1"
HELP = "keeps this group showing up"  # the group's /help


@pytest.fixture
async def postgres(database_url: str) -> AsyncIterator[FrozenPostgres]:
    async with frozen_postgres(PG_URL, database_url) as database:
        yield database


async def answered_within(
    bot: Child, tg: FakeTelegram, chat: Chat, containing: str, seconds: float
) -> None:
    await bot.wait_until(lambda: bool(bot_texts(tg, chat, containing)), containing, seconds)


async def health(port: int) -> tuple[int, str]:
    timeout = aiohttp.ClientTimeout(total=10)
    async with (
        aiohttp.ClientSession(timeout=timeout) as http,
        http.get(f"http://127.0.0.1:{port}/healthz") as reply,
    ):
        return reply.status, await reply.text()


async def database_errors(port: int) -> float:
    async with (
        aiohttp.ClientSession() as http,
        http.get(f"http://127.0.0.1:{port}/metrics") as reply,
    ):
        families = {f.name: f for f in text_string_to_metric_families(await reply.text())}
    return sum(
        s.value
        for s in families["habitloop_errors"].samples
        if s.name == "habitloop_errors_total" and s.labels.get("kind") == "database"
    )


async def check_ins(database_url: str) -> int:
    engine = make_engine(database_url)
    try:
        async with session_scope(make_session_factory(engine)) as session:
            return int(await session.scalar(select(func.count()).select_from(CheckIn)) or 0)
    finally:
        await engine.dispose()


@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
async def test_a_frozen_server_fails_each_piece_of_work_within_the_timeout(
    tg: FakeTelegram,
    server: FakeTelegramServer,
    spawn: Spawner,
    database_url: str,
    postgres: FrozenPostgres,
) -> None:
    port = free_port()
    env = bot_env(
        server,
        postgres.url,
        database_timeout=str(TIMEOUT),
        metrics_port=str(port),
        tick_seconds="0.5",
        log_level="INFO",
    )
    bot = await spawn("run", env=env)
    owner = tg.add_user("Olga", username="olga")
    alice = tg.add_user("Alice", username="alice")
    bob = tg.add_user("Bob", username="bob")
    writers = tg.add_group("Writers", creator=owner)
    runners = tg.add_group("Runners", creator=owner)
    for chat in (writers, runners):
        tg.add_member(chat.id, alice)
        tg.add_member(chat.id, bob)
        tg.add_bot(chat.id, by=owner)
    await answered_within(bot, tg, runners, "show up every day", 20)  # the welcome
    tg.send(writers.id, alice, "/done")
    await answered_within(bot, tg, writers, SAVED, 20)

    await postgres.freeze()
    loop = asyncio.get_running_loop()
    frozen_at = loop.time()
    tg.send(writers.id, bob, "/done")
    tg.send(writers.id, owner, "/help")
    tg.send(runners.id, owner, "/help")
    # Each piece of work gives up in turn: keeping the updates in the inbox, then in the
    # other group the read of its language for /help (answered in the person's), and in this
    # group the /done, before which its /help waits.
    await answered_within(bot, tg, runners, HELP, 2 * TIMEOUT + SLACK)
    await answered_within(bot, tg, writers, texts.help.could_not_save(), 2 * TIMEOUT + SLACK)
    await answered_within(bot, tg, writers, HELP, 3 * TIMEOUT + SLACK)
    status, body = await health(port)
    assert status == 503, body
    assert '"database: TimeoutError' in body, body
    assert await database_errors(port) >= 1
    await bot.wait_until(
        lambda: "the tick could not reach the database" in bot.output(), "a tick giving up"
    )
    assert loop.time() - frozen_at < 30, "the database was frozen for longer than planned"
    assert len(bot_texts(tg, writers, SAVED)) == 1  # Bob's check-in was not saved

    await postgres.thaw()
    for _ in range(100):
        if (await health(port))[0] == 200:
            break
        await asyncio.sleep(0.1)
    assert (await health(port))[0] == 200, bot.report()
    tg.send(writers.id, bob, "/done")
    await bot.wait_until(lambda: len(bot_texts(tg, writers, SAVED)) == 2, "Bob's check-in")
    assert await bot.terminate() == 0, bot.report()

    assert await check_ins(database_url) == 2
    assert len(bot_texts(tg, writers, texts.help.could_not_save())) == 1
    assert len(bot_texts(tg, writers, SAVED)) == 2
    assert "Traceback" not in bot.output(), bot.report()
