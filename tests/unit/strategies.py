"""Hypothesis strategies for members' histories, group rules, instants and travels."""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import Enum
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

from bot.domain.calendar import start_of_date
from bot.domain.streaks import Break, Mark, Rules

FIRST_DAY = date(2024, 1, 1)

# Zones with the awkward cases: DST both ways and hemispheres, half and three-quarter hour
# offsets, both sides of the date line.
AWKWARD_ZONES: tuple[str, ...] = (
    "UTC",
    "Europe/London",
    "Europe/Berlin",
    "America/New_York",
    "Australia/Sydney",
    "Asia/Kolkata",
    "Pacific/Chatham",
    "Pacific/Kiritimati",
    "Pacific/Pago_Pago",
    "Australia/Lord_Howe",  # a 30-minute DST shift
)


@dataclass(frozen=True, slots=True)
class History:
    """One member's check-in days in one group, with the group's rules and their breaks."""

    days: dict[date, Mark]
    breaks: list[Break]
    rules: Rules

    def in_order(self) -> list[tuple[date, Mark]]:
        return sorted(self.days.items())


def rules() -> st.SearchStrategy[Rules]:
    return st.builds(
        Rules,
        rest_weekdays=st.frozensets(st.integers(0, 6), max_size=7),
        # Small values make freezes come and go often, which is where the bugs would be.
        freeze_every=st.one_of(st.integers(0, 4), st.just(7), st.integers(0, 15)),
        freeze_max=st.integers(0, 3),
        fail_counts=st.booleans(),
    )


# Each check-in is drawn as one byte (one draw instead of several keeps thousands of long
# histories fast), which shrinks towards 0: the next day, DONE.
# The low 5 bits pick the gap since the previous check-in: mostly the next day, sometimes a
# short gap (where freezes matter), now and then a long one.
_GAPS = (1,) * 19 + (2, 2, 2, 3, 3, 4, 5, 6, 8, 10, 13, 25, 40)
# The high bits pick the mark: a quarter of the days are fails.
_FAIL_FROM = 192


def _step(byte: int) -> tuple[int, Mark]:
    return _GAPS[byte & 31], Mark.FAIL if byte >= _FAIL_FROM else Mark.DONE


@st.composite
def histories(draw: st.DrawFn, max_days: int = 200) -> History:
    start = FIRST_DAY + timedelta(days=draw(st.integers(0, 3000)))
    # Drawing the length first gives long histories as often as short ones.
    length = draw(st.integers(0, max_days))
    steps = draw(st.binary(min_size=length, max_size=length))
    days: dict[date, Mark] = {}
    day = start
    for gap, mark in map(_step, steps):
        day += timedelta(days=gap)
        if (day - start).days > max_days:
            break
        days[day] = mark
    span = max((day - start).days, 1)
    breaks = draw(
        st.lists(
            st.builds(
                lambda offset, length: Break(
                    start + timedelta(days=offset), start + timedelta(days=offset + length - 1)
                ),
                st.integers(0, span),
                st.integers(0, 20),  # 0: a break called off on its first day
            ),
            max_size=4,
        )
    )
    return History(days=days, breaks=breaks, rules=draw(rules()))


def zones() -> st.SearchStrategy[ZoneInfo]:
    return st.sampled_from(AWKWARD_ZONES).map(ZoneInfo)


# The days (UTC) around which the zones above change their clocks in 2026.
DST_CHANGE_DAYS_2026: tuple[date, ...] = (
    date(2026, 3, 8),  # United States, spring
    date(2026, 11, 1),  # United States, autumn
    date(2026, 3, 29),  # European Union and UK, spring
    date(2026, 10, 25),  # European Union and UK, autumn
    date(2026, 4, 5),  # Sydney, Lord Howe, Chatham: end of DST
    date(2026, 10, 4),  # Sydney, Lord Howe: start of DST
    date(2026, 9, 27),  # Chatham: start of DST
)


def instants() -> st.SearchStrategy[datetime]:
    """Aware UTC instants in 2026, half of them within two days of a change of clocks."""
    first = datetime(2026, 1, 1, tzinfo=UTC)
    anywhere = st.integers(0, 365 * 24 * 3600).map(lambda s: first + timedelta(seconds=s))
    near_change = st.builds(
        lambda day, seconds: datetime.combine(day, time(), tzinfo=UTC) + timedelta(seconds=seconds),
        st.sampled_from(DST_CHANGE_DAYS_2026),
        st.integers(-2 * 24 * 3600, 2 * 24 * 3600),
    )
    return st.one_of(anywhere, near_change)


