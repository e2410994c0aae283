"""The pair's streak and the weekly pairing (bot.domain.buddies)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.buddies import MemberDays, kept_today, pair_streak, repeats, weekly_pairs
from bot.domain.streaks import Break, Rules, counts, replay, standing
from tests.unit.strategies import History, histories

MONDAY = date(2026, 3, 2)


def _days(*offsets: int) -> frozenset[date]:
    return frozenset(MONDAY + timedelta(days=n) for n in offsets)


def _member(*offsets: int, today: int = 6, breaks: tuple[Break, ...] = ()) -> MemberDays:
    return MemberDays(_days(*offsets), MONDAY + timedelta(days=today), breaks)


def test_days_both_checked_in_count() -> None:
    ann, ben = _member(0, 1, 2, 3, 4, 5, 6), _member(2, 3, 4, 5, 6)
    assert pair_streak([ann, ben], frozenset(), MONDAY) == 5


def test_a_day_only_one_checked_in_breaks_the_run() -> None:
    ann, ben = _member(3, 4, 5, 6), _member(3, 5, 6)
    assert pair_streak([ann, ben], frozenset(), MONDAY) == 2


def test_today_not_checked_in_by_one_breaks_nothing_yet() -> None:
    ann, ben = _member(3, 4, 5, 6), _member(3, 4, 5)
    assert pair_streak([ann, ben], frozenset(), MONDAY) == 3
    assert not kept_today([ann, ben])
    assert kept_today([ann, _member(3, 4, 5, 6)])


def test_a_break_or_a_rest_day_bridges_and_adds_nothing() -> None:
    away = (Break(MONDAY + timedelta(days=2), MONDAY + timedelta(days=4)),)
    ann, ben = _member(0, 1, 2, 3, 4, 5, 6), _member(0, 1, 5, 6, breaks=away)
    assert pair_streak([ann, ben], frozenset(), MONDAY) == 4
    # Wednesday (2) rests: nobody needs it.
    trio_days = (_member(0, 1, 3, today=3), _member(0, 1, 3, today=3))
    assert pair_streak(trio_days, {2}, MONDAY) == 3


def test_freezes_are_the_members_own_and_never_cover_the_pair() -> None:
    ann, ben = _member(0, 1, 3, 4, today=4), _member(0, 1, 2, 3, 4, today=4)
    assert pair_streak([ann, ben], frozenset(), MONDAY) == 2


def test_each_member_by_their_own_date() -> None:
    """West of the other, Ben's today is still yesterday for the pair: not over for him."""
    ann = _member(3, 4, 5, 6, today=6)
    ben = _member(3, 4, 5, today=5)
    assert pair_streak([ann, ben], frozenset(), MONDAY) == 3


def test_only_days_since_the_pair_was_made_count() -> None:
    ann, ben = _member(0, 1, 2, 3, 4, 5, 6), _member(0, 1, 2, 3, 4, 5, 6)
    assert pair_streak([ann, ben], frozenset(), MONDAY + timedelta(days=4)) == 3


def test_a_pair_of_three_needs_all_three() -> None:
    trio = [_member(4, 5, 6), _member(4, 5, 6), _member(4, 6)]
    assert pair_streak(trio, frozenset(), MONDAY) == 1


def _as_member(history: History, today: date) -> MemberDays:
    counted = frozenset(d for d, m in history.days.items() if counts(m, history.rules))
    return MemberDays(counted, today, tuple(history.breaks))


@settings(max_examples=300)
@given(histories(max_days=80), st.integers(0, 3))
def test_a_pair_of_one_history_twice_is_that_members_streak_without_freezes(
    history: History, after: int
) -> None:
    rules = replace(history.rules, freeze_max=0)
    if not history.days:
        return
    today = max(history.days) + timedelta(days=after)
    member = _as_member(history, today)
    own = standing(replay(history.days, history.breaks, rules), today, history.breaks, rules)
    since = min(history.days)
    assert pair_streak([member, member], rules.rest_weekdays, since) == own.current


@settings(max_examples=300)
@given(histories(max_days=60), histories(max_days=60), st.integers(0, 2))
def test_the_pair_never_has_more_than_either_and_the_order_does_not_matter(
    one: History, other: History, after: int
) -> None:
    rest = one.rules.rest_weekdays
    today = max([*one.days, *other.days, MONDAY]) + timedelta(days=after)
    rules = Rules(rest_weekdays=rest, freeze_max=0)
    first, second = _as_member(one, today), _as_member(other, today)
    since = min([*one.days, *other.days, MONDAY])
    streak = pair_streak([first, second], rest, since)
    assert streak == pair_streak([second, first], rest, since)
    for history in (one, other):
        days = {d: m for d, m in history.days.items() if counts(m, history.rules)}
        own = standing(replay(days, history.breaks, rules), today, history.breaks, rules)
        assert streak <= own.current


@given(st.lists(st.integers(1, 10_000), min_size=2, max_size=40, unique=True), st.integers())
def test_everyone_is_paired_once_in_twos_and_one_three_for_an_odd_number(
    members: list[int], seed: int
) -> None:
    pairs = weekly_pairs(members, {}, seed)
    assert sorted(m for pair in pairs for m in pair) == sorted(members)
    sizes = sorted(len(pair) for pair in pairs)
    assert sizes == [2] * (len(members) // 2 - 1) + ([3] if len(members) % 2 else [2])


@given(st.lists(st.integers(1, 10_000), min_size=4, max_size=30, unique=True), st.integers())
def test_nobody_gets_last_weeks_buddy_where_the_group_allows_it(
    members: list[int], seed: int
) -> None:
    """An even number from four on always allows it; an odd one from nine on (with five,
    last week's three and two leave no three without a repeat)."""
    if len(members) % 2 and len(members) < 9:
        members = members[:-1]
    last = weekly_pairs(members, {}, seed)
    buddies_of = {m: set(pair) - {m} for pair in last for m in pair}
    again = weekly_pairs(members, buddies_of, seed + 1)
    assert repeats(again, buddies_of) == 0


def test_two_members_stay_buddies_and_one_is_nobodys() -> None:
    assert weekly_pairs([1, 2], {1: {2}, 2: {1}}, 7) == [(1, 2)]
    assert weekly_pairs([1], {}, 7) == []


def test_the_same_seed_pairs_alike() -> None:
    members = list(range(1, 12))
    assert weekly_pairs(members, {}, 42) == weekly_pairs(list(reversed(members)), {}, 42)
