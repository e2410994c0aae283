"""Local dates, time zones and the next instant of a daily time (DST-correct).

Pure: instants come in as arguments, always time-zone aware (a naive one raises ValueError).

**Day key of a check-in** (``day_key``). A check-in belongs to the local date of its moment in
the zone in force at that moment (the previous zone if the moment came before the change, e.g.
a backlog delivered late), then clamped by two rules that keep a change of time zone from
creating or reopening days:

(a) it is never earlier than the member's latest check-in day ``last_day``: moving west can't
    reopen a day already counted; the check-in lands on ``last_day`` ("already checked in");
(b) while the moment is still on the day of the change as the previous zone counts days, the
    day is at most the previous zone's date of the moment: moving east can't add a second day
    on the day of the change.

Consequence: a jump east of 24 hours or more (only across the date line, e.g. Pacific/Pago_Pago
-11 to Pacific/Kiritimati +14) skips one calendar date, which is then a missed day (a freeze
may cover it).

**Daily times across DST** (``next_daily_instant``). A local time that doesn't exist on a day
(spring forward) fires at the same wall time shifted forward by the length of the gap (02:30 on
the day New York springs forward fires at 03:30 EDT): the usual behaviour of calendars and cron,
and what ``fold=0`` gives under PEP 495. A local time that happens twice (autumn) fires once, at
its first occurrence.
"""

from __future__ import annotations

import difflib
import functools
import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

# A late check-in for yesterday is accepted until this local time.
LATE_CHECKIN_UNTIL = time(3, 0)

# The longest IANA name is 32 characters; anything much longer is not worth matching.
_MAX_ZONE_TEXT = 64
_MAX_SUGGESTIONS = 3
# Names that exist in the database but name no place a person lives in, or the host's zone.
_NOT_ZONES = frozenset({"localtime", "posixrules", "Factory"})
# Areas whose zones are worth suggesting; the others are legacy aliases (US/Eastern, GB, ...),
# still accepted when typed in full.
_AREAS = frozenset(
    {"Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic", "Australia", "Europe"}
    | {"Indian", "Pacific"}
)
_SEPARATORS = re.compile(r"[\s_]+")


class UnknownZone(Exception):
    """The text names no IANA time zone; ``suggestions`` are close matches (maybe none)."""

    def __init__(self, text: str, suggestions: tuple[str, ...] = ()) -> None:
        super().__init__(text, suggestions)
        self.text = text
        self.suggestions = suggestions

    def __str__(self) -> str:
        hint = f" (did you mean {', '.join(self.suggestions)}?)" if self.suggestions else ""
        return f"unknown time zone {self.text[:_MAX_ZONE_TEXT]!r}{hint}"


@functools.cache
def _zones_by_lower_name() -> dict[str, str]:
    return {name.lower(): name for name in available_timezones() if name not in _NOT_ZONES}


@functools.cache
def _suggestable() -> tuple[dict[str, str], dict[str, list[str]]]:
    """Zones worth suggesting, by lower-case full name and by lower-case city part."""
    by_name: dict[str, str] = {"utc": "UTC"}
    by_city: dict[str, list[str]] = {}
    for lower, name in sorted(_zones_by_lower_name().items()):
        if name.split("/", 1)[0] in _AREAS:
            by_name[lower] = name
            by_city.setdefault(lower.rsplit("/", 1)[-1], []).append(name)
    return by_name, by_city


def _normalise(text: str) -> str:
    return _SEPARATORS.sub("_", text.strip()).lower()


def _suggestions(query: str) -> tuple[str, ...]:
    by_name, by_city = _suggestable()
    city = query.rsplit("/", 1)[-1]
    found: list[str] = list(by_city.get(city, []))
    for close in difflib.get_close_matches(city, by_city, n=_MAX_SUGGESTIONS, cutoff=0.75):
        found.extend(by_city[close])
    for close in difflib.get_close_matches(query, by_name, n=_MAX_SUGGESTIONS, cutoff=0.6):
        found.append(by_name[close])
    return tuple(dict.fromkeys(found))[:_MAX_SUGGESTIONS]


def resolve_zone(text: str) -> ZoneInfo:
    """The IANA zone ``text`` names (case-insensitive), or UnknownZone with close matches:
    ``berlin`` suggests ``Europe/Berlin``, ``new york`` suggests ``America/New_York``."""
    if len(text) > _MAX_ZONE_TEXT:
        raise UnknownZone(text)
    query = _normalise(text)
    if not query:
        raise UnknownZone(text)
    name = _zones_by_lower_name().get(query)
    if name is not None:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            pass  # listed but unreadable: treat as unknown rather than crash a command
    raise UnknownZone(text, _suggestions(query))


def _require_aware(moment: datetime) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{moment} has no time zone")


def local_date(moment: datetime, zone: ZoneInfo) -> date:
    _require_aware(moment)
    return moment.astimezone(zone).date()


def day_key(
    moment: datetime,
    zone: ZoneInfo,
    *,
    last_day: date | None = None,
    previous_zone: ZoneInfo | None = None,
    zone_changed_at: datetime | None = None,
) -> date:
    """The day a check-in made at ``moment`` belongs to (see the rule in the module docs).

    ``zone`` is the member's zone now; ``previous_zone`` and ``zone_changed_at`` describe the
    latest change of it, if any.
    """
    day = local_date(moment, zone)
    if previous_zone is not None and zone_changed_at is not None:
        _require_aware(zone_changed_at)
        before_change = local_date(moment, previous_zone)
        if moment < zone_changed_at:
            day = before_change
        elif before_change == local_date(zone_changed_at, previous_zone):
            day = min(day, before_change)
    if last_day is not None:
        day = max(day, last_day)
    return day


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
