"""The day a check-in belongs to, in the cases that matter: moving east and west (the member's
own zone or the group's), the date line both ways, days that spring forward, a change of clocks
on the day of a change of zone, and what undo and late check-ins do to the rule's state. DST
dates are the real ones of 2026."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.domain.calendar import DayKeyState, day_key
from bot.domain.streaks import Mark, Rules, missed_days_between, replay
from tests.unit.day_keys import Member

NEW_YORK = ZoneInfo("America/New_York")
TOKYO = ZoneInfo("Asia/Tokyo")
LONDON = ZoneInfo("Europe/London")
HONOLULU = ZoneInfo("Pacific/Honolulu")  # -10
KIRITIMATI = ZoneInfo("Pacific/Kiritimati")  # +14
PAGO_PAGO = ZoneInfo("Pacific/Pago_Pago")  # -11
LORD_HOWE = ZoneInfo("Australia/Lord_Howe")
APIA = ZoneInfo("Pacific/Apia")
SYDNEY = ZoneInfo("Australia/Sydney")
SANTIAGO = ZoneInfo("America/Santiago")


def at(zone: ZoneInfo, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    """A wall time of 2026 in ``zone``, as an instant."""
    return datetime(2026, month, day, hour, minute, tzinfo=zone).astimezone(UTC)


def march(day: int) -> date:
    return date(2026, 3, day)


# --- moving east ------------------------------------------------------------------------------


def test_new_york_to_tokyo_before_any_check_in_counts_tokyos_date_once() -> None:
    """The scene: a new member in New York sets Tokyo at 20:00 on 5 March (10:00 on the 6th
    there), checks in at once, and again at 21:00 Tokyo time: both on 6 March on her clock."""
    alice = Member(NEW_YORK)
    alice.set_zone(TOKYO, at(NEW_YORK, 3, 5, 20))
    first = alice.check_in(at(NEW_YORK, 3, 5, 20))
    assert (first.day, first.added) == (march(6), True)
    again = alice.check_in(at(TOKYO, 3, 6, 21))
    assert (again.day, again.added) == (march(6), False)
    assert alice.check_in(at(TOKYO, 3, 7, 9)).day == march(7)


def test_new_york_to_tokyo_after_checking_in_waits_for_new_yorks_day_to_end() -> None:
    alice = Member(NEW_YORK)
    assert alice.check_in(at(NEW_YORK, 3, 5, 19)).day == march(5)
    alice.set_zone(TOKYO, at(NEW_YORK, 3, 5, 20))
    # 10:00 and 13:30 on the 6th in Tokyo: still the 5th in New York, already counted.
    assert not alice.check_in(at(NEW_YORK, 3, 5, 20)).added
    assert alice.check_in(at(TOKYO, 3, 6, 13, 30)).day == march(5)
    # 14:30 in Tokyo: the 6th in New York too.
    assert alice.check_in(at(TOKYO, 3, 6, 14, 30)).added
    # 08:00 on the 7th in Tokyo is 23 hours after the 5th was added: a third day would be
    # too many. From 09:00 (24 hours) the 7th counts.
    early = alice.check_in(at(TOKYO, 3, 7, 8))
    assert (early.day, early.added) == (march(6), False)
    assert alice.check_in(at(TOKYO, 3, 7, 9)).day == march(7)
    assert [e.day for e in alice.entries if e.added] == [march(5), march(6), march(7)]


def test_the_groups_zone_moving_east_under_a_member_holds_back_a_third_day() -> None:
    """A member without a zone of their own, in a group in New York that the admins move to
    Tokyo at 20:00 on the 5th (10:00 on the 6th there): no change of the member's is recorded,
    but the zone their latest days were added in is not Tokyo."""
    alice = Member(NEW_YORK)
    assert alice.check_in(at(NEW_YORK, 3, 4, 18)).day == march(4)
    assert alice.check_in(at(NEW_YORK, 3, 5, 19)).day == march(5)
    alice.set_group_zone(TOKYO)
    # 10:30 on the 6th in Tokyo: 1h30m after the 5th was added, but 26h30m after the 4th.
    assert alice.check_in(at(TOKYO, 3, 6, 10, 30)).day == march(6)
    # 00:30 on the 7th: the 5th was added less than 24 hours ago, in New York.
    early = alice.check_in(at(TOKYO, 3, 7, 0, 30))
    assert (early.day, early.added) == (march(6), False)
    assert alice.check_in(at(TOKYO, 3, 7, 9)).day == march(7)


def test_days_added_before_their_zones_were_kept_hold_back_a_third_day() -> None:
    """A state from before the zones were kept (a row from before the column): the zone is
    unknown, so the 24 hours apply as to another zone until new check-ins fill it."""
    kept = DayKeyState(march(8), at(NEW_YORK, 3, 8, 23, 50), at(NEW_YORK, 3, 7, 23, 50))
    assert day_key(at(NEW_YORK, 3, 9, 0, 10), NEW_YORK, kept) == march(8)
    filled = kept.after_check_in(at(NEW_YORK, 3, 9, 0, 30), march(9), NEW_YORK)
    assert filled.added_zone == NEW_YORK.key
    assert filled.prior_added_zone is None
    assert day_key(at(NEW_YORK, 3, 10, 0, 10), NEW_YORK, filled) == march(10)


def test_moving_east_without_a_check_in_that_day_takes_the_new_date() -> None:
    # Checked in on the 9th only; sets Tokyo at 23:00 on the 10th in New York (12:00 on the
    # 11th in Tokyo): the 10th had no check-in, so a check-in now is the 11th's.
    alice = Member(NEW_YORK)
    alice.check_in(at(NEW_YORK, 3, 9, 12))
    alice.set_zone(TOKYO, at(NEW_YORK, 3, 10, 23))
    assert alice.check_in(at(NEW_YORK, 3, 10, 23, 30)).day == march(11)
    assert missed_days_between(march(9), march(11), [], Rules()) == 1


# --- moving west ------------------------------------------------------------------------------


def test_moving_west_after_checking_in_waits_for_the_date_to_come() -> None:
    # Checked in at 08:00 on the 11th in Tokyo, then sets New York (19:05 on the 10th there).
    alice = Member(TOKYO)
    assert alice.check_in(at(TOKYO, 3, 11, 8)).day == march(11)
    alice.set_zone(NEW_YORK, at(TOKYO, 3, 11, 8, 5))
    for moment in (at(NEW_YORK, 3, 10, 19, 30), at(NEW_YORK, 3, 11, 14), at(NEW_YORK, 3, 11, 23)):
        entry = alice.check_in(moment)
        assert (entry.day, entry.added) == (march(11), False)
    assert alice.check_in(at(NEW_YORK, 3, 12, 0, 30)).day == march(12)


def test_a_check_in_made_before_the_change_keeps_the_old_zone() -> None:
    # A backlog delivered after the change: 23:00 on the 10th in New York, before Tokyo was set.
    key = day_key(
        at(NEW_YORK, 3, 10, 23),
        TOKYO,
        DayKeyState(),
        previous_zone=NEW_YORK,
        zone_changed_at=at(NEW_YORK, 3, 11, 2),
    )
    assert key == march(10)


# --- the date line ----------------------------------------------------------------------------


def test_a_jump_east_across_the_date_line_after_checking_in_skips_a_date() -> None:
    # Honolulu to Kiritimati: 24 hours ahead. All of Kiritimati's 3 March is still Honolulu's
    # 2 March, already checked in.
    alice = Member(HONOLULU)
    assert alice.check_in(at(HONOLULU, 3, 2, 10)).day == march(2)
    alice.set_zone(KIRITIMATI, at(HONOLULU, 3, 2, 10, 1))
    assert alice.check_in(at(KIRITIMATI, 3, 3, 10, 1)).day == march(2)
    assert alice.check_in(at(KIRITIMATI, 3, 3, 23, 59)).day == march(2)
    assert alice.check_in(at(KIRITIMATI, 3, 4, 0, 1)).day == march(4)
    assert missed_days_between(march(2), march(4), [], Rules()) == 1
    history = {march(2) - timedelta(days=n): Mark.DONE for n in range(7)} | {march(4): Mark.DONE}
    assert replay(history, [], Rules()).current == 8  # the freeze earned on day 7 covers it


def test_a_jump_east_across_the_date_line_with_nothing_to_wait_for() -> None:
    # Pago Pago (-11) to Kiritimati (+14), 25 hours: at 23:30 on 1 June in Pago Pago it is
    # 00:30 on 3 June in Kiritimati. A member who hadn't checked in on the 1st gets the 3rd.
    alice = Member(PAGO_PAGO)
    alice.check_in(at(PAGO_PAGO, 5, 31, 12))
    alice.set_zone(KIRITIMATI, at(PAGO_PAGO, 6, 1, 23, 30))
    entry = alice.check_in(at(PAGO_PAGO, 6, 1, 23, 31))
    assert (entry.day, entry.added) == (date(2026, 6, 3), True)
    assert not alice.check_in(at(KIRITIMATI, 6, 3, 22)).added


def test_a_jump_west_across_the_date_line_waits_for_the_date_to_come() -> None:
    alice = Member(KIRITIMATI)
    assert alice.check_in(at(KIRITIMATI, 6, 2, 22)).day == date(2026, 6, 2)
    alice.set_zone(PAGO_PAGO, at(KIRITIMATI, 6, 2, 23))
    # The 1st, then the 2nd in Pago Pago: the 2nd is already counted.
    for moment in (at(PAGO_PAGO, 6, 1, 23), at(PAGO_PAGO, 6, 2, 9), at(PAGO_PAGO, 6, 2, 23)):
        assert not alice.check_in(moment).added
    assert alice.check_in(at(PAGO_PAGO, 6, 3, 0, 1)).day == date(2026, 6, 3)


def test_a_zone_that_skips_a_date_adds_no_third_day() -> None:
    # Samoa moved across the date line at the end of 29 December 2011: 30 December never was.
    alice = Member(APIA)
    late_29th = datetime(2011, 12, 29, 23, 30, tzinfo=APIA).astimezone(UTC)
    assert alice.check_in(late_29th).day == date(2011, 12, 29)
    assert alice.check_in(late_29th + timedelta(hours=1)).day == date(2011, 12, 31)
    # 00:20 on 1 January, 24h50m after the check-in of the 29th: a third day is fine.
    assert alice.check_in(late_29th + timedelta(hours=24, minutes=50)).day == date(2012, 1, 1)


# --- daylight saving --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "short_day"),
    [
        (NEW_YORK, date(2026, 3, 8)),  # 23 hours
        (LORD_HOWE, date(2026, 10, 4)),  # 23.5 hours
        (SYDNEY, date(2026, 10, 4)),  # 23 hours, in the southern spring
        (SANTIAGO, date(2026, 9, 6)),  # 23 hours, from 01:00: its midnight never happens
    ],
)
def test_the_night_after_a_day_that_springs_forward_counts(zone: ZoneInfo, short_day: date) -> None:
    """23:50 the day before, 23:50 on the short day and 00:10 after it: less than 24 hours
    from the first to the third, but three dates on the member's clock, so three days."""
    before, after = short_day - timedelta(days=1), short_day + timedelta(days=1)
    alice = Member(zone)
    moments = [
        datetime.combine(before, time(23, 50), tzinfo=zone),
        datetime.combine(short_day, time(23, 50), tzinfo=zone),
        datetime.combine(after, time(0, 10), tzinfo=zone),
    ]
    instants = [moment.astimezone(UTC) for moment in moments]
    assert instants[2] - instants[0] < timedelta(hours=24)
    entries = [alice.check_in(instant) for instant in instants]
    assert [(e.day, e.added) for e in entries] == [(before, True), (short_day, True), (after, True)]


