"""What the leaderboard (``/top``) shows, and to whom.

A group chooses how much it shows (``BoardMode``):

- ``top``: the first ``TOP_ROWS`` of each list, and the caller's own place when it is lower;
- ``all``: everyone;
- ``off``: no lists, only the group streak and the caller's own figures.

Members who left the board (``/top hide``) are in no list and have no place; their check-ins
still count for the group streak. A list is ordered by its figure, highest first, then by
name; places are numbered in that order. Members with nothing to show (0) are left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

__all__ = ["TOP_ROWS", "BoardMode", "Entry", "Ranked", "Standings", "standings"]

# Rows per list in ``top`` mode: enough for a small group, short enough for a phone.
TOP_ROWS = 10


class BoardMode(StrEnum):
    TOP = "top"
    ALL = "all"
    OFF = "off"


@dataclass(frozen=True, slots=True)
class Entry:
    """One member's figure in a list; ``key`` tells the caller apart from namesakes."""

    key: int
    name: str
    value: int


@dataclass(frozen=True, slots=True)
class Ranked:
    place: int  # 1 for the first
    name: str
    value: int
    key: int = field(default=0, compare=False)  # the entry's key (not part of what is shown)


@dataclass(frozen=True, slots=True)
class Standings:
    """One list as shown: its rows, and the caller's place when it is not among them."""

    rows: tuple[Ranked, ...]
    own: Ranked | None


def standings(entries: Sequence[Entry], caller: int, mode: BoardMode) -> Standings:
    """The rows of a list of ``entries`` (hidden members already left out) for ``caller``."""
    ordered = sorted(
        (e for e in entries if e.value > 0), key=lambda e: (-e.value, e.name.casefold(), e.key)
    )
    ranked = [(e.key, Ranked(place, e.name, e.value, e.key)) for place, e in enumerate(ordered, 1)]
    shown = {
        BoardMode.TOP: ranked[:TOP_ROWS],
        BoardMode.ALL: ranked,
        BoardMode.OFF: [],
    }[mode]
    if any(key == caller for key, _ in shown):
        return Standings(tuple(row for _, row in shown), None)
    own = next((row for key, row in ranked if key == caller), None)
    return Standings(tuple(row for _, row in shown), own)
