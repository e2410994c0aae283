"""Whose hour a private reminder keeps: the zone a person chose, else where they check in."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from hypothesis import given

from bot.domain.calendar import next_daily_instant
from bot.domain.reminders import latest_daily_instant, own_zone
from tests.unit.strategies import instants, wall_times, zones


def test_a_chosen_zone_wins() -> None:
    assert own_zone("Asia/Tokyo", [(date(2026, 3, 2), "Europe/Berlin")], "UTC") == "Asia/Tokyo"


def test_else_the_zone_of_the_group_checked_in_last() -> None:
    groups = [
        (date(2026, 3, 1), "Europe/Berlin"),
        (date(2026, 3, 3), "America/New_York"),
        (None, "Asia/Tokyo"),
    ]
    assert own_zone(None, groups, "UTC") == "America/New_York"


def test_else_the_deployments() -> None:
    assert own_zone(None, [(None, "Asia/Tokyo")], "UTC") == "UTC"
    assert own_zone(None, [], "Europe/Paris") == "Europe/Paris"


def test_the_latest_hour_at_or_before_now() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    evening = datetime(2026, 3, 4, 19, tzinfo=UTC)  # 20:00 in Berlin
    assert latest_daily_instant(evening, time(20), berlin) == evening
    later = datetime(2026, 3, 4, 20, 30, tzinfo=UTC)
    assert latest_daily_instant(later, time(20), berlin) == evening
    morning = datetime(2026, 3, 5, 8, tzinfo=UTC)
    assert latest_daily_instant(morning, time(20), berlin) == evening


@given(instants(), wall_times(), zones())
def test_nothing_later_comes_before_now(now: datetime, at: time, zone: ZoneInfo) -> None:
    latest = latest_daily_instant(now, at, zone)
    assert latest <= now < next_daily_instant(latest, at, zone)
