"""Telegram's windows as the send budget keeps them: 30 messages in any second, 20 a minute
into one group, each counted when it goes. A slot taken before some work (a check) holds its
place until the message goes; the window then counts it from that moment, so a slow check
never lets the next messages crowd the window. Time is a ManualClock."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Coroutine
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from bot.clock import ManualClock
from bot.outbox.limits import SendBudget, Slot

T = TypeVar("T")
START = datetime(2026, 3, 9, 12, tzinfo=UTC)
GROUP = -100_001
PERSON = 42


async def _turns() -> None:
    """Let whoever was woken look again."""
    for _ in range(20):
        await asyncio.sleep(0)


async def _at_once(call: Awaitable[T]) -> T:
    """What ``call`` gives without the clock moving; fails if it has to wait."""
    task = asyncio.ensure_future(call)
    for _ in range(20):
        await asyncio.sleep(0)
    assert task.done(), "it waits"
    return task.result()


async def _waits(call: Coroutine[Any, Any, T]) -> asyncio.Task[T]:
    task = asyncio.ensure_future(call)
    for _ in range(20):
        await asyncio.sleep(0)
    assert not task.done(), "it went at once"
    return task


async def _slots(budget: SendBudget, count: int, chat: int = PERSON) -> list[Slot]:
    return [await _at_once(budget.take(chat - n if chat < 0 else chat + n)) for n in range(count)]


async def test_thirty_go_in_a_second_and_the_next_when_the_first_is_a_second_old() -> None:
    clock = ManualClock(START)
    budget = SendBudget(clock)
    for n in range(30):
        assert await _at_once(budget.acquire(PERSON + n)) is False
    later = await _waits(budget.acquire(PERSON))
    assert clock.next_wake() == START + timedelta(seconds=1)
    clock.set(START + timedelta(seconds=1))
    assert await later is True


async def test_a_slot_counts_from_when_its_message_went_not_when_it_was_taken() -> None:
    clock = ManualClock(START)
    budget = SendBudget(clock)
    slots = await _slots(budget, 30)
    clock.set(START + timedelta(seconds=0.4))  # a slow check before each message goes
    for slot in slots:
        slot.sent()
    later = await _waits(budget.acquire(PERSON))
    assert clock.next_wake() == START + timedelta(seconds=1.4)  # not 1.0: 31 in a second
    clock.set(START + timedelta(seconds=1.4))
    await later


async def test_slots_on_their_way_fill_the_window_until_one_is_sent_or_given_back() -> None:
    clock = ManualClock(START)
    budget = SendBudget(clock)
    slots = await _slots(budget, 30)
    later = await _waits(budget.take(PERSON))
    assert budget.waiting == 0  # it waits for the others' work, not for the clock
    assert clock.next_wake() is None
    slots[0].cancel()  # that message was withdrawn: its place is free at once
    given = await _at_once(later)
    given.sent()
    slots[1].sent()
    slots[1].cancel()  # once sent, it stays counted
    another = await _waits(budget.take(PERSON))
    for slot in slots[2:]:
        slot.sent()
    await _turns()
    # 30 went now (the given one, and 29 of the first ones): the next a second later.
    assert clock.next_wake() == START + timedelta(seconds=1)
    clock.set(START + timedelta(seconds=1))
    (await another).sent()


async def test_a_group_takes_twenty_a_minute_counting_those_on_their_way() -> None:
    clock = ManualClock(START)
    budget = SendBudget(clock)
    slots = [await _at_once(budget.take(GROUP)) for _ in range(20)]
    later = await _waits(budget.take(GROUP))
    assert await _at_once(budget.acquire(GROUP - 1)) is False  # another group is not held
    clock.set(START + timedelta(seconds=10))
    for slot in slots:
        slot.sent()
    await _turns()
    assert clock.next_wake() == START + timedelta(seconds=70)
    clock.set(START + timedelta(seconds=70))
    assert (await later).waited


async def test_a_clock_that_steps_back_holds_nothing_up_for_longer_than_a_window() -> None:
    """A message counted while the wall clock read far ahead (a step that was then undone,
    as NTP does) must not keep its window full until that moment comes round again."""
    clock = ManualClock(START + timedelta(days=270))
    budget = SendBudget(clock)
    for _ in range(20):  # the group's minute, and
        await _at_once(budget.acquire(GROUP))
    for n in range(1, 11):  # the second's 30
        await _at_once(budget.acquire(GROUP - n))
    budget.hold(GROUP - 1, 60.0)
    clock.set(START)  # back where it was

    ready = budget.group_ready_at(GROUP)
    assert ready is not None
    assert ready <= START + timedelta(minutes=1)
    held = budget.group_ready_at(GROUP - 1)
    assert held is not None
    assert held <= START + timedelta(minutes=1)
    waiting = await _waits(budget.acquire(GROUP - 11))
    clock.set(START + timedelta(seconds=1))
    await _turns()
    assert waiting.done(), "the overall window let it go a second later"
