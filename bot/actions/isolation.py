"""One group's trouble never stops the others' work.

The clock's work is done a batch of groups at a time, with a few queries for the whole
batch. When the batch fails, each group is tried alone (each in a savepoint of its own), so
only the one whose data can't be turned into a post fails. A group that keeps failing is
backed off (its next attempt comes later and later) and logged once, with its id, until it
works again. A database that is away fails the whole batch as before: that is not one
group's trouble.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import timedelta
from typing import TypeVar

from sqlalchemy.exc import DisconnectionError, InterfaceError, OperationalError

from bot import metrics
from bot.actions.uow import UnitOfWork

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")

# What a database that is away looks like: no group's fault.
_DATABASE_AWAY = (OperationalError, InterfaceError, DisconnectionError, OSError, TimeoutError)
FIRST_BACKOFF = timedelta(minutes=5)
MAX_BACKOFF = timedelta(days=1)


class Failing:
    """The groups (or people) whose work keeps failing in this process, by what failed."""

    def __init__(self) -> None:
        self._times: dict[tuple[str, int], int] = {}

    def failed(self, what: str, key: int, error: BaseException) -> timedelta:
        """Note a failure; how long to wait before trying again."""
        times = self._times.get((what, key), 0) + 1
        self._times[(what, key)] = times
        metrics.ERRORS.labels("bug").inc()
        if times == 1:
            log.error("the %s of %s failed; trying it again later", what, key, exc_info=error)
        else:
            log.debug("the %s of %s failed again (%d times): %s", what, key, times, error)
        backoff: timedelta = min(FIRST_BACKOFF * 2 ** (times - 1), MAX_BACKOFF)
        return backoff

    def worked(self, what: str, key: int) -> None:
        if self._times.pop((what, key), None) is not None:
            log.info("the %s of %s works again", what, key)


async def each_alone(
    uow: UnitOfWork,
    items: Sequence[T],
    work: Callable[[Sequence[T]], Awaitable[Mapping[int, R]]],
) -> tuple[dict[int, R], list[tuple[T, Exception]]]:
    """``work`` for all ``items`` at once; if that fails, for each alone. What worked (as
    ``work`` keys it), and the items that failed with why."""
    if not items:
        return {}, []
    try:
        async with uow.session.begin_nested():
            return dict(await work(items)), []
    except _DATABASE_AWAY:
        raise
    except Exception as error:
        if len(items) == 1:
            return {}, [(items[0], error)]
    done: dict[int, R] = {}
    failed: list[tuple[T, Exception]] = []
    for item in items:
        try:
            async with uow.session.begin_nested():
                done.update(await work([item]))
        except _DATABASE_AWAY:
            raise
        except Exception as error:
            failed.append((item, error))
    return done, failed
