"""Time zones by the names people type: ``/timezone berlin`` suggests ``Europe/Berlin``.

Any IANA name is accepted, in any case; what isn't one gets a few close matches, from the
zones where people live (not legacy aliases, which are still accepted when typed in full).
"""

from __future__ import annotations

import difflib
import functools
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

__all__ = ["UnknownZone", "resolve_zone"]

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
