"""PostgreSQL goes away and comes back, under the running bot (the real Application, as
``habitloop run`` builds it), through a TCP proxy the test cuts and restores.

While the database is away a member's /done is answered "couldn't save, send it again", /help
still answers, /healthz says 503 and why, a tick fails without posting; nothing crashes. Once
it is back the bot carries on by itself: healthy, the cue that fell due meanwhile posted once
(inside its two-hour window), check-ins saved once.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import time

import aiohttp
import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from bot import texts
from bot.clock import ManualClock
from bot.faketelegram import FakeTelegram, Message
from bot.faketelegram.world import Change
from bot.intake.inbox import DATABASE_TROUBLE
from bot.jobs.tick import run_tick, tick
from bot.outbox.buttons import CHECKIN_BUTTON_DATA
from bot.outbox.outgoing import Outgoing
from bot.store.db import session_scope
from bot.store.models import CheckIn, Post
from bot.store.posts import LEASE, ToSend
from tests.e2e.conftest import ALICE
from tests.e2e.harness import start_harness, stop_harness
from tests.process.conftest import free_port
from tests.tcp_proxy import TcpProxy

CUE = "Time for today's check-in"
# Seconds the bot waits for the database before that piece of work gives up.
TIMEOUT = 2


@pytest.fixture
async def proxy(database_url: str) -> AsyncIterator[TcpProxy]:
    url = make_url(database_url)
    running = TcpProxy(url.host or "127.0.0.1", url.port or 5432)
    await running.start()
    yield running
    await running.stop()


def through(proxy: TcpProxy, database_url: str) -> str:
    """The database's URL with the proxy in between."""
    return (
        make_url(database_url)
        .set(host="127.0.0.1", port=proxy.port)
        .render_as_string(hide_password=False)
    )


async def health(port: int) -> tuple[int, dict[str, object]]:
    async with (
        aiohttp.ClientSession() as http,
        http.get(f"http://127.0.0.1:{port}/healthz") as reply,
    ):
        return reply.status, await reply.json()


async def healthy_within(port: int, seconds: float) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while (status := (await health(port))[0]) != 200:
        assert loop.time() < deadline, f"/healthz still {status} after {seconds} s"
        await asyncio.sleep(0.1)


@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
async def test_postgres_away_and_back(
    tg: FakeTelegram, clock: ManualClock, database_url: str, proxy: TcpProxy
) -> None:
    metrics_port = free_port()
    bot = await start_harness(
        tg, through(proxy, database_url), clock, database_timeout=TIMEOUT, metrics_port=metrics_port
    )
    try:
        owner = tg.add_user("Olga", username="olga")
        alice = tg.add_user("Alice", username="alice")
        chat = tg.add_group("Writers", creator=owner)
        tg.add_member(chat.id, alice)
        tg.add_bot(chat.id, by=owner)
        await bot.deliver()
        assert f"{ALICE}: day 1" in await bot.say_text(chat, alice, "/done")

        await proxy.cut()
        bot.next_day(time(8, 30))  # the cue is at 9:00
        assert texts.help.could_not_save() in await bot.say_text(chat, alice, "/done")
        assert "/done" in await bot.say_text(chat, owner, "/help")
        status, body = await health(metrics_port)
        assert status == 503
        problems = body["problems"]
        assert isinstance(problems, list)
        assert any(str(p).startswith("database: ") for p in problems), body
        bot.at(bot.clock.now().date(), time(9, 30))
        with pytest.raises(DATABASE_TROUBLE):
            await run_tick(bot.services)
        assert not any(CUE in (m.text or "") for m in tg.bot_messages(chat.id))

        await proxy.restore()
        await healthy_within(metrics_port, seconds=2 * TIMEOUT + 3)
        await bot.tick()
        await bot.tick()
        cues = [m for m in tg.bot_messages(chat.id) if CUE in (m.text or "")]
        assert len(cues) == 1
        assert f"{ALICE}: day 2" in await bot.say_text(chat, alice, "/done")
        async with session_scope(bot.services.sessions) as session:
            saved = await session.scalar(select(func.count()).select_from(CheckIn))
        assert saved == 2
    finally:
        await stop_harness(bot)


