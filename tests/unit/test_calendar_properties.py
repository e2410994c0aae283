"""Properties of the calendar functions over generated instants, zones and texts."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.calendar import (
    LATE_CHECKIN_UNTIL,
    day_key,
    late_checkin_open,
    local_date,
    next_daily_instant,
)
from bot.domain.zone_names import UnknownZone, resolve_zone
from tests.unit.strategies import instants, wall_times, zones

ONE_MICROSECOND = timedelta(microseconds=1)


def exists(day: date, at: time, zone: ZoneInfo) -> bool:
    """Whether the wall time ``at`` happens on ``day`` in ``zone`` (not in a spring gap)."""
    local = datetime.combine(day, at, tzinfo=zone)
    return local.astimezone(UTC).astimezone(zone).replace(tzinfo=None) == local.replace(tzinfo=None)


@settings(max_examples=1500)
@given(instants(), wall_times(), zones())
def test_next_daily_instant(after: datetime, at: time, zone: ZoneInfo) -> None:
    result = next_daily_instant(after, at, zone)
    assert result.tzinfo is UTC
    assert after < result <= after + timedelta(hours=25)
    # Nothing is skipped: asked again from just before, the same instant comes back.
    assert next_daily_instant(result - ONE_MICROSECOND, at, zone) == result
    wall = result.astimezone(zone)
    if exists(wall.date(), at, zone):
        assert wall.time() == at
        assert wall.fold == 0  # an autumn time fires at its first occurrence
    else:
        # Shifted forward out of the gap, by less than the gap is long (at most an hour).
        shifted = datetime.combine(wall.date(), at)
        assert timedelta(0) < wall.replace(tzinfo=None) - shifted <= timedelta(hours=1)


@settings(max_examples=1000)
@given(instants(), zones())
def test_day_key_without_travel_is_the_local_date(moment: datetime, zone: ZoneInfo) -> None:
    assert day_key(moment, zone) == local_date(moment, zone) == moment.astimezone(zone).date()
    late = late_checkin_open(moment, zone)
    assert late == (moment.astimezone(zone).time() < LATE_CHECKIN_UNTIL)


def resolve(text: str) -> ZoneInfo | UnknownZone:
    try:
        return resolve_zone(text)
    except UnknownZone as unknown:
        return unknown


@settings(max_examples=1500)
@given(st.one_of(st.text(max_size=80), st.sampled_from(["Europe/Berlin", "berlin", "../x"])))
def test_resolve_zone_answers_a_zone_or_unknown_zone(text: str) -> None:
    """Nothing a member types makes it raise anything else."""
    answer = resolve(text)
    if isinstance(answer, ZoneInfo):
        assert answer.key.lower() == "_".join(text.split()).lower()
        return
    assert answer.text == text
    assert len(answer.suggestions) <= 3
    for suggestion in answer.suggestions:
        assert resolve_zone(suggestion).key == suggestion
