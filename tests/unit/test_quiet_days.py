"""Quiet days: which cue is the short one, and which recap is left out."""

from __future__ import annotations

from datetime import date, timedelta

from bot.domain.quiet_days import is_short_cue, recap_is_left_out, showed_up_day_before

ADDED = date(2026, 3, 2)  # the bot's first day in the group
ONE_DAY = timedelta(days=1)


def test_the_first_day_has_no_day_before() -> None:
    counts = {ADDED - ONE_DAY: 3, ADDED: 2}
    assert showed_up_day_before(counts, ADDED, ADDED) is None
    assert showed_up_day_before(counts, ADDED + ONE_DAY, ADDED) == 2
    assert showed_up_day_before(counts, ADDED + 2 * ONE_DAY, ADDED) == 0


def test_the_cue_is_short_after_a_quiet_day_only() -> None:
    assert is_short_cue(0)
    assert not is_short_cue(1)
    assert not is_short_cue(None)  # the first day: the full cue, without "yesterday"


def test_a_recap_without_news_is_left_out_after_a_quiet_day() -> None:
    quiet = {"showed_up": 0, "announced": 0, "at_risk": 0}
    assert recap_is_left_out(**quiet, day_before=0)
    # The first quiet day (after a day someone showed up, or the bot's first) is posted.
    assert not recap_is_left_out(**quiet, day_before=1)
    assert not recap_is_left_out(**quiet, day_before=None)
    # Any news is posted.
    for news in ("showed_up", "announced", "at_risk"):
        assert not recap_is_left_out(**{**quiet, news: 1}, day_before=0)
