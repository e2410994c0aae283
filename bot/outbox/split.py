"""Keeping every message within Telegram's limits.

Telegram refuses a text over 4,096 characters (a caption over 1,024) as they count them:
after the HTML is parsed, in UTF-16 code units (an emoji usually takes two). Long lists are
packed into as many messages as they need, a line never cut in two.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape, unescape

from bot.domain.parsing import clipped

MAX_TEXT = 4096
MAX_CAPTION = 1024
_TAG = re.compile(r"<[^>]*>")


def visible(html_text: str) -> str:
    """What a reader sees of an HTML text: tags gone, entities read."""
    return unescape(_TAG.sub("", html_text))


def telegram_length(html_text: str) -> int:
    """The length Telegram checks: visible text, in UTF-16 code units."""
    return len(visible(html_text).encode("utf-16-le")) // 2


def fit_lines(lines: Sequence[str], limit: int = MAX_TEXT) -> list[str]:
    """The lines (each a whole HTML fragment) packed into messages of at most ``limit``."""
    messages: list[str] = []
    current: list[str] = []
    size = 0
    for line in lines:
        length = telegram_length(line)
        if length > limit:
            line = _cut(line, limit)
            length = telegram_length(line)
        extra = length + (1 if current else 0)  # the newline that joins it
        if current and size + extra > limit:
            messages.append("\n".join(current))
            current, size = [], 0
            extra = length
        current.append(line)
        size += extra
    if current:
        messages.append("\n".join(current))
    return messages


def _cut(line: str, limit: int) -> str:
    """A line too long for any message, as plain text cut to fit (its formatting is lost;
    only an unforeseen template can get here, as what members type is shortened first)."""
    text = visible(line)
    while len((cut := clipped(text, limit)).encode("utf-16-le")) // 2 > limit:
        limit -= 1
    return escape(cut, quote=False)
