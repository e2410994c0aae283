"""The weekly quest's goal, its bar, and what each member gets when the week ends."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bot.domain.quests import MIN_GOAL, bar, kept_own_target, quest_end, quest_goal
from bot.domain.targets import TargetChange

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


def test_a_weekly_teammate_keeps_their_target_when_their_own_week_counted() -> None:
    three = [TargetChange(MONDAY - timedelta(days=28), 3)]
    wednesday = MONDAY + timedelta(days=2)
    assert kept_own_target({MONDAY, wednesday, MONDAY + timedelta(days=4)}, MONDAY, (), three)
    # Two days are not a week of 3.
    assert not kept_own_target({MONDAY, wednesday}, MONDAY, (), three)
    # A group whose weeks start on Sunday: the member's week that holds the quest's Monday
    # began the day before it, and ended on the quest's Saturday.
    sunday = MONDAY - timedelta(days=1)
    assert kept_own_target({sunday, MONDAY, wednesday}, MONDAY, (), three, first_weekday=6)
    assert not kept_own_target(
        {MONDAY, wednesday, MONDAY + timedelta(days=6)}, MONDAY, (), three, first_weekday=6
    )
    # A target set for next week doesn't count yet: this week the member is daily.
    later = [TargetChange(MONDAY + timedelta(days=7), 3)]
    assert not kept_own_target({MONDAY, wednesday, MONDAY + timedelta(days=4)}, MONDAY, (), later)


def test_the_bonus_counts_weekly_teammates_by_their_week_and_the_quest_by_its_own() -> None:
    sunday = MONDAY - timedelta(days=1)
    weekly = {sunday, MONDAY, MONDAY + timedelta(days=3)}  # 3 in their week, 2 in the quest's
    members = [(1, "Ann", WEEK), (2, "Bob", weekly), (3, "Cid", {MONDAY})]
    targets = {2: [TargetChange(sunday - timedelta(days=21), 3)]}
    ended = quest_end(5, MONDAY, members, (), targets, first_weekday=6)
    # The Sunday before is in Bob's week, not in the quest's: 7 + 2 + 1 check-ins.
    assert (ended.check_ins, ended.met) == (10, True)
    shown = [(m.name, m.check_ins, m.bonus) for m in ended.members]
    # Ann (daily, every day) and Bob (3 of 3 in his week) kept their own target.
    assert shown == [("Ann", 7, 1), ("Bob", 2, 1), ("Cid", 1, 2)]
    # Without his target, Bob would be daily, and two days are not every day.
    daily = quest_end(5, MONDAY, members, (), {}, first_weekday=6)
    assert [m.bonus for m in daily.members] == [0, 1, 1]
