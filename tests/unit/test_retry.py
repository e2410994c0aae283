"""The retry policy: waits that grow and stop growing, a deadline or a number of attempts
kept, and a failure that does not pass ending the call at once. Time is a ManualClock."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from itertools import islice

import pytest

from bot.clock import ManualClock
from bot.retry import GaveUp, RetryPolicy

START = datetime(2026, 3, 9, 12, tzinfo=UTC)
POLICY = RetryPolicy(first=1.0, factor=2.0, most=60.0, passing=(OSError,))


class Flaky:
    """An attempt that fails with ``errors`` one after another, then answers "done"; it
    notes the clock's seconds since START at each attempt."""

    def __init__(self, clock: ManualClock, errors: list[BaseException]) -> None:
        self._clock = clock
        self._errors = errors
        self.at: list[float] = []

    async def __call__(self) -> str:
        self.at.append((self._clock.now() - START).total_seconds())
        if self._errors:
            raise self._errors.pop(0)
        return "done"


async def _passing_time(clock: ManualClock, call: Awaitable[str]) -> str:
    """Run ``call``, moving the clock to each moment it sleeps until, never sleeping."""
    task = asyncio.ensure_future(call)
    while not task.done():
        await asyncio.sleep(0)
        wake = clock.next_wake()
        if wake is not None:
            clock.set(wake)
    return task.result()


def _failing(times: int) -> list[BaseException]:
    return [ConnectionError(f"failure {n}") for n in range(times)]


def test_the_waits_double_up_to_the_most() -> None:
    assert list(islice(POLICY.delays(), 9)) == [1, 2, 4, 8, 16, 32, 60, 60, 60]
    slow = RetryPolicy(first=0.5, factor=3.0, most=10.0, passing=(OSError,))
    assert list(islice(slow.delays(), 5)) == [0.5, 1.5, 4.5, 10, 10]


async def test_the_attempts_wait_as_the_policy_says_then_succeed() -> None:
    clock = ManualClock(START)
    attempt = Flaky(clock, _failing(8))
    heard: list[tuple[str, float]] = []

    def on_retry(error: BaseException, delay: float) -> None:
        heard.append((str(error), delay))

    assert await _passing_time(clock, POLICY.run(attempt, clock=clock, on_retry=on_retry)) == "done"
    assert attempt.at == [0, 1, 3, 7, 15, 31, 63, 123, 183]
    assert heard[0] == ("failure 0", 1.0)
    assert [delay for _error, delay in heard] == [1, 2, 4, 8, 16, 32, 60, 60]


async def test_the_patience_is_kept() -> None:
    clock = ManualClock(START)
    attempt = Flaky(clock, _failing(100))
    patient = RetryPolicy(
        first=1.0, factor=2.0, most=60.0, passing=(OSError,), patience=timedelta(seconds=20)
    )
    with pytest.raises(GaveUp) as gave_up:
        await _passing_time(clock, patient.run(attempt, clock=clock))
    # The next attempt would have come 31 seconds after the first: past the 20.
    assert attempt.at == [0, 1, 3, 7, 15]
    assert str(gave_up.value.error) == "failure 4"
    assert clock.now() == START + timedelta(seconds=15)  # no wait that leads nowhere


async def test_a_deadline_of_the_call_is_kept_and_the_earlier_one_wins() -> None:
    clock = ManualClock(START)
    attempt = Flaky(clock, _failing(100))
    deadline = START + timedelta(seconds=7)
    with pytest.raises(GaveUp):
        await _passing_time(clock, POLICY.run(attempt, clock=clock, deadline=deadline))
    assert attempt.at == [0, 1, 3, 7]  # an attempt right at the deadline is made

    clock = ManualClock(START)
    attempt = Flaky(clock, _failing(100))
    patient = RetryPolicy(
        first=1.0, factor=2.0, most=60.0, passing=(OSError,), patience=timedelta(seconds=3)
    )
    later = START + timedelta(minutes=5)
    with pytest.raises(GaveUp):
        await _passing_time(clock, patient.run(attempt, clock=clock, deadline=later))
    assert attempt.at == [0, 1, 3]


async def test_the_number_of_attempts_is_kept() -> None:
    clock = ManualClock(START)
    attempt = Flaky(clock, _failing(100))
    three = RetryPolicy(first=1.0, factor=2.0, most=60.0, passing=(OSError,), attempts=3)
    with pytest.raises(GaveUp):
        await _passing_time(clock, three.run(attempt, clock=clock))
    assert attempt.at == [0, 1, 3]


