"""Local dates, time zones and the next instant of a daily time (DST-correct).

Pure: instants come in as arguments, always time-zone aware (a naive one raises ValueError).

**Day key of a check-in** (``day_key``). A check-in is made in the zone in force at its
moment (``zone_in_force``: the member's zone, or the previous one if the moment came before
the latest change of zone, e.g. a backlog delivered late), and its *own date* is the local date
of its moment there. It belongs to its own date, unless that would add a day it must not; then
it belongs to the member's latest day ``last_day`` and adds nothing (the bot answers that today
already counts). A check-in adds no day when:

1. its own date is not after ``last_day``: moving west can't reopen a day or count a date
   twice; the member's days resume when their clock reaches a new date;
2. it is still the day of the latest change of zone as the zone left counts days, and that day
   already has a check-in (``last_day`` is on or after it): the day checked in for is still
   going on where the member was, so moving east right after checking in adds nothing. A
   check-in with no earlier check-in on the old zone's date takes its own date. (Only the
   member's own changes, ``/timezone``, are recorded, so only they have this rule. When the
   group's zone changes under a member who has none of their own, the new zone is not the
   one their latest days were added in, so rules 1 and 3 keep (a) and (b) for them.)
3. the two latest days were not both added in the zone it is made in (the zones are kept as
   ``DayKeyState.added_zone`` and ``prior_added_zone``; one not known, for a day added before
   they were kept, counts as another zone), and it would be the third day added within 24
   real hours: the check-in that added the day before the latest one (``prior_added_at``) was
   less than 24 hours ago.

Hence (a) two check-ins on the same own date never add two days (a day is only added on a
date after every day before it), and (b) the check-ins of any 24 real hours never add more than
two days, unless all three were made in one zone (rule 3).

For a member whose zone doesn't change, every local date with a check-in is a day, once: own
dates only move forward in one zone, so a new one is after ``last_day`` (rule 1 holds back only
a date already counted), rule 2 needs a change of zone and rule 3 another zone. (Since 2011 in
every zone; before, Newfoundland fell back from 00:01 to 23:01 the day before, and rule 1
counts a date that comes again once.) That includes the nights around a change of clocks: a
day that springs forward is shorter than 24 hours (23 in New York, 23.5 on Lord Howe), and
check-ins at 23:50 the day before it, during it, and at 00:10 the day after add three days
within 24 hours, as the member's clock shows three dates.

Consequences of travel: crossing the date line eastwards right after checking in (e.g.
Honolulu to Kiritimati, or Pago Pago to Kiritimati) skips a calendar date, which is then a
missed day (a freeze may cover it); after a jump east, a check-in early on the next date can
be the third day within 24 hours and so already count; from 24 hours after the check-in that
added the first of the two days, the new date counts.

Changing a time zone never rewrites past days: an entry keeps the day it was given. A late
check-in (``/done yesterday``) names its own day: it is not held to these rules, does not
count towards rule 3, and leaves the kept moments and zones as they are. ``DayKeyState`` is
what the rule keeps between check-ins, with how a check-in, a late check-in and an undo change
it (an undo of one of the two latest days may have to stand a moment in for a check-in the
state no longer knows, and then holds a check-in in another zone back a little longer than
needed: ``DayKeyState.after_undo``).

**Daily times across DST** (``next_daily_instant``). A local time that doesn't exist on a day
(spring forward) fires at the same wall time shifted forward by the length of the gap (02:30 on
the day New York springs forward fires at 03:30 EDT): the usual behaviour of calendars and cron,
and what ``fold=0`` gives under PEP 495. A local time that happens twice (autumn) fires once, at
its first occurrence.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

# A late check-in for yesterday is accepted until this local time.
LATE_CHECKIN_UNTIL = time(3, 0)
# The check-ins of this much real time add at most two days, unless all made in one zone
# (rule 3 in the module docs).
NEW_DAYS_SPAN = timedelta(hours=24)
# The smallest step of time a datetime has.
_INSTANT = timedelta(microseconds=1)


def _require_aware(moment: datetime) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{moment} has no time zone")


def local_date(moment: datetime, zone: ZoneInfo) -> date:
    _require_aware(moment)
    return moment.astimezone(zone).date()


def start_of_date(day: date, zone: ZoneInfo) -> datetime:
    """The first instant of ``day`` in ``zone``, in UTC (where midnight falls in a gap, the
    end of the gap)."""
    return datetime.combine(day, time(), tzinfo=zone).astimezone(UTC)


@dataclass(frozen=True, slots=True)
class DayKeyState:
    """What the day-key rule keeps of a member's check-ins, from one to the next.

    ``last_day`` is the latest day with an entry. ``added_at`` and ``prior_added_at`` are the
    moments of the two latest check-ins that added a day by ``day_key`` (a late check-in is not
    one of them), ``added_zone`` and ``prior_added_zone`` the keys of the zones they were made
    in; None when there is none, when it can no longer matter, or (a zone) when it was not
    kept yet.
    """

    last_day: date | None = None
    added_at: datetime | None = None
    prior_added_at: datetime | None = None
    added_zone: str | None = None
    prior_added_zone: str | None = None

    def after_check_in(self, moment: datetime, day: date, zone: ZoneInfo) -> DayKeyState:
        """The state after a check-in made at ``moment`` in ``zone`` (the zone in force) was
        given ``day`` by ``day_key``."""
        if self.last_day is not None and day <= self.last_day:
            return self
        return DayKeyState(day, moment, self.added_at, zone.key, self.added_zone)

    def after_late_check_in(self, day: date) -> DayKeyState:
        """The state after a check-in for ``day`` named by the member (``/done yesterday``):
        it may become the latest day, but the 24-hour rule neither holds it nor counts it, so
        the moments and zones kept stay."""
        if self.last_day is not None and day <= self.last_day:
            return self
        return replace(self, last_day=day)

    def after_undo(self, removed_at: datetime, last_day: date | None) -> DayKeyState:
        """The state after an undo removed the only entry of a day, made at ``removed_at``;
        ``last_day`` is the latest day left.

        If that check-in added one of the two latest days, it stops counting towards rule 3:
        the other one is the latest, with its zone. The check-in that added the day before
        them takes the other place; it is not kept, so ``_before_the_pair`` stands in for it.
        """
        if removed_at == self.added_at:
            left_at, left_zone = self.prior_added_at, self.prior_added_zone
        elif removed_at == self.prior_added_at:
            left_at, left_zone = self.added_at, self.added_zone
        else:
            return replace(self, last_day=last_day)
        before_at, before_zone = self._before_the_pair()
        return DayKeyState(last_day, left_at, before_at, left_zone, before_zone)

    def _before_the_pair(self) -> tuple[datetime | None, str | None]:
        """The moment and zone of the check-in that added the day before the two latest ones,
        as far as rule 3 needs them: None when it can't matter, else a moment not before it.

        That check-in came at least 24 hours before the later of the two (rule 3 held when
        that one added its day), so more than 24 hours before any check-in to come, unless
        all three were made in one zone. Then its own date came before the earlier one's
        there, so the last moment before that date began stands in for it, with that zone,
        when it is less than 24 hours before the later check-in (on the night after a day
        shorter than 24 hours, nowhere else). A check-in in another zone may wait a little
        longer than the real moment would make it: at most until 24 hours after the short day
        began, the length of the change of clocks into the next date.
        """
        zone = self.prior_added_zone
        if self.added_at is None or self.prior_added_at is None or zone is None:
            return None, None
        if zone != self.added_zone:
            return None, None
        there = ZoneInfo(zone)
        just_before = start_of_date(local_date(self.prior_added_at, there), there) - _INSTANT
        if self.added_at - just_before >= NEW_DAYS_SPAN:
            return None, None
        return just_before, zone

    def merged_with(self, other: DayKeyState) -> DayKeyState:
        """One member's state from two (their rows in a group and in its supergroup, merged):
        the latest day of both, and the two latest check-ins of both that added a day, each
        with its zone."""
        days = [day for day in (self.last_day, other.last_day) if day is not None]
        added = (
            (self.added_at, self.added_zone),
            (self.prior_added_at, self.prior_added_zone),
            (other.added_at, other.added_zone),
            (other.prior_added_at, other.prior_added_zone),
        )
        latest = sorted(
            ((moment, zone) for moment, zone in added if moment is not None),
            key=lambda pair: pair[0],
            reverse=True,
        )
        none: tuple[None, None] = (None, None)
        (added_at, added_zone), (prior_at, prior_zone) = [*latest, none, none][:2]
        return DayKeyState(
            last_day=max(days, default=None),
            added_at=added_at,
            prior_added_at=prior_at,
            added_zone=added_zone,
            prior_added_zone=prior_zone,
        )

    def added_in(self, zone: ZoneInfo) -> bool:
        """Whether the two latest days were both added in ``zone`` (rule 3 spares it)."""
        return self.added_zone == self.prior_added_zone == zone.key


def zone_in_force(
    moment: datetime,
    zone: ZoneInfo,
    *,
    previous_zone: ZoneInfo | None = None,
    zone_changed_at: datetime | None = None,
) -> ZoneInfo:
    """The zone a check-in made at ``moment`` is made in: ``zone``, the member's now, or
    ``previous_zone`` if the moment came before the change at ``zone_changed_at``."""
    _require_aware(moment)
    if previous_zone is not None and zone_changed_at is not None:
        _require_aware(zone_changed_at)
        if moment < zone_changed_at:
            return previous_zone
    return zone


def day_key(
    moment: datetime,
    zone: ZoneInfo,
    state: DayKeyState | None = None,
    *,
    previous_zone: ZoneInfo | None = None,
    zone_changed_at: datetime | None = None,
) -> date:
    """The day a check-in made at ``moment`` belongs to (see the rule in the module docs).

    ``zone`` is the member's zone now; ``previous_zone`` and ``zone_changed_at`` describe the
    latest change of it, if any; ``state`` is what the rule kept of their check-ins.
    """
    kept = state or DayKeyState()
    in_force = zone_in_force(
        moment, zone, previous_zone=previous_zone, zone_changed_at=zone_changed_at
    )
    own = local_date(moment, in_force)
    last = kept.last_day
    if last is None:
        return own
    if own <= last:  # rule 1
        return last
    if (
        previous_zone is not None
        and zone_changed_at is not None
        and moment >= zone_changed_at
        and _day_of_change_counted(moment, last, previous_zone, zone_changed_at)
    ):  # rule 2
        return last
    prior = kept.prior_added_at
    if prior is not None and moment - prior < NEW_DAYS_SPAN and not kept.added_in(in_force):
        return last  # rule 3
    return own


def _day_of_change_counted(
    moment: datetime, last_day: date, zone_left: ZoneInfo, changed_at: datetime
) -> bool:
    """Whether, in the zone left, ``moment`` is still on the day of the change and that day
    already counts."""
    there = local_date(moment, zone_left)
    return there == local_date(changed_at, zone_left) and there <= last_day


def next_daily_instant(after: datetime, at: time, zone: ZoneInfo) -> datetime:
    """The first instant strictly after ``after`` at which the local time in ``zone`` is ``at``
    (DST rule in the module docs), in UTC."""
    _require_aware(after)
    wall = at.replace(tzinfo=None, fold=0)
    start = after.astimezone(zone).date()
    # A time shifted forward out of a gap may land on the next date, so yesterday's firing
    # can still be ahead, and a zone may skip a whole date (Samoa, 2011): four candidates
    # cover every case.
    candidates = (
        datetime.combine(start + timedelta(days=offset), wall, tzinfo=zone).astimezone(UTC)
        for offset in (-1, 0, 1, 2)
    )
    return min(instant for instant in candidates if instant > after)


def late_checkin_open(moment: datetime, zone: ZoneInfo) -> bool:
    """Whether a check-in for yesterday is still accepted at ``moment`` (before 03:00 local)."""
    _require_aware(moment)
    return moment.astimezone(zone).time() < LATE_CHECKIN_UNTIL