def test_a_jump_east_after_a_short_day_still_waits_for_the_24_hours() -> None:
    """New York's short 8 March, checked in at 23:30 on the 7th and at noon on the 8th; then
    London at 23:00 (04:00 on the 9th there). The third day waits as after any jump east."""
    alice = Member(NEW_YORK)
    alice.check_in(at(NEW_YORK, 3, 7, 23, 30))
    alice.check_in(at(NEW_YORK, 3, 8, 12))
    alice.set_zone(LONDON, at(NEW_YORK, 3, 8, 23))
    # 04:15 in London is 00:15 on the 9th in New York, 23h45m after the 7th's check-in.
    early = alice.check_in(at(LONDON, 3, 9, 4, 15))
    assert (early.day, early.added) == (march(8), False)
    assert alice.check_in(at(LONDON, 3, 9, 4, 30)).day == march(9)


def test_an_ordinary_night_and_a_day_that_falls_back_keep_plain_dates() -> None:
    alice = Member(NEW_YORK)
    # 1 November lasts 25 hours.
    moments = [at(NEW_YORK, 10, 31, 23, 59), at(NEW_YORK, 11, 1, 0, 1), at(NEW_YORK, 11, 2, 0)]
    assert [alice.check_in(m).day for m in moments] == [
        date(2026, 10, 31),
        date(2026, 11, 1),
        date(2026, 11, 2),
    ]


