"""The weekly quest's goal, its bar, and what each member gets when the week ends."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bot.domain.quests import MIN_GOAL, bar, kept_own_target, quest_end, quest_goal

MONDAY = date(2027, 1, 4)
WEEK = {MONDAY + timedelta(days=n) for n in range(7)}


@pytest.mark.parametrize(
    ("weeks", "goal"),
    [
        ([], MIN_GOAL),
        ([0, 0], MIN_GOAL),
        ([20], 22),
        ([10, 20, 30, 40], 28),  # 25 on average, 10% more
        ([1, 2, 3, 4, 50], 17),  # the last four only: 14.75, 10% more, rounded up
    ],
)
def test_the_goal_is_ten_percent_above_the_last_four_weeks(weeks: list[int], goal: int) -> None:
    assert quest_goal(weeks) == goal


def test_the_bar_fills_as_the_week_goes() -> None:
    assert bar(0, 20) == "▱" * 10
    assert bar(12, 20) == "▰" * 6 + "▱" * 4
    assert bar(19, 20) == "▰" * 9 + "▱"
    assert bar(25, 20) == "▰" * 10


def test_a_teammate_keeps_their_target_on_every_day_but_rest_days() -> None:
    weekdays = {d for d in WEEK if d.weekday() < 5}
    assert kept_own_target(WEEK, MONDAY, ())
    assert not kept_own_target(weekdays, MONDAY, ())
    assert kept_own_target(weekdays, MONDAY, (5, 6))


def test_each_member_gets_their_own_count_plus_a_bonus_from_teammates() -> None:
    members = [(1, "Ann", WEEK), (2, "Bob", WEEK), (3, "Cid", {MONDAY}), (4, "Dee", set())]
    met = quest_end(10, MONDAY, members, ())
    assert (met.check_ins, met.met) == (15, True)
    shown = [(m.name, m.check_ins, m.bonus, m.badge) for m in met.members]
    # Ann and Bob kept their target: each gets the other's; Cid gets both; Dee, without a
    # check-in, gets nothing for the team alone.
    assert shown == [("Ann", 7, 1, True), ("Bob", 7, 1, True), ("Cid", 1, 2, True)]
    missed = quest_end(20, MONDAY, members, ())
    assert not missed.met
    assert not any(m.badge for m in missed.members)
    assert [m.bonus for m in missed.members] == [1, 1, 2]
