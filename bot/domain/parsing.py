"""Command arguments to typed values, or a clear error saying the right form."""

from __future__ import annotations

import re
from dataclasses import dataclass

_COMMAND = re.compile(r"^/[A-Za-z0-9_]+(?:@[A-Za-z0-9_]+)?(?:\s+|$)", re.DOTALL)
_BREAK_LENGTH = re.compile(r"^(\d{1,4})\s*(d|day|days)?$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ParseError(Exception):
    """The argument was not of the expected form; ``message`` tells the user the right one."""

    message: str


def command_text(text: str | None) -> str:
    """What follows the command (``/done@bot  wrote 500 words`` -> ``wrote 500 words``)."""
    if not text:
        return ""
    return _COMMAND.sub("", text, count=1).strip()


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
