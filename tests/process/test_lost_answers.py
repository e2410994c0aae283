"""A real ``habitloop run`` whose answers from Telegram are lost for 40 seconds over a cue
minute: a proxy forwards every request to the fake Telegram, which posts the message, and
drops what comes back. Telegram has no idempotency key, so each attempt whose answer is lost
may be one more copy in the group: the bot tries such a send once more only, and each group
gets its cue once or, at worst, twice.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import aiohttp

from bot.faketelegram import Chat, FakeTelegram, FakeTelegramServer, User
from tests.tcp_proxy import TcpProxy

from .conftest import (
    POLL_SECONDS,
    WAIT_SECONDS,
    Child,
    Spawner,
    bot_env,
    bot_texts,
    free_port,
)
from .test_observability import scrape, value

LOST_FOR = timedelta(seconds=40)
EARLY = timedelta(seconds=1)
# What the test waits for, beyond the lost answers: the process's start, the groups, the
# next minute's turn (a cue is set to the minute) and the sends after.
WAIT = 150.0


def _cues(tg: FakeTelegram, chat: Chat) -> int:
    return len([m for m in tg.bot_messages(chat.id) if m.buttons])


async def _cue_outcomes(http: aiohttp.ClientSession, metrics: str) -> dict[str, float]:
    """How the cues' posts ended so far, from the process's /metrics."""
    posts = (await scrape(http, metrics))["habitloop_posts"]
    return {
        outcome: value(posts, kind="cue", outcome=outcome)
        for outcome in ("sent", "unknown", "retry")
    }


def _said_in_each(tg: FakeTelegram, groups: list[Chat], words: str) -> Callable[[], bool]:
    return lambda: all(bot_texts(tg, group, words) for group in groups)


async def _cue_set_to_a_coming_minute(
    tg: FakeTelegram, bot: Child, owner: User, groups: list[Chat]
) -> datetime:
    """Each group's cue set to the same coming minute (UTC, the default zone); set again
    for a later one if the bot's answers came after it (a busy machine)."""
    for _ in range(3):
        after = datetime.now(UTC) + timedelta(seconds=5)
        cue = (after + timedelta(minutes=1)).replace(second=0, microsecond=0)
        for group in groups:
            tg.send(group.id, owner, f"/settings cue {cue:%H:%M}")
        await bot.wait_until(_said_in_each(tg, groups, f"is now {cue:%H:%M}"), "the cue set")
        if datetime.now(UTC) < cue:
            return cue
    raise AssertionError(f"the cue could not be set ahead of its minute\n{bot.report()}")


async def test_a_cue_whose_answers_are_lost_for_forty_seconds_is_posted_twice_at_most(
    tg: FakeTelegram, server: FakeTelegramServer, spawn: Spawner, tmp_path: Path
) -> None:
    target = urlsplit(server.url)
    proxy = TcpProxy(target.hostname or "127.0.0.1", target.port or 80)
    await proxy.start()
    try:
        metrics = f"http://127.0.0.1:{free_port()}"
        env = bot_env(
            f"http://127.0.0.1:{proxy.port}",
            tmp_path / "bot.db",
            tick_seconds="1",
            metrics_port=metrics.rsplit(":", 1)[1],
        )
        bot = await spawn("run", env=env)
        owner = tg.add_user("Olga", username="olga")
        groups = [tg.add_group(f"Team {n}", creator=owner) for n in range(3)]
        for group in groups:
            tg.add_bot(group.id, by=owner)
        await bot.wait_until(_said_in_each(tg, groups, "show up every day"), "the welcomes")
        cue = await _cue_set_to_a_coming_minute(tg, bot, owner, groups)

        # From a moment before the cue is due, so that no tick sends it before.
        await bot.wait_until(lambda: datetime.now(UTC) >= cue - EARLY, "the cue's minute", WAIT)
        proxy.lose_answers()
        await bot.wait_until(lambda: datetime.now(UTC) >= cue + LOST_FOR, "the answers back", WAIT)
        await proxy.restore()

        async with aiohttp.ClientSession() as http:
            # Every cue's post ended (sent, or taken for sent): no later tick sends it again.
            outcomes = await _cue_outcomes(http, metrics)
            deadline = asyncio.get_running_loop().time() + WAIT_SECONDS
            while outcomes["sent"] + outcomes["unknown"] < len(groups):
                assert asyncio.get_running_loop().time() < deadline, (outcomes, bot.report())
                await asyncio.sleep(POLL_SECONDS)
                outcomes = await _cue_outcomes(http, metrics)
            assert outcomes["retry"] == 0, outcomes
            families = await scrape(http, metrics)
        posted = [_cues(tg, group) for group in groups]
        assert all(1 <= n <= 2 for n in posted), (posted, bot.report())
        # Each group's first attempt went out while the answers were lost.
        assert value(families["habitloop_telegram_unknown_outcomes"]) >= len(groups)
        assert "may have been posted" in bot.output()
        assert await bot.terminate() == 0, bot.report()
        assert "Traceback" not in bot.output()
    finally:
        await proxy.stop()
