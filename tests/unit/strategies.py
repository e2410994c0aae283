"""Hypothesis strategies for members' histories, group rules and instants."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

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