def wall_times() -> st.SearchStrategy[time]:
    """Local times of day, biased to the small hours where DST changes happen."""
    return st.one_of(
        st.builds(time, st.integers(0, 4), st.sampled_from([0, 15, 30, 45, 59])),
        st.builds(time, st.integers(0, 23), st.integers(0, 59)),
    )


# Where members travel: from UTC-12 to UTC+14 across the date line, and real zones with
# daylight-saving changes (an hour, half an hour on Lord Howe, at 02:45 on Chatham).
TRAVEL_ZONES: tuple[str, ...] = (
    *AWKWARD_ZONES,
    "Etc/GMT+12",  # UTC-12
    "Etc/GMT-14",  # UTC+14
    "Pacific/Apia",
    "Pacific/Honolulu",
    "Pacific/Tongatapu",
    "Asia/Tokyo",
    "America/Los_Angeles",
    "America/St_Johns",
)
# Zones whose offset never changes in 2026: there every day is 24 hours long.
FIXED_ZONES: tuple[str, ...] = (
    "UTC",
    "Etc/GMT+12",
    "Etc/GMT-14",
    "Asia/Kolkata",
    "Asia/Tokyo",
    "Pacific/Kiritimati",
    "Pacific/Pago_Pago",
    "Pacific/Apia",
)


class Act(Enum):
    CHECK_IN = "check in"
    MOVE = "set a time zone"
    GROUP_MOVE = "the admins set the group's time zone"
    UNDO = "undo"
    LATE = "check in for yesterday"


@dataclass(frozen=True, slots=True)
class Event:
    act: Act
    at: datetime
    zone: ZoneInfo  # where a MOVE or a GROUP_MOVE goes; ignored by the other acts


@dataclass(frozen=True, slots=True)
class Travel:
    """A member's first zone and what they did, in order of time."""

    zone: ZoneInfo
    events: list[Event]


def _next(at: datetime, kind: int, size: int, zone: ZoneInfo) -> datetime:
    """The moment of the next event: the same moment (only right after setting a zone: "set
    it, then check in"), up to two hours later, up to a day and a quarter later, or within
    about two hours of the member's next local midnight, where the rule's cases crowd."""
    if kind < 16:
        return at
    if kind < 80:
        return at + timedelta(seconds=30 * size)
    if kind < 144:
        return at + timedelta(minutes=7 * size)
    tomorrow = at.astimezone(zone).date() + timedelta(days=1)
    midnight = datetime.combine(tomorrow, time(), tzinfo=zone).astimezone(UTC)
    return max(at, midnight + timedelta(minutes=size - 128))


def travels(
    acts: tuple[Act, ...] = (Act.CHECK_IN, Act.MOVE),
    zones: tuple[str, ...] = TRAVEL_ZONES,
    max_events: int = 40,
) -> st.SearchStrategy[Travel]:
    """Events at increasing instants in 2026, half of the histories starting within two days
    of a change of clocks; check-ins are the most common act."""
    weighted = (Act.CHECK_IN, Act.CHECK_IN, *acts) if Act.CHECK_IN in acts else acts
    # Four bytes an event (one draw keeps long travels fast): what, how long after, where to.
    steps = st.integers(1, max_events).flatmap(lambda n: st.binary(min_size=4 * n, max_size=4 * n))
    start = st.sampled_from(zones).flatmap(_starts)
    return st.builds(functools.partial(_travel, weighted, zones), start, steps)


@functools.cache
def _clock_changes(zone: str) -> tuple[datetime, ...]:
    """The instants at which ``zone`` changes its clocks in 2026 (to the hour)."""
    tz = ZoneInfo(zone)
    hours = [datetime(2026, 1, 1, tzinfo=UTC) + timedelta(hours=n) for n in range(365 * 24)]
    return tuple(
        b
        for a, b in itertools.pairwise(hours)
        if a.astimezone(tz).utcoffset() != b.astimezone(tz).utcoffset()
    )


@functools.cache
def _starts(zone: str) -> st.SearchStrategy[tuple[str, datetime]]:
    """Where a travel starts: in ``zone``, anywhere in 2026 or in the two days before the
    zone changes its clocks, so that the change comes early in the travel."""
    changes = _clock_changes(zone)
    when = instants()
    if changes:
        before_change = st.builds(
            lambda change, seconds: change - timedelta(seconds=seconds),
            st.sampled_from(changes),
            st.integers(0, 2 * 24 * 3600),
        )
        when = st.one_of(when, before_change)
    return st.tuples(st.just(zone), when)