def test_a_change_of_clocks_on_the_day_of_a_change_of_zone() -> None:
    # New York springs forward on 8 March (23 hours). Checked in at 23:50 on the 7th and at
    # 00:10 on the 8th; at 10:00 EDT on the 8th, sets London (14:00 there).
    alice = Member(NEW_YORK)
    alice.check_in(at(NEW_YORK, 3, 7, 23, 50))
    assert alice.check_in(at(NEW_YORK, 3, 8, 0, 10)).day == march(8)
    alice.set_zone(LONDON, at(NEW_YORK, 3, 8, 10))
    # 00:10 on the 9th in London is still the 8th in New York: already counted.
    assert alice.check_in(at(LONDON, 3, 9, 0, 10)).day == march(8)
    # 04:00 in London is midnight in New York, but within 24 hours of the check-in of the 7th
    # (04:50 UTC on the 8th): the 9th waits until 04:50.
    assert alice.check_in(at(LONDON, 3, 9, 4, 40)).day == march(8)
    assert alice.check_in(at(LONDON, 3, 9, 4, 50)).day == march(9)


# --- late check-ins and undo ------------------------------------------------------------------


def test_a_late_check_in_is_not_held_to_the_24_hours_nor_counted_in_them() -> None:
    # A night owl: at 00:20 logs yesterday late, checks in for today, and the next night
    # checks in at 00:15 as usual.
    alice = Member(LONDON)
    alice.check_in(at(LONDON, 6, 8, 0, 15))
    assert alice.check_in_late(at(LONDON, 6, 11, 0, 20)) is not None  # the 10th
    assert alice.check_in(at(LONDON, 6, 11, 0, 21)).day == date(2026, 6, 11)
    assert alice.check_in(at(LONDON, 6, 12, 0, 15)).day == date(2026, 6, 12)


