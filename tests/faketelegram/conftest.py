"""Fixtures for the fake Telegram's own tests: a world with one bot, people and a group."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from PIL import Image
from telegram import Bot

from bot.clock import ManualClock
from bot.faketelegram import Chat, FakeTelegram, User

TOKEN = "123456:" + "A" * 35


def png(width: int = 8, height: int = 4, colour: str = "red") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def _timedelta_periods(monkeypatch: pytest.MonkeyPatch) -> None:
    """PTB warns on int time periods (RetryAfter.retry_after) unless this is opted into."""
    monkeypatch.setenv("PTB_TIMEDELTA", "1")


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))


@pytest.fixture
async def tg(clock: ManualClock) -> AsyncIterator[FakeTelegram]:
    """A world with the bot; a test fails if the bot misused the Bot API."""
    world = FakeTelegram(clock=clock)
    world.create_bot(TOKEN, username="habitloop_bot", first_name="Habitloop")
    yield world
    await world.aclose()
    world.raise_for_problems()


@pytest.fixture
async def bot(tg: FakeTelegram) -> AsyncIterator[Bot]:
    async with Bot(TOKEN, request=tg.request(), get_updates_request=tg.request()) as client:
        yield client


@pytest.fixture
def alice(tg: FakeTelegram) -> User:
    return tg.add_user("Alice", username="alice")


@pytest.fixture
def bob(tg: FakeTelegram) -> User:
    return tg.add_user("Bob", username="bob", last_name="Stone")


@pytest.fixture
def group(tg: FakeTelegram, alice: User, bob: User) -> Chat:
    """A supergroup with Alice (creator), Bob and the bot; its join updates are dropped."""
    chat = tg.add_group("Writers", creator=alice)
    tg.add_member(chat.id, bob)
    tg.add_bot(chat.id, by=alice)
    tg.bot().queue.clear()
    return chat
