"""When the weekly picture is due, which week it shows, and which week it belongs to."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.weekly import next_weekly_instant, shown_week_last_day, week_of
from tests.unit.strategies import instants, zones

BERLIN = ZoneInfo("Europe/Berlin")


def test_sunday_evening_in_berlin() -> None:
    wednesday = datetime(2026, 3, 4, 12, tzinfo=UTC)
    due = next_weekly_instant(wednesday, 6, time(18), BERLIN)
    assert due == datetime(2026, 3, 8, 17, tzinfo=UTC)  # 18:00 CET
    after = next_weekly_instant(due, 6, time(18), BERLIN)
    assert after == datetime(2026, 3, 15, 17, tzinfo=UTC)


def test_across_the_change_to_summer_time() -> None:
    due = next_weekly_instant(datetime(2026, 3, 23, tzinfo=UTC), 6, time(18), BERLIN)
    assert due == datetime(2026, 3, 29, 16, tzinfo=UTC)  # 18:00 CEST


@given(
    instants(), st.integers(0, 6), st.builds(time, st.integers(0, 23), st.integers(0, 59)), zones()
)
def test_always_the_next_such_weekday_within_a_week(
    after: datetime, weekday: int, at: time, zone: ZoneInfo
) -> None:
    due = next_weekly_instant(after, weekday, at, zone)
    assert after < due <= after + timedelta(days=8)
    assert due.astimezone(zone).weekday() == weekday


def test_an_evening_post_shows_its_own_day_a_morning_post_the_day_before() -> None:
    sunday = date(2026, 3, 8)
    evening = datetime.combine(sunday, time(18), tzinfo=BERLIN)
    morning = datetime.combine(sunday, time(9), tzinfo=BERLIN)
    assert shown_week_last_day(evening, BERLIN) == sunday
    assert shown_week_last_day(morning, BERLIN) == sunday - timedelta(days=1)


def test_a_week_is_known_by_its_monday() -> None:
    assert week_of(date(2026, 3, 8)) == date(2026, 3, 2)
    assert week_of(date(2026, 3, 2)) == date(2026, 3, 2)


def test_a_weekday_must_be_a_weekday() -> None:
    with pytest.raises(ValueError, match="weekday"):
        next_weekly_instant(datetime(2026, 3, 4, tzinfo=UTC), 7, time(18), BERLIN)