def test_undo_gives_the_day_back_to_the_24_hours() -> None:
    """Checked in in New York on the 5th, moved to Tokyo, checked in on the 6th there and took
    it back: the 7th is then only the second day within 24 hours."""
    alice = Member(NEW_YORK)
    alice.check_in(at(NEW_YORK, 3, 5, 19))
    alice.set_zone(TOKYO, at(NEW_YORK, 3, 5, 20))
    alice.check_in(at(TOKYO, 3, 6, 14, 30))
    removed = alice.undo(at(TOKYO, 3, 6, 15))
    assert removed is not None
    assert removed.day == march(6)
    assert alice.state == DayKeyState(march(5), at(NEW_YORK, 3, 5, 19), None, NEW_YORK.key)
    assert alice.check_in(at(TOKYO, 3, 7, 8)).day == march(7)


def test_undo_after_the_night_of_a_short_day_still_holds_a_jump_east() -> None:
    """New York: 23:50 on the 7th, noon on the 8th (23 hours long) and 00:10 on the 9th, all
    three days; the 9th taken back, London set, and a check-in at 00:20: with the 7th and the
    8th standing, the 9th would be a third day within 24 hours in another zone. The 7th's
    check-in is no longer kept: the moment before the 8th began (05:00 UTC) stands in."""
    alice = Member(NEW_YORK)
    for moment in (at(NEW_YORK, 3, 7, 23, 50), at(NEW_YORK, 3, 8, 12), at(NEW_YORK, 3, 9, 0, 10)):
        assert alice.check_in(moment).added
    assert alice.undo(at(NEW_YORK, 3, 9, 0, 11)) is not None
    stand_in = at(NEW_YORK, 3, 8, 0) - timedelta(microseconds=1)
    assert alice.state == DayKeyState(
        march(8), at(NEW_YORK, 3, 8, 12), stand_in, NEW_YORK.key, NEW_YORK.key
    )
    alice.set_zone(LONDON, at(NEW_YORK, 3, 9, 0, 12))
    early = alice.check_in(at(NEW_YORK, 3, 9, 0, 20))
    assert (early.day, early.added) == (march(8), False)
    # Back in New York's zone, the 9th counts as a date of its own.
    assert Member(NEW_YORK, state=alice.state).check_in(at(NEW_YORK, 3, 9, 0, 20)).added
    # The 7th's own check-in would let the 9th count from 00:50; its stand-in, from 01:00.
    assert not alice.check_in(at(NEW_YORK, 3, 9, 0, 55)).added
    assert alice.check_in(at(NEW_YORK, 3, 9, 1)).day == march(9)


def test_undo_finds_a_check_in_given_the_latest_day_after_moving_west() -> None:
    alice = Member(TOKYO)
    alice.check_in(at(TOKYO, 3, 11, 8))
    alice.set_zone(NEW_YORK, at(TOKYO, 3, 11, 9))
    alice.check_in(at(NEW_YORK, 3, 10, 21))  # the 11th, already counted
    removed = alice.undo(at(NEW_YORK, 3, 10, 21, 1))
    assert removed is not None
    assert removed.at == at(NEW_YORK, 3, 10, 21)
    assert alice.state.last_day == march(11)  # the first check-in of the 11th stands


