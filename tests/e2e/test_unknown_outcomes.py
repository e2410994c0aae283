"""A message whose answer from Telegram is lost may be in the chat already: Telegram has no
idempotency key, so it is tried once more at most. A message that surely failed keeps its
retries until it goes.

The bot's calls go through a door onto the fake that plays a troubled network for a while,
failing each sendMessage as python-telegram-bot's HTTP request class would: the answer lost
after the fake posted the message (a read timeout, the connection dropped before the
answer), or the connection refused before anything reached it."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from enum import Enum

import httpx
import pytest
from prometheus_client import REGISTRY
from telegram._utils.defaultvalue import DEFAULT_NONE
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

from bot.clock import ManualClock
from bot.faketelegram import Chat, FakeTelegram
from tests.e2e.harness import DAY0, Harness, start_harness, stop_harness

CUE = datetime.combine(DAY0, time(9), tzinfo=UTC)
UNKNOWN = "habitloop_telegram_unknown_outcomes_total"


class Trouble(Enum):
    TIMED_OUT = "the answer timed out"
    DROPPED = "the connection dropped before the answer"
    REFUSED = "the connection was refused"


class TroubledDoor(BaseRequest):
    """The fake's in-process door, on a network that fails every sendMessage until
    ``until`` on the clock, the way ``trouble`` says."""

    def __init__(self, tg: FakeTelegram, clock: ManualClock) -> None:
        self._fake = tg.request()
        self._clock = clock
        self.trouble = Trouble.TIMED_OUT
        self.until = clock.now()

    @property
    def read_timeout(self) -> float | None:
        return self._fake.read_timeout

    async def initialize(self) -> None:
        await self._fake.initialize()

    async def shutdown(self) -> None:
        await self._fake.shutdown()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = DEFAULT_NONE,
        write_timeout: ODVInput[float] = DEFAULT_NONE,
        connect_timeout: ODVInput[float] = DEFAULT_NONE,
        pool_timeout: ODVInput[float] = DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        troubled = url.endswith("/sendMessage") and self._clock.now() < self.until
        if troubled and self.trouble is Trouble.REFUSED:
            refused = httpx.ConnectError("All connection attempts failed")
            raise NetworkError(f"httpx.ConnectError: {refused}") from refused
        answer = await self._fake.do_request(
            url, method, request_data, read_timeout, write_timeout, connect_timeout, pool_timeout
        )
        if troubled and self.trouble is Trouble.TIMED_OUT:
            raise TimedOut from httpx.ReadTimeout("")
        if troubled and self.trouble is Trouble.DROPPED:
            dropped = httpx.RemoteProtocolError("Server disconnected without sending a response.")
            raise NetworkError(f"httpx.RemoteProtocolError: {dropped}") from dropped
        return answer


async def _groups(tg: FakeTelegram, bot: Harness, count: int) -> list[Chat]:
    owner = tg.add_user("Olga", username="olga")
    chats = []
    for n in range(count):
        chat = tg.add_group(f"Team {n}", creator=owner)
        tg.add_bot(chat.id, by=owner)
        chats.append(chat)
    await bot.deliver()
    return chats


def _cues(tg: FakeTelegram, chat: Chat) -> int:
    return len([m for m in tg.bot_messages(chat.id) if m.buttons])


def _counted(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


async def _cue_minute_in_trouble(
    tg: FakeTelegram, database_url: str, clock: ManualClock, trouble: Trouble, seconds: float
) -> tuple[list[Chat], float]:
    """Three groups' cue at 09:00 while sendMessage is in ``trouble`` for ``seconds``, then
    the rest of the morning: the groups, and the unknown outcomes counted meanwhile."""
    door = TroubledDoor(tg, clock)
    bot = await start_harness(tg, database_url, clock, request=door)
    try:
        chats = await _groups(tg, bot, 3)
        unknown = _counted(UNKNOWN)
        door.trouble, door.until = trouble, CUE + timedelta(seconds=seconds)
        await bot.live_to(DAY0, time(9))
        await bot.pass_time(minutes=5)  # the courier's retries
        await bot.live_to(DAY0, time(12))  # and the scheduler's, past the cues' window
        return chats, _counted(UNKNOWN) - unknown
    finally:
        await stop_harness(bot)


@pytest.mark.parametrize("trouble", [Trouble.TIMED_OUT, Trouble.DROPPED], ids=lambda t: t.name)
async def test_answers_lost_for_forty_seconds_post_each_cue_twice_at_most(
    tg: FakeTelegram, database_url: str, clock: ManualClock, trouble: Trouble
) -> None:
    posted = _counted("habitloop_posts_total", kind="cue", outcome="unknown")
    chats, unknown = await _cue_minute_in_trouble(tg, database_url, clock, trouble, seconds=40)
    # The first attempt at 09:00 and the one more 20 s later, both answered into the void;
    # then the post counts as sent, and no later tick posts it again.
    assert [_cues(tg, chat) for chat in chats] == [2, 2, 2]
    assert unknown == 6
    assert _counted("habitloop_posts_total", kind="cue", outcome="unknown") - posted == 3


async def test_the_one_more_attempt_hears_its_answer_once_the_trouble_is_over(
    tg: FakeTelegram, database_url: str, clock: ManualClock
) -> None:
    sent = _counted("habitloop_posts_total", kind="cue", outcome="sent")
    chats, unknown = await _cue_minute_in_trouble(
        tg, database_url, clock, Trouble.TIMED_OUT, seconds=10
    )
    assert [_cues(tg, chat) for chat in chats] == [2, 2, 2]
    assert unknown == 3
    assert _counted("habitloop_posts_total", kind="cue", outcome="sent") - sent == 3


async def test_a_cue_whose_sends_surely_failed_keeps_trying_and_is_posted_once(
    tg: FakeTelegram, database_url: str, clock: ManualClock
) -> None:
    chats, unknown = await _cue_minute_in_trouble(
        tg, database_url, clock, Trouble.REFUSED, seconds=40
    )
    assert [_cues(tg, chat) for chat in chats] == [1, 1, 1]
    assert unknown == 0
    [cue] = [m for m in tg.bot_messages(chats[0].id) if m.buttons]
    assert cue.date >= (CUE + timedelta(seconds=40)).timestamp()  # tried on until it went