def _travel(
    acts: tuple[Act, ...], zones: tuple[str, ...], start: tuple[str, datetime], steps: bytes
) -> Travel:
    first, at = start
    events: list[Event] = []
    zone = ZoneInfo(first)
    for n in range(0, len(steps), 4):
        what, kind, size, where = steps[n : n + 4]
        following = _next(at, kind, size, zone)
        if following == at and (not events or events[-1].act not in (Act.MOVE, Act.GROUP_MOVE)):
            following += timedelta(seconds=1)
        at = following
        event = Event(acts[what % len(acts)], at, ZoneInfo(zones[where % len(zones)]))
        if event.act in (Act.MOVE, Act.GROUP_MOVE):
            zone = event.zone  # near enough for timing, if the member has a zone of their own
        events.append(event)
    return Travel(ZoneInfo(first), events)


@functools.cache
def spring_forwards() -> tuple[tuple[ZoneInfo, date], ...]:
    """Each zone of TRAVEL_ZONES with a local date of 2026 that is shorter than 24 hours."""
    found = []
    for name in TRAVEL_ZONES:
        zone = ZoneInfo(name)
        for change in _clock_changes(name):
            before = (change - timedelta(hours=1)).astimezone(zone).utcoffset()
            after = change.astimezone(zone).utcoffset()
            if before is not None and after is not None and after > before:
                found.append((zone, change.astimezone(zone).date()))
    return tuple(found)


@st.composite
def nights_around_a_short_day(
    draw: st.DrawFn, acts: tuple[Act, ...] = (Act.CHECK_IN, Act.UNDO, Act.LATE)
) -> Travel:
    """Check-ins (most of the time) within an hour and a quarter of the local midnights that
    begin a day shorter than 24 hours, the day after it and the day after that, in its zone;
    a MOVE or a GROUP_MOVE among ``acts`` goes to any of TRAVEL_ZONES."""
    zone, short_day = draw(st.sampled_from(spring_forwards()))
    picks = draw(
        st.lists(
            st.tuples(
                st.integers(0, 2),
                st.integers(-75, 75),
                st.sampled_from((Act.CHECK_IN, Act.CHECK_IN, *acts)),
                st.sampled_from(TRAVEL_ZONES),
            ),
            min_size=1,
            max_size=12,
        )
    )
    events = []
    for serial, (night, minutes, act, where) in enumerate(picks):
        midnight = datetime.combine(short_day + timedelta(days=night), time(), tzinfo=zone)
        # The serial keeps any two acts apart by a second at least.
        moment = midnight.astimezone(UTC) + timedelta(minutes=minutes, seconds=serial)
        goes = ZoneInfo(where) if act in (Act.MOVE, Act.GROUP_MOVE) else zone
        events.append(Event(act, moment, goes))
    return Travel(zone, sorted(events, key=lambda event: event.at))


@st.composite
def three_dates_within_a_day(
    draw: st.DrawFn, acts: tuple[Act, ...] = (Act.CHECK_IN, Act.UNDO, Act.MOVE, Act.GROUP_MOVE)
) -> Travel:
    """Check-ins late on the date before a day shorter than 24 hours, on it, and early on the
    next date (mostly all three within 24 hours), in its zone; then other acts within the two
    hours after, a MOVE or a GROUP_MOVE going to any of TRAVEL_ZONES."""
    zone, short_day = draw(st.sampled_from(spring_forwards()))
    began = start_of_date(short_day, zone)
    ended = start_of_date(short_day + timedelta(days=1), zone)
    third = ended + timedelta(minutes=draw(st.integers(0, 75)))
    check_ins = [
        began - timedelta(minutes=draw(st.integers(1, 60))),
        began + (ended - began) * draw(st.floats(0.01, 0.99)),
        third,
    ]
    later = draw(
        st.lists(
            st.tuples(st.integers(1, 120), st.sampled_from(acts), st.sampled_from(TRAVEL_ZONES)),
            min_size=1,
            max_size=8,
        )
    )
    events = [Event(Act.CHECK_IN, moment, zone) for moment in check_ins]
    for serial, (minutes, act, where) in enumerate(later):
        # The serial keeps any two acts apart by a second at least.
        moment = third + timedelta(minutes=minutes, seconds=serial + 1)
        goes = ZoneInfo(where) if act in (Act.MOVE, Act.GROUP_MOVE) else zone
        events.append(Event(act, moment, goes))
    return Travel(zone, sorted(events, key=lambda event: event.at))