@pytest.mark.parametrize(
    ("kept", "removed_at", "expected"),
    [
        # The check-in that added the latest day: the one before it becomes the latest.
        (DayKeyState(march(3), at(LONDON, 3, 3, 9), at(LONDON, 3, 2, 9)), at(LONDON, 3, 3, 9),
         DayKeyState(march(2), at(LONDON, 3, 2, 9), None)),
        # The one before it.
        (DayKeyState(march(3), at(LONDON, 3, 3, 9), at(LONDON, 3, 2, 9)), at(LONDON, 3, 2, 9),
         DayKeyState(march(2), at(LONDON, 3, 3, 9), None)),
        # An older one, or a late one: nothing but the latest day changes.
        (DayKeyState(march(3), at(LONDON, 3, 3, 9), at(LONDON, 3, 2, 9)), at(LONDON, 3, 1, 9),
         DayKeyState(march(2), at(LONDON, 3, 3, 9), at(LONDON, 3, 2, 9))),
        # The zones move with their moments.
        (DayKeyState(march(3), at(TOKYO, 3, 3, 9), at(LONDON, 3, 2, 9), "Asia/Tokyo",
                     "Europe/London"), at(TOKYO, 3, 3, 9),
         DayKeyState(march(2), at(LONDON, 3, 2, 9), None, "Europe/London")),
        # Both in one zone, but 24 hours or more after the earlier one's date began: the
        # check-in before them can't matter any more.
        (DayKeyState(march(3), at(LONDON, 3, 3, 0, 1), at(LONDON, 3, 2, 0, 1), "Europe/London",
                     "Europe/London"), at(LONDON, 3, 2, 0, 1),
         DayKeyState(march(2), at(LONDON, 3, 3, 0, 1), None, "Europe/London")),
        # Both in New York, the later within 24 hours of the start of the short 8 March: the
        # moment before it stands in for the check-in before them (here the earlier one goes).
        (DayKeyState(march(9), at(NEW_YORK, 3, 9, 0, 10), at(NEW_YORK, 3, 8, 12), NEW_YORK.key,
                     NEW_YORK.key), at(NEW_YORK, 3, 8, 12),
         DayKeyState(march(2), at(NEW_YORK, 3, 9, 0, 10),
                     at(NEW_YORK, 3, 8, 0) - timedelta(microseconds=1), NEW_YORK.key,
                     NEW_YORK.key)),
    ],
)  # fmt: skip
def test_after_undo(kept: DayKeyState, removed_at: datetime, expected: DayKeyState) -> None:
    assert kept.after_undo(removed_at, march(2)) == expected


def test_naive_moments_are_refused() -> None:
    with pytest.raises(ValueError, match="no time zone"):
        day_key(datetime(2026, 3, 1, 12), NEW_YORK)  # noqa: DTZ001
    with pytest.raises(ValueError, match="no time zone"):
        day_key(
            at(NEW_YORK, 3, 1, 12),
            NEW_YORK,
            previous_zone=TOKYO,
            zone_changed_at=datetime.combine(date(2026, 3, 1), time(9)),
        )


def test_two_rows_merged_keep_the_latest_of_both() -> None:
    here = DayKeyState(march(3), at(LONDON, 3, 3, 9), at(LONDON, 3, 2, 9))
    there = DayKeyState(march(4), at(LONDON, 3, 4, 9), None)
    expected = DayKeyState(march(4), at(LONDON, 3, 4, 9), at(LONDON, 3, 3, 9))
    assert here.merged_with(there) == there.merged_with(here) == expected
    assert DayKeyState().merged_with(DayKeyState()) == DayKeyState()


def test_two_rows_merged_keep_the_zones_of_the_latest_of_both() -> None:
    here = DayKeyState(march(3), at(LONDON, 3, 3, 9), at(LONDON, 3, 2, 9), "Europe/London", None)
    there = DayKeyState(march(4), at(TOKYO, 3, 4, 9), None, "Asia/Tokyo")
    expected = DayKeyState(
        march(4), at(TOKYO, 3, 4, 9), at(LONDON, 3, 3, 9), "Asia/Tokyo", "Europe/London"
    )
    assert here.merged_with(there) == there.merged_with(here) == expected
