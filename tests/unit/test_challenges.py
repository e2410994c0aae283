"""A challenge's terms as an admin writes them, and each member's progress in it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bot.domain.challenges import (
    ChallengeRules,
    Mark,
    Problem,
    Terms,
    day_number,
    first_day_allowed,
    joinable,
    parse_terms,
    progress,
    results,
)

FIRST = date(2027, 1, 4)  # a Monday


def _rules(
    days: int = 7, target: int | None = None, freezes: bool = False, every: int = 7
) -> ChallengeRules:
    return ChallengeRules(FIRST, FIRST + timedelta(days=days - 1), target, freezes, every, 2)


def _days(*offsets: int) -> set[date]:
    return {FIRST + timedelta(days=n) for n in offsets}


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("30d No sugar", Terms("No sugar", 30, None, None, False, False)),
        ("4w 3/week Gym", Terms("Gym", 28, 3, None, False, False)),
        ("4 weeks Gym 3x/week", Terms("Gym", 28, 3, None, False, False)),
        (
            "7d Walk from 2027-01-05 freezes on late on",
            Terms("Walk", 7, None, date(2027, 1, 5), True, True),
        ),
        ("10days Read late off", Terms("Read", 10, None, None, False, False)),
        ("7d Late nights", Terms("Late nights", 7, None, None, False, False)),
    ],
)
def test_terms_are_read(text: str, terms: Terms) -> None:
    assert parse_terms(text) == terms


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", Problem.NO_LENGTH),
        ("No sugar", Problem.NO_LENGTH),
        ("1d Once", Problem.BAD_LENGTH),
        ("400d Forever", Problem.BAD_LENGTH),
        ("7d", Problem.NO_TITLE),
        ("7d freezes on", Problem.NO_TITLE),
        ("10d 3/week Gym", Problem.BAD_TARGET),
        ("2w 7/week Gym", Problem.BAD_TARGET),
        ("7d Walk from 2027-02-30", Problem.BAD_DATE),
        ("7d " + "x" * 65, Problem.TITLE_TOO_LONG),
    ],
)
def test_bad_terms_say_why(text: str, problem: Problem) -> None:
    assert parse_terms(text) == problem


def test_it_starts_from_tomorrow_to_a_year_ahead() -> None:
    today = FIRST - timedelta(days=1)
    assert first_day_allowed(FIRST, today)
    assert not first_day_allowed(today, today)
    assert not first_day_allowed(today + timedelta(days=367), today)


def test_joining_is_open_until_it_starts_or_while_it_runs_if_allowed() -> None:
    rules = _rules()
    before, during, after = FIRST - timedelta(days=1), FIRST + timedelta(days=2), rules.last_day
    assert joinable(rules, before, late_join=False)
    assert not joinable(rules, during, late_join=False)
    assert joinable(rules, during, late_join=True)
    assert not joinable(rules, after + timedelta(days=1), late_join=True)
    assert day_number(rules, before) == 0
    assert day_number(rules, during) == 3


def test_every_day_met_completes_it() -> None:
    done = progress(_rules(), _days(*range(7)), FIRST + timedelta(days=7))
    assert done.completed
    assert done.still_in
    assert done.met == done.check_ins == 7


def test_a_missed_day_is_out_but_today_is_still_open() -> None:
    today = FIRST + timedelta(days=3)
    seen = progress(_rules(), _days(0, 2), today)
    assert seen.marks == (
        Mark.DONE,
        Mark.MISSED,
        Mark.DONE,
        Mark.OPEN,
        Mark.FUTURE,
        Mark.FUTURE,
        Mark.FUTURE,
    )
    assert not seen.still_in
    assert seen.met == 2
    assert progress(_rules(), _days(0, 1, 2), today).still_in


def test_days_outside_the_challenge_are_not_counted() -> None:
    seen = progress(_rules(), _days(-1, 0, 7, 8), FIRST + timedelta(days=9))
    assert seen.check_ins == 1


def test_freezes_apply_only_when_on_and_once_earned() -> None:
    counted = _days(0, 2, 3, 4, 5, 6)  # day 1 missed, before any freeze was earned
    end = FIRST + timedelta(days=7)
    assert not progress(_rules(freezes=True, every=2), counted, end).completed
    later = _days(0, 1, 2, 4, 5, 6)  # day 3 missed, after two counted days
    covered = progress(_rules(freezes=True, every=2), later, end)
    assert covered.completed
    assert covered.marks[3] is Mark.FROZEN
    assert not progress(_rules(freezes=False, every=2), later, end).completed


def test_a_weekly_target_counts_weeks() -> None:
    rules = _rules(days=14, target=2)
    end = FIRST + timedelta(days=14)
    met = progress(rules, _days(0, 3, 8, 13), end)
    assert (met.met, met.units, met.completed) == (2, 2, True)
    assert met.marks[1] is Mark.RESTED
    short = progress(rules, _days(0, 3, 8), end)
    assert (short.met, short.missed) == (1, 1)
    assert short.marks[7] is Mark.MISSED
    # This week is open until it ends: not yet missed.
    running = progress(rules, _days(0, 3, 8), FIRST + timedelta(days=10))
    assert running.still_in
    assert running.marks[10] is Mark.OPEN


def test_results_name_who_completed_and_who_came_closest() -> None:
    rules = _rules()
    end = FIRST + timedelta(days=7)
    members = [
        ("Ann", progress(rules, _days(*range(7)), end)),
        ("Bob", progress(rules, _days(0, 1, 2, 3, 4), end)),
        ("Cid", progress(rules, _days(0, 1, 2, 4, 5), end)),
        ("Dee", progress(rules, _days(0), end)),
    ]
    said = results(rules, members)
    assert said.completed == ("Ann",)
    assert said.closest == ("Bob", "Cid")
    assert (said.closest_met, said.units, said.total) == (5, 7, 18)
    nobody = results(rules, [("Dee", progress(rules, set(), end))])
    assert nobody.closest == ()
