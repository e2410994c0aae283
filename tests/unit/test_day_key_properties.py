"""The day-key rule over generated travels: check-ins at random increasing instants,
interleaved with changes of zone (the member's own, and the group's under a member who has
none) across the date line and through daylight-saving changes (and, in some tests, undos and
late check-ins), applied step by step as the bot does.

(a) two check-ins on the same local date (in the zone in force at each) never add two days;
(b) the check-ins of any 24 real hours never add more than two days, unless all were made in
one zone;
(c) a member who never changes zone has a day for every local date they check in on;
and a day is refused only where one of the rules requires it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings, target
from hypothesis import strategies as st

from bot.domain.calendar import DayKeyState, day_key, local_date, start_of_date
from tests.unit.day_keys import Entry, Member
from tests.unit.strategies import (
    AWKWARD_ZONES,
    FIXED_ZONES,
    TRAVEL_ZONES,
    Act,
    Travel,
    instants,
    nights_around_a_short_day,
    three_dates_within_a_day,
    travels,
    zones,
)

DAY = timedelta(hours=24)
TRAVELLING = (Act.CHECK_IN, Act.MOVE, Act.GROUP_MOVE)
ALL_ACTS = (*TRAVELLING, Act.UNDO, Act.LATE)


def play(travel: Travel) -> Member:
    member = Member(travel.zone)
    for event in travel.events:
        act(member, event.act, event.at, event.zone)
    return member


def act(member: Member, what: Act, at: datetime, zone: ZoneInfo) -> Entry | None:
    if what is Act.MOVE:
        member.set_zone(zone, at)
        return None
    if what is Act.GROUP_MOVE:
        member.set_group_zone(zone)
        return None
    if what is Act.UNDO:
        member.undo(at)
        return None
    if what is Act.LATE:
        return member.check_in_late(at)
    return member.check_in(at)


def zone_keys() -> st.SearchStrategy[str | None]:
    """A zone a day was added in, or none known (a day added before zones were kept)."""
    return st.none() | st.sampled_from(AWKWARD_ZONES)


@settings(max_examples=1500, deadline=None)
@given(
    instants(),
    zones(),
    zones(),
    st.integers(-48 * 60, 48 * 60),
    st.integers(-3, 2),
    st.none() | st.integers(-60, 48 * 60),
    zone_keys(),
    zone_keys(),
)
def test_one_step_of_the_rule(
    moment: datetime,
    zone: ZoneInfo,
    previous: ZoneInfo,
    minutes_since_change: int,
    days: int,
    minutes_since_prior: int | None,
    added_zone: str | None,
    prior_added_zone: str | None,
) -> None:
    """Any kept state: the check-in takes its own date, or adds nothing on the latest day."""
    changed_at = moment - timedelta(minutes=minutes_since_change)
    last_day = local_date(moment, zone) + timedelta(days=days)
    prior = None if minutes_since_prior is None else moment - timedelta(minutes=minutes_since_prior)
    kept = DayKeyState(
        last_day=last_day,
        prior_added_at=prior,
        added_zone=added_zone,
        prior_added_zone=prior_added_zone,
    )
    key = day_key(moment, zone, kept, previous_zone=previous, zone_changed_at=changed_at)
    in_force = previous if moment < changed_at else zone
    own = local_date(moment, in_force)
    there = local_date(moment, previous)
    one_zone = added_zone == prior_added_zone == in_force.key
    refused = (
        own <= last_day
        or (moment >= changed_at and there == local_date(changed_at, previous) <= last_day)
        or (prior is not None and moment - prior < DAY and not one_zone)
    )
    assert key == (last_day if refused else own)


def assert_three_within_a_day_in_one_zone(added: Sequence[Entry]) -> None:
    """(b): no window of 24 real hours holds three of ``added`` unless all three were made in
    one zone (three in a row suffice: any window with three holds three in a row)."""
    ordered = sorted(added, key=lambda entry: entry.at)
    for first, second, third in zip(ordered, ordered[1:], ordered[2:], strict=False):
        if third.at - first.at < DAY:
            assert first.zone == second.zone == third.zone, (first, second, third)


@settings(max_examples=1200, deadline=None)
@given(travels(acts=TRAVELLING))
def test_a_date_adds_one_day_and_a_day_of_real_time_two_unless_in_one_zone(
    travel: Travel,
) -> None:
    checked_in = play(travel).entries
    added = [entry for entry in checked_in if entry.added]
    # (a): every day added came from a check-in on a date of its own.
    assert not [own for own, n in Counter(e.own for e in added).items() if n > 1]
    assert_three_within_a_day_in_one_zone(added)  # (b)
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


def days_added_standing(member: Member) -> list[Entry]:
    """The check-ins standing that added a day by the rule (not late), in order of time."""
    return sorted((e for e in member.entries if e.added and not e.late), key=lambda entry: entry.at)


def third_within_a_day(member: Member, moment: datetime) -> bool:
    """Rule 3, from every entry still standing rather than from the kept state: two of the
    days standing were added by check-ins of the last 24 hours, not both in the zone of a
    check-in at ``moment``."""
    adding = days_added_standing(member)
    if len(adding) < 2:
        return False
    first, latest = adding[-2], adding[-1]
    here = member.zone_in_force(moment).key
    return moment - first.at < DAY and not first.zone == latest.zone == here


def held_by_a_stand_in(member: Member, moment: datetime) -> bool:
    """Whether the kept state holds back a check-in at ``moment`` that the entries standing
    would let count, and may: after an undo took back one of the two latest days, the moment
    before a date began in the zone of the latest day stands in for the check-in the state no
    longer knows, never before it, and holds a check-in in another zone within 24 hours."""
    kept = member.state
    stand_in, zone = kept.prior_added_at, kept.prior_added_zone
    if stand_in is None or zone is None:
        return False
    adding = days_added_standing(member)
    assert stand_in not in {entry.at for entry in adding}
    began = stand_in + timedelta(microseconds=1)
    assert began == start_of_date(local_date(began, ZoneInfo(zone)), ZoneInfo(zone))
    if len(adding) >= 2:
        assert adding[-2].at <= stand_in
    assert kept.added_zone == zone != member.zone_in_force(moment).key
    assert moment - stand_in < DAY
    return True


def assert_refused_only_where_a_rule_requires_it(travel: Travel) -> None:
    """With undos and late check-ins too: the kept state decides as the whole history would
    (but where it stands in, cautiously, for a check-in it no longer knows), and the days
    standing keep (a) and (b)."""
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
            held = not refuse and not entry.added
            assert not held or held_by_a_stand_in(member, moment)
            assert entry.day == (last if refuse or held else own)
            assert entry.added == (not refuse and not held)
        else:
            act(member, event.act, event.at, event.zone)
        assert member.state.last_day == max(member.days(), default=None)
    # The 24-hour rule is the rare case: steer the search towards travels that meet it.
    target(float(waited), label="check-ins held back by the 24-hour rule")
    standing = days_added_standing(member)
    assert len({entry.own for entry in standing}) == len(standing)  # (a)
    assert_three_within_a_day_in_one_zone(standing)  # (b)


@settings(max_examples=800, deadline=None)
@given(travels(acts=ALL_ACTS))
def test_a_day_is_refused_only_where_a_rule_requires_it(travel: Travel) -> None:
    assert_refused_only_where_a_rule_requires_it(travel)


@settings(max_examples=1000, deadline=None)
@given(
    nights_around_a_short_day(acts=(Act.UNDO, Act.LATE, *TRAVELLING)) | three_dates_within_a_day()
)
def test_around_a_short_day_moving_is_held_back_only_where_a_rule_requires_it(
    travel: Travel,
) -> None:
    """Where three dates come within 24 hours in one zone, and undos and moves after them
    decide whether the next date may count."""
    assert_refused_only_where_a_rule_requires_it(travel)


def play_in_one_zone(travel: Travel) -> Member:
    """(c), checked on each check-in as it is made (an undo may take it away later): it takes
    its own local date, so it adds that date unless an entry already stands on it."""
    member = Member(travel.zone)
    for event in travel.events:
        assert event.act not in (Act.MOVE, Act.GROUP_MOVE)
        entry = act(member, event.act, event.at, event.zone)
        if entry is not None and not entry.late:
            assert entry.day == entry.own, entry
    return member


@settings(max_examples=1500, deadline=None)
@given(travels(acts=(Act.CHECK_IN, Act.UNDO, Act.LATE), zones=TRAVEL_ZONES))
def test_in_one_zone_every_date_checked_in_on_is_a_day(travel: Travel) -> None:
    play_in_one_zone(travel)


@settings(max_examples=1500, deadline=None)
@given(nights_around_a_short_day())
def test_the_nights_around_a_short_day_count_every_date(travel: Travel) -> None:
    """Around the nights of a spring-forward day: the date after a short day counts even
    within 24 hours of a check-in on the date before it, as any date in one zone does."""
    member = play_in_one_zone(travel)
    assert_three_within_a_day_in_one_zone(days_added_standing(member))


@settings(max_examples=1000, deadline=None)
@given(travels(acts=(Act.CHECK_IN, Act.UNDO, Act.LATE), zones=FIXED_ZONES))
def test_where_days_are_24_hours_every_check_in_takes_its_local_date(travel: Travel) -> None:
    member = play(travel)
    assert all(entry.day == entry.own for entry in member.entries if not entry.late)
