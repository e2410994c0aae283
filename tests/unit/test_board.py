"""What /top shows: the top ten and your place, everyone, or only you."""

from __future__ import annotations

from bot.domain.board import TOP_ROWS, BoardMode, Entry, Ranked, standings

PEOPLE = [Entry(n, f"P{n:02}", 100 - n) for n in range(1, 16)]  # P01 leads with 99


def test_top_shows_ten_and_the_callers_own_place_below() -> None:
    shown = standings(PEOPLE, caller=13, mode=BoardMode.TOP)
    assert [r.name for r in shown.rows] == [f"P{n:02}" for n in range(1, TOP_ROWS + 1)]
    assert shown.own == Ranked(13, "P13", 87)


def test_no_own_line_for_someone_in_the_top_ten_or_not_on_the_list() -> None:
    assert standings(PEOPLE, caller=3, mode=BoardMode.TOP).own is None
    assert standings(PEOPLE, caller=99, mode=BoardMode.TOP).own is None


def test_all_shows_everyone_and_off_only_the_caller() -> None:
    everyone = standings(PEOPLE, caller=13, mode=BoardMode.ALL)
    assert len(everyone.rows) == 15
    assert everyone.own is None
    alone = standings(PEOPLE, caller=13, mode=BoardMode.OFF)
    assert alone.rows == ()
    assert alone.own == Ranked(13, "P13", 87)


def test_ties_go_by_name_and_zeros_are_left_out() -> None:
    entries = [Entry(1, "bob", 3), Entry(2, "Alice", 3), Entry(3, "Cy", 0)]
    shown = standings(entries, caller=3, mode=BoardMode.ALL)
    assert shown.rows == (Ranked(1, "Alice", 3), Ranked(2, "bob", 3))
    assert shown.own is None
