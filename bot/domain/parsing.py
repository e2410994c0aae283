"""Command arguments to typed values, or a clear error saying the right form."""

from __future__ import annotations

import re
from datetime import time

_COMMAND = re.compile(r"^/[A-Za-z0-9_]+(?:@[A-Za-z0-9_]+)?(?:\s+|$)", re.DOTALL)
_BREAK_LENGTH = re.compile(r"^(\d{1,4})\s*(d|day|days)?$", re.IGNORECASE)


# What members write is kept up to these lengths: a goal, a check-in's note, a break's reason.
GOAL_MAX_CHARS = 200
NOTE_MAX_CHARS = 1000
REASON_MAX_CHARS = 200

_ELLIPSIS = "…"


def clipped(text: str, limit: int) -> str:
    """Plain text cut to at most ``limit`` characters, with an ellipsis if it was cut."""
    return text if len(text) <= limit else text[: max(0, limit - 1)].rstrip() + _ELLIPSIS


def command_text(text: str | None) -> str:
    """What follows the command (``/done@bot  wrote 500 words`` -> ``wrote 500 words``),
    without NUL characters (nobody types them on purpose, and PostgreSQL refuses them)."""
    if not text:
        return ""
    return _COMMAND.sub("", text.replace("\x00", ""), count=1).strip()


def split_first(text: str) -> tuple[str, str]:
    """The first word (lower-cased) and the rest."""
    head, _, rest = text.strip().partition(" ")
    if "\n" in head:
        head, _, more = head.partition("\n")
        rest = (more + " " + rest).strip()
    return head.lower(), rest.strip()


def break_length(word: str, max_days: int) -> int | None:
    """``3d``, ``3``, ``3days`` -> 3; None if not a length from 1 to ``max_days``."""
    match = _BREAK_LENGTH.match(word.strip())
    if match is None:
        return None
    value = int(match.group(1))
    return value if 1 <= value <= max_days else None


_TIME = re.compile(r"^(\d{1,2})[:.h](\d{2})$")
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_ON = frozenset({"on", "yes", "true", "1"})
_OFF = frozenset({"off", "no", "false", "0"})


def clock_time(word: str) -> time | None:
    """``08:30``, ``8:30``, ``8.30`` -> 08:30; None if not a time of day."""
    match = _TIME.match(word.strip())
    if match is None:
        return None
    hours, minutes = int(match.group(1)), int(match.group(2))
    if hours > 23 or minutes > 59:
        return None
    return time(hours, minutes)


def weekdays(text: str) -> frozenset[int] | None:
    """``sat,sun`` or ``sat sun`` or ``saturday`` -> {5, 6}; ``none`` -> {}; None if unclear."""
    words = [w for w in re.split(r"[\s,;]+", text.strip().lower()) if w]
    if words == ["none"]:
        return frozenset()
    found: set[int] = set()
    for word in words:
        if len(word) < 3 or not any(day.startswith(word[:3]) for day in _WEEKDAYS):
            return None
        index = _WEEKDAYS.index(word[:3])
        if not ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"][
            index
        ].startswith(word):
            return None
        found.add(index)
    return frozenset(found) if found else None


def switch(word: str) -> bool | None:
    word = word.strip().lower()
    if word in _ON:
        return True
    if word in _OFF:
        return False
    return None


def whole_number(word: str, low: int, high: int) -> int | None:
    word = word.strip().removesuffix("%").removesuffix("d")
    if not word.isascii() or not word.isdigit() or len(word) > 6:
        return None
    value = int(word)
    return value if low <= value <= high else None


def weekday_names(days: frozenset[int]) -> str:
    return ",".join(_WEEKDAYS[d] for d in sorted(days)) or "none"


class BadTarget(ValueError):
    """Not a target: ``/target`` takes a number from 1 to 6, or ``daily``."""


def target(text: str) -> int | None:
    """``3`` -> 3 check-ins a week (1 to 6); ``daily`` -> None (every day); else BadTarget."""
    word = text.strip().lower()
    if word in ("daily", "day", "every day"):
        return None
    per_week = whole_number(word, 1, 6) if word.isdigit() else None
    if per_week is None:
        raise BadTarget(text)
    return per_week