@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
async def test_a_database_that_hangs_holds_up_only_the_work_that_needs_it(
    tg: FakeTelegram, clock: ManualClock, database_url: str, proxy: TcpProxy
) -> None:
    bot = await start_harness(tg, through(proxy, database_url), clock, database_timeout=TIMEOUT)
    try:
        owner = tg.add_user("Olga", username="olga")
        alice = tg.add_user("Alice", username="alice")
        writers = tg.add_group("Writers", creator=owner)
        runners = tg.add_group("Runners", creator=owner)
        for chat in (writers, runners):
            tg.add_member(chat.id, alice)
            tg.add_bot(chat.id, by=owner)
        await bot.deliver()

        proxy.silence()  # connections open, nothing answered: a hung server or network
        loop = asyncio.get_running_loop()
        began = loop.time()
        tg.send(writers.id, alice, "/done")
        helped = await bot.say_text(runners, owner, "/help")
        assert "/done" in helped
        assert texts.help.could_not_save() in "\n".join(
            m.text or "" for m in tg.bot_messages(writers.id)
        )
        # Bounded by DATABASE_TIMEOUT, not by the database coming back: each piece of work
        # gives up within it as a whole (keeping the updates, then the /done or the read of
        # the group's language for /help), however many connections it tried.
        assert loop.time() - began < 2 * TIMEOUT + 1.5

        await proxy.restore()
        assert f"{ALICE}: day 1" in await bot.say_text(writers, alice, "/done")
    finally:
        await stop_harness(bot)


@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
async def test_a_post_whose_hold_cannot_be_checked_leaves_the_rest_of_its_chat_to_send(
    tg: FakeTelegram, clock: ManualClock, database_url: str, proxy: TcpProxy
) -> None:
    """Right before a post goes, the bot checks it still holds it (another replica may have
    taken it over). With the database gone at that moment (PostgreSQL restarting) the post
    waits for its next attempt, and what is queued for the chat behind it still goes."""
    bot = await start_harness(tg, through(proxy, database_url), clock, database_timeout=TIMEOUT)
    try:
        owner = tg.add_user("Olga", username="olga")
        chat = tg.add_group("Writers", creator=owner)
        tg.add_bot(chat.id, by=owner)
        await bot.deliver()
        svc = bot.services
        await proxy.cut()
        post = ToSend(
            post_id=1,
            token="not-known",
            telegram_id=chat.id,
            text=CUE,
            kind="cue",
            window_ends_at=None,
        )
        svc.posts.send([post])
        svc.courier.send(Outgoing(chat.id, "Next in the queue"))
        await bot.settle()
        texts_posted = [m.text or "" for m in tg.bot_messages(chat.id)]
        assert "Next in the queue" in texts_posted
        assert CUE not in texts_posted
    finally:
        await proxy.restore()
        await stop_harness(bot)


@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
async def test_a_post_sent_while_the_database_restarts_is_marked_once_it_is_back(
    tg: FakeTelegram, clock: ManualClock, database_url: str, proxy: TcpProxy
) -> None:
    """Telegram accepted the cue, and the database went away before the post's row could
    be marked sent (PostgreSQL restarting). The mark waits for the database: once its hold
    has run out, no tick of this replica or another takes the post for one still to send."""
    bot = await start_harness(tg, through(proxy, database_url), clock, database_timeout=TIMEOUT)
    try:
        owner = tg.add_user("Olga", username="olga")
        chat = tg.add_group("Writers", creator=owner)
        tg.add_bot(chat.id, by=owner)
        await bot.deliver()
        loop = asyncio.get_running_loop()
        back: list[asyncio.Task[None]] = []

        def restart_on_the_cue(change: Change) -> None:
            message = change.message
            if change.kind == "message" and message and is_cue(message) and not back:
                # Away right after Telegram took the cue; back a moment later.
                back.append(loop.create_task(away_for(proxy, seconds=TIMEOUT)))

        stop_watching = tg.watch(restart_on_the_cue)
        bot.next_day(time(9, 0, 5))
        await tick(bot.services)  # the rest of this tick finds the database away: it ends
        await bot.settle()
        stop_watching()
        assert back, "the cue was not posted"
        await back[0]
        await bot.settle()

        bot.advance(minutes=LEASE.total_seconds() / 60 + 1)  # past the hold on the post
        await bot.tick()
        await bot.tick()
        assert len([m for m in tg.bot_messages(chat.id) if is_cue(m)]) == 1
        async with session_scope(bot.services.sessions) as session:
            states = list(await session.scalars(select(Post.state).where(Post.kind == "cue")))
        assert states == ["sent"]
    finally:
        await proxy.restore()
        await stop_harness(bot)


def is_cue(message: Message) -> bool:
    return any(data == CHECKIN_BUTTON_DATA for row in message.buttons for _, data in row)


async def away_for(proxy: TcpProxy, *, seconds: float) -> None:
    await proxy.cut()
    await asyncio.sleep(seconds)
    await proxy.restore()
