"""Moving the sandbox's clock: days pass at a click, and the bot's posts fire on the way.

A jump never skips what a running bot would have done: the clock stops at every instant a
cue, recap, weekly picture or private reminder falls due before the target, and the
scheduler's tick runs there, so each post goes out at its own time and the next one sees
what the last one did. Between jumps the clock runs at the wall clock's pace, as time does
in a real chat.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.clock import ManualClock
from bot.domain.schedule import PostKind
from bot.faketelegram.world import World
from bot.sandbox.live import LiveBot
from bot.store.db import SessionFactory
from bot.store.schedule import next_due_at

# A year of cues and recaps is a few hundred ticks; more would keep the page waiting.
LONGEST_JUMP = timedelta(days=366)
FOLLOW_EVERY_SECONDS = 1.0


class TimeTravelRefused(ValueError):
    """A jump the sandbox won't make; the message says why, for the page to show."""


@dataclass
class Trip:
    """What a jump did: where it started and ended, how often it ticked, what it posted."""

    started: datetime
    ended: datetime
    ticks: int = 0
    posted: int = 0


async def next_due(
    sessions: SessionFactory, *, cue: bool = True, recap: bool = True
) -> datetime | None:
    """The earliest instant any active group's cue (and/or recap) is due, from the schedule
    the bot keeps in its database; with both, also any weekly picture, weekly pairing or
    private reminder."""
    everything = cue and recap
    kinds = ([PostKind.CUE] if cue else []) + ([PostKind.RECAP] if recap else [])
    if everything:
        kinds += [PostKind.WEEKLY, PostKind.PAIRS]
    async with sessions() as session:
        return await next_due_at(session=session, kinds=kinds, reminders=everything)


class TimeMachine:
    """The sandbox's clock, moved by the page and followed by the bot."""

    def __init__(self, clock: ManualClock, world: World, zone: ZoneInfo) -> None:
        self.clock = clock
        self.zone = zone
        self._world = world
        self._lock = asyncio.Lock()
        self._follower: asyncio.Task[None] | None = None

    def local_now(self) -> datetime:
        return self.clock.now().astimezone(self.zone)

    @contextlib.asynccontextmanager
    async def held(self) -> AsyncIterator[None]:
        """No jump and no following while the block runs (a reset, a jump)."""
        async with self._lock:
            yield

    # -- the wall clock's pace ----------------------------------------------------------

    def follow_real_time(self) -> None:
        """Let the clock run along with real time, from now until ``stop_following``."""
        if self._follower is None:
            self._follower = asyncio.get_running_loop().create_task(self._follow())

    async def stop_following(self) -> None:
        if self._follower is not None:
            self._follower.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._follower
            self._follower = None

    async def _follow(self) -> None:
        loop = asyncio.get_running_loop()
        last = loop.time()
        while True:
            await asyncio.sleep(FOLLOW_EVERY_SECONDS)
            now = loop.time()
            # During a jump the jump owns the clock; the seconds it took are not added on.
            if not self._lock.locked():
                self.clock.advance(timedelta(seconds=now - last))
            last = now

    # -- jumps --------------------------------------------------------------------------

    def moved(self) -> None:
        self._world.notify("clock")

    async def travel_to(self, bot: LiveBot, target: datetime) -> Trip:
        """Move to ``target``, ticking at every cue and recap due on the way."""
        async with self._lock:
            start = self.clock.now()
            if target < start:
                raise TimeTravelRefused("time only moves forward here: pick a later moment")
            if target - start > LONGEST_JUMP:
                raise TimeTravelRefused("that is more than a year ahead: jump at most a year")
            # What people did before the jump belongs to the time before it.
            await bot.settled()
            trip = Trip(start, target)
            async with bot.scheduler_paused():
                last: datetime | None = None
                while (due := await next_due(bot.services.sessions)) is not None:
                    moment = max(due, self.clock.now())
                    if moment > target or (last is not None and moment <= last):
                        break  # beyond the target, or the schedule did not move on
                    await self._tick_at(bot, moment, trip)
                    last = moment
                await self._tick_at(bot, target, trip)
            return trip

    async def _tick_at(self, bot: LiveBot, moment: datetime, trip: Trip) -> None:
        self.clock.set(moment)
        self.moved()
        trip.posted += await bot.tick()
        trip.ticks += 1

    async def advance(self, bot: LiveBot, delta: timedelta) -> Trip:
        return await self.travel_to(bot, self.clock.now() + delta)

    async def to_next(self, bot: LiveBot, *, cue: bool) -> Trip:
        """To the next cue (or recap) of any group."""
        due = await next_due(bot.services.sessions, cue=cue, recap=not cue)
        if due is None:
            what = "cue" if cue else "recap"
            raise TimeTravelRefused(
                f"no {what} is scheduled: add the bot to a group (and check /settings)"
            )
        return await self.travel_to(bot, max(due, self.clock.now()))

    async def tomorrow_at(self, bot: LiveBot, at: time) -> Trip:
        day = self.local_now().date() + timedelta(days=1)
        return await self.travel_to(bot, self.local_moment(day, at))

    def local_moment(self, day: date, at: time) -> datetime:
        return datetime.combine(day, at, tzinfo=self.zone)

    def parse_moment(self, text: str) -> datetime:
        """An ISO date and time from the page's picker; without an offset, in our zone."""
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            raise TimeTravelRefused(
                f"{text!r} is not a date and time like 2026-03-09T09:00"
            ) from None
        return moment if moment.tzinfo is not None else moment.replace(tzinfo=self.zone)


# -- what the page asks for ---------------------------------------------------------


def clock_time(body: dict[str, Any]) -> time:
    """The time of day a jump's body names (``at``: 09:00 when it names none)."""
    text = str(body.get("at", "09:00"))
    try:
        return time.fromisoformat(text)
    except ValueError:
        raise TimeTravelRefused(f"{text!r} is not a time of day like 09:00") from None


def duration(body: dict[str, Any]) -> timedelta:
    """How far a jump's body moves the clock (``days``, ``hours``, ``minutes``)."""
    try:
        delta = timedelta(
            days=float(body.get("days", 0)),
            hours=float(body.get("hours", 0)),
            minutes=float(body.get("minutes", 0)),
        )
    except (TypeError, ValueError):
        raise TimeTravelRefused("days, hours and minutes must be numbers") from None
    if delta <= timedelta(0):
        raise TimeTravelRefused("move the clock forward by a positive amount of time")
    return delta
