"""A fake Telegram, a clock and the real bot on a fresh database, for each test."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest

from bot import texts
from bot.clock import ManualClock
from bot.faketelegram import Chat, FakeTelegram, User
from tests.e2e.harness import BOT_USERNAME, START, TOKEN, Harness, start_harness, stop_harness

# The members' names as the bot's sentences show them: isolated for bidirectional text.
ALICE = texts.format.isolate("Alice")
BOB = texts.format.isolate("Bob")


@dataclass
class Group:
    """A supergroup with the bot, its creator (an admin) and two members."""

    chat: Chat
    owner: User
    alice: User
    bob: User


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


@pytest.fixture
def tg(clock: ManualClock) -> FakeTelegram:
    world = FakeTelegram(clock=clock)  # Telegram's flood limits on, as in production
    world.create_bot(TOKEN, username=BOT_USERNAME)
    return world


@pytest.fixture
async def bot(tg: FakeTelegram, database_url: str, clock: ManualClock) -> AsyncIterator[Harness]:
    harness = await start_harness(tg, database_url, clock)
    yield harness
    await stop_harness(harness)


@pytest.fixture
async def group(tg: FakeTelegram, bot: Harness) -> Group:
    owner = tg.add_user("Olga", username="olga")
    alice = tg.add_user("Alice", username="alice")
    bob = tg.add_user("Bob", username="bob")
    chat = tg.add_group("Writers", creator=owner)
    tg.add_member(chat.id, alice)
    tg.add_member(chat.id, bob)
    tg.add_bot(chat.id, by=owner)
    await bot.deliver()
    return Group(chat, owner, alice, bob)
