"""The day-key rule over generated travels: check-ins at random increasing instants,
interleaved with changes of zone across the date line and through daylight-saving changes
(and, in some tests, undos and late check-ins), applied step by step as the bot does.

(a) two check-ins on the same local date (in the zone in force at each) never add two days;
(b) the check-ins of any 24 real hours never add more than two days;
and a day is refused only where one of the rules requires it.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings, target
from hypothesis import strategies as st

from bot.domain.calendar import DayKeyState, day_key, local_date
from tests.unit.day_keys import Entry, Member
from tests.unit.strategies import (
    FIXED_ZONES,
    TRAVEL_ZONES,
    Act,
    Travel,
    instants,
    nights_around_a_short_day,
    travels,
    zones,
)

DAY = timedelta(hours=24)
ALL_ACTS = (Act.CHECK_IN, Act.MOVE, Act.UNDO, Act.LATE)


def play(travel: Travel) -> Member:
    member = Member(travel.zone)
    for event in travel.events:
        act(member, event.act, event.at, event.zone)
    return member


def act(member: Member, what: Act, at: datetime, zone: ZoneInfo) -> Entry | None:
    if what is Act.MOVE:
        member.set_zone(zone, at)
        return None
    if what is Act.UNDO:
        member.undo(at)
        return None
    if what is Act.LATE:
        return member.check_in_late(at)
    return member.check_in(at)


@settings(max_examples=1500, deadline=None)
@given(
    instants(),
    zones(),
    zones(),
    st.integers(-48 * 60, 48 * 60),
    st.integers(-3, 2),
    st.none() | st.integers(-60, 48 * 60),
)
def test_one_step_of_the_rule(
    moment: datetime,
    zone: ZoneInfo,
    previous: ZoneInfo,
    minutes_since_change: int,
    days: int,
    minutes_since_prior: int | None,
) -> None:
    """Any kept state: the check-in takes its own date, or adds nothing on the latest day."""
    changed_at = moment - timedelta(minutes=minutes_since_change)
    last_day = local_date(moment, zone) + timedelta(days=days)
    prior = None if minutes_since_prior is None else moment - timedelta(minutes=minutes_since_prior)
    kept = DayKeyState(last_day=last_day, prior_added_at=prior)
    key = day_key(moment, zone, kept, previous_zone=previous, zone_changed_at=changed_at)
    own = local_date(moment, previous if moment < changed_at else zone)
    there = local_date(moment, previous)
    refused = (
        own <= last_day
        or (moment >= changed_at and there == local_date(changed_at, previous) <= last_day)
        or (prior is not None and moment - prior < DAY)
    )
    assert key == (last_day if refused else own)


def assert_no_three_within_a_day(moments: list[datetime]) -> None:
    """No window of 24 real hours holds three of ``moments``."""
    ordered = sorted(moments)
    for first, third in zip(ordered, ordered[2:], strict=False):
        assert third - first >= DAY, (first, third)


@settings(max_examples=1200, deadline=None)
@given(travels())
def test_a_date_adds_one_day_and_a_day_of_real_time_at_most_two(travel: Travel) -> None:
    checked_in = play(travel).entries
    added = [entry for entry in checked_in if entry.added]
    # (a): every day added came from a check-in on a date of its own.
    assert not [own for own, n in Counter(e.own for e in added).items() if n > 1]
    # (b)
    assert_no_three_within_a_day([entry.at for entry in added])
    for entry in checked_in:
        # A check-in lands on its own date or, adding nothing, on the latest day.
        if entry.last_before is not None:
            assert entry.day >= entry.last_before
        assert entry.day == entry.own if entry.added else entry.day == entry.last_before


def day_of_change_counted(member: Member, moment: datetime) -> bool:
    """Rule 2, from the member's zones: still the day of the change where they were, and that
    day already counts."""
    if member.previous_zone is None or member.changed_at is None or moment < member.changed_at:
        return False
    there = local_date(moment, member.previous_zone)
    last = member.state.last_day
    return (
        last is not None
        and there == local_date(member.changed_at, member.previous_zone)
        and there <= last
    )


def third_within_a_day(member: Member, moment: datetime) -> bool:
    """Rule 3, from every entry still standing rather than from the kept state: two of the
    days standing were added by check-ins of the last 24 hours."""
    adding = sorted(e.at for e in member.entries if e.added and not e.late)
    return len(adding) >= 2 and moment - adding[-2] < DAY


@settings(max_examples=800, deadline=None)
@given(travels(acts=ALL_ACTS))
def test_a_day_is_refused_only_where_a_rule_requires_it(travel: Travel) -> None:
    """With undos and late check-ins too: the kept state decides as the whole history would,
    and the days standing keep (a) and (b)."""
    member = Member(travel.zone)
    waited = 0
    for event in travel.events:
        if event.act is Act.CHECK_IN:
            moment = event.at
            own = local_date(moment, member.zone_in_force(moment))
            last = member.state.last_day
            new_date = last is None or own > last
            day_of_change = day_of_change_counted(member, moment)
            must_wait = third_within_a_day(member, moment)
            refuse = not new_date or day_of_change or must_wait
            waited += new_date and not day_of_change and must_wait
            entry = member.check_in(moment)
            assert entry.day == (last if refuse else own)
            assert entry.added == (not refuse)
        else:
            act(member, event.act, event.at, event.zone)
        assert member.state.last_day == max(member.days(), default=None)
    # The 24-hour rule is the rare case: steer the search towards travels that meet it.
    target(float(waited), label="check-ins held back by the 24-hour rule")
    standing = [entry for entry in member.entries if entry.added and not entry.late]
    assert len({entry.own for entry in standing}) == len(standing)  # (a)
    assert_no_three_within_a_day([entry.at for entry in standing])  # (b)


def start_of(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(), tzinfo=zone).astimezone(UTC)


def assert_plain_but_after_a_short_day(member: Member) -> None:
    """Each check-in takes its local date, but one made less than 24 hours after the first
    check-in of the day before a short day: it belongs to the short day, as the member's
    latest day, and happens within the time the short day lacks after it ended."""
    zone = member.zone
    for entry in member.entries:
        if entry.late or entry.day == entry.own:
            continue
        short_day = entry.own - timedelta(days=1)
        assert entry.day == short_day == entry.last_before, entry
        lacks = DAY - (start_of(entry.own, zone) - start_of(short_day, zone))
        assert timedelta(0) <= entry.at - start_of(entry.own, zone) < lacks, entry
        assert not entry.added


@settings(max_examples=1500, deadline=None)
@given(travels(acts=(Act.CHECK_IN, Act.UNDO, Act.LATE), zones=TRAVEL_ZONES))
def test_in_one_zone_a_check_in_takes_its_local_date(travel: Travel) -> None:
    assert_plain_but_after_a_short_day(play(travel))


@settings(max_examples=1500, deadline=None)
@given(nights_around_a_short_day())
def test_a_short_day_holds_back_no_more_than_it_must(travel: Travel) -> None:
    """Around the nights of a spring-forward day: (b) holds, and only the time the short day
    lacks, after it, can hold a check-in back."""
    member = play(travel)
    assert_plain_but_after_a_short_day(member)
    standing = [entry for entry in member.entries if entry.added and not entry.late]
    assert_no_three_within_a_day([entry.at for entry in standing])


@settings(max_examples=1000, deadline=None)
@given(travels(acts=(Act.CHECK_IN, Act.UNDO, Act.LATE), zones=FIXED_ZONES))
def test_where_days_are_24_hours_every_check_in_takes_its_local_date(travel: Travel) -> None:
    member = play(travel)
    assert all(entry.day == entry.own for entry in member.entries if not entry.late)