def _refusing() -> RetryPolicy:
    return RetryPolicy(
        first=1.0, factor=2.0, most=60.0, passing=(OSError,), refusing=(FileNotFoundError,)
    )


@pytest.mark.parametrize(
    ("policy", "error"),
    [
        pytest.param(_refusing, FileNotFoundError("a passing kind that refuses"), id="refusing"),
        pytest.param(lambda: POLICY, ValueError("not a passing kind"), id="not-passing"),
    ],
)
async def test_a_failure_that_does_not_pass_ends_the_call_at_once(
    policy: Callable[[], RetryPolicy], error: BaseException
) -> None:
    clock = ManualClock(START)
    attempt = Flaky(clock, [ConnectionError("passes"), error])
    with pytest.raises(type(error)) as raised:
        await _passing_time(clock, policy().run(attempt, clock=clock))
    assert raised.value is error
    assert attempt.at == [0, 1]
    assert clock.next_wake() is None


class Lost(ConnectionError):
    """A failure after which the call may have taken effect (an answer that never came)."""


def _unsure(pause: float = 20.0) -> RetryPolicy:
    return RetryPolicy(
        first=1.0,
        factor=2.0,
        most=60.0,
        passing=(OSError,),
        unsure=lambda error: isinstance(error, Lost),
        unsure_pause=pause,
    )


async def test_an_unsure_failure_is_tried_again_once_after_the_pause() -> None:
    clock = ManualClock(START)
    attempt = Flaky(clock, [Lost("no answer")])
    assert await _passing_time(clock, _unsure().run(attempt, clock=clock)) == "done"
    assert attempt.at == [0, 20]


async def test_a_second_unsure_failure_ends_the_call_however_patient() -> None:
    clock = ManualClock(START)
    attempt = Flaky(clock, [Lost("no answer"), Lost("no answer again"), *_failing(5)])
    with pytest.raises(GaveUp) as gave_up:
        await _passing_time(clock, _unsure().run(attempt, clock=clock))
    assert attempt.at == [0, 20]
    assert gave_up.value.unsure
    assert str(gave_up.value.error) == "no answer again"
    assert clock.next_wake() is None


async def test_sure_failures_keep_their_retries_around_one_unsure() -> None:
    clock = ManualClock(START)
    attempt = Flaky(clock, [*_failing(2), Lost("no answer"), *_failing(2)])
    assert await _passing_time(clock, _unsure().run(attempt, clock=clock)) == "done"
    # 1 and 2 s of backoff, then the pause (longer than the next backoff, 4 s), then 8 and 16.
    assert attempt.at == [0, 1, 3, 23, 31, 47]

    clock = ManualClock(START)
    attempt = Flaky(clock, [*_failing(7), Lost("no answer")])
    assert await _passing_time(clock, _unsure(pause=20.0).run(attempt, clock=clock)) == "done"
    # The backoff had grown past the pause already: it is kept.
    assert attempt.at == [0, 1, 3, 7, 15, 31, 63, 123, 183]


async def test_giving_up_after_an_unsure_failure_says_so() -> None:
    clock = ManualClock(START)
    attempt = Flaky(clock, [Lost("no answer"), *_failing(100)])
    with pytest.raises(GaveUp) as gave_up:
        await _passing_time(
            clock, _unsure().run(attempt, clock=clock, deadline=START + timedelta(minutes=1))
        )
    assert gave_up.value.unsure
    assert str(gave_up.value.error).startswith("failure")

    clock = ManualClock(START)
    attempt = Flaky(clock, [Lost("no answer")])
    with pytest.raises(GaveUp) as gave_up:  # no time left for the one more attempt
        await _passing_time(
            clock, _unsure().run(attempt, clock=clock, deadline=START + timedelta(seconds=10))
        )
    assert gave_up.value.unsure
    assert attempt.at == [0]

    clock = ManualClock(START)
    attempt = Flaky(clock, _failing(100))
    with pytest.raises(GaveUp) as gave_up:
        await _passing_time(
            clock, _unsure().run(attempt, clock=clock, deadline=START + timedelta(seconds=10))
        )
    assert not gave_up.value.unsure
