"""One member's check-ins, late check-ins, undos and changes of zone, applied step by step
as the bot applies them: the state kept on the member in, a day out, the state updated.

It mirrors the handlers (/timezone, /settings timezone, /done, /done yesterday, /undo) and the
store (record_checkin, undo_latest) with the domain's functions, and remembers every entry with
what the tests need to judge the rule: its own date, the zone it was made in and whether it
added a day.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.domain.calendar import (
    DayKeyState,
    day_key,
    late_checkin_open,
    local_date,
    zone_in_force,
)


@dataclass(frozen=True, slots=True)
class Entry:
    day: date
    at: datetime
    own: date  # the local date of ``at`` in the zone in force
    zone: str  # the zone in force at ``at``
    last_before: date | None  # the member's latest day when it was made
    added: bool  # it gave the member a day they had no entry on
    late: bool = False


@dataclass
class Member:
    zone: ZoneInfo
    own_zone: bool = False  # chose one with /timezone: the group's changes no longer apply
    previous_zone: ZoneInfo | None = None
    changed_at: datetime | None = None
    state: DayKeyState = field(default_factory=DayKeyState)
    entries: list[Entry] = field(default_factory=list)

    def days(self) -> set[date]:
        return {entry.day for entry in self.entries}

    def zone_in_force(self, moment: datetime) -> ZoneInfo:
        return zone_in_force(
            moment, self.zone, previous_zone=self.previous_zone, zone_changed_at=self.changed_at
        )

    def day(self, moment: datetime) -> date:
        """What ``member_day`` answers."""
        return day_key(
            moment,
            self.zone,
            self.state,
            previous_zone=self.previous_zone,
            zone_changed_at=self.changed_at,
        )

    def set_zone(self, zone: ZoneInfo, now: datetime) -> None:
        """``/timezone``: a change to another zone is remembered with its moment."""
        if zone.key != self.zone.key:
            self.previous_zone, self.changed_at = self.zone, now
        self.zone, self.own_zone = zone, True

    def set_group_zone(self, zone: ZoneInfo) -> None:
        """``/settings timezone``: the group's zone is the member's while they have none of
        their own, and the change is not recorded on them."""
        if not self.own_zone:
            self.zone = zone

    def check_in(self, moment: datetime) -> Entry:
        """``/done`` (or ✅) at ``moment``."""
        day = self.day(moment)
        entry = self._add(day, moment, late=False)
        self.state = self.state.after_check_in(moment, day, self.zone_in_force(moment))
        return entry

    def check_in_late(self, moment: datetime) -> Entry | None:
        """``/done yesterday``: None where the bot refuses it (after 03:00, or already done)."""
        if not late_checkin_open(moment, self.zone):
            return None
        yesterday = local_date(moment, self.zone) - timedelta(days=1)
        if yesterday in self.days():
            return None
        entry = self._add(yesterday, moment, late=True)
        self.state = self.state.after_late_check_in(yesterday)
        return entry

    def undo(self, moment: datetime) -> Entry | None:
        """``/undo``: the latest entry of the day a check-in now would belong to."""
        today = self.day(moment)
        found = [n for n, entry in enumerate(self.entries) if entry.day == today]
        if not found:
            return None
        # Entries are made in order of time, so the last one found is the latest.
        removed = self.entries.pop(found[-1])
        last_day = max(self.days(), default=None)
        if today in self.days():
            self.state = replace(self.state, last_day=last_day)
        else:
            self.state = self.state.after_undo(removed.at, last_day)
        return removed

    def _add(self, day: date, moment: datetime, *, late: bool) -> Entry:
        entry = Entry(
            day=day,
            at=moment,
            own=local_date(moment, self.zone_in_force(moment)),
            zone=self.zone_in_force(moment).key,
            last_before=self.state.last_day,
            added=day not in self.days(),
            late=late,
        )
        self.entries.append(entry)
        return entry
