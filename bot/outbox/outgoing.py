"""A message on its way out, and how its sending ended."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from telegram import InlineKeyboardMarkup


class Outcome(StrEnum):
    SENT = "sent"
    GONE = "gone"  # the bot was removed from the chat or blocked: nobody to tell
    REFUSED = "refused"  # Telegram refused the message itself; trying again won't help
    GAVE_UP = "gave_up"  # it kept failing for passing reasons until its deadline
    # Its answer never came, twice (or once, and no time was left): it may have been posted,
    # maybe twice, and sending it again might post it once more.
    UNKNOWN = "unknown"
    WITHDRAWN = "withdrawn"  # right before sending, whoever queued it no longer wanted it


# Whoever queued a message hears how it ended.
OnDone = Callable[[Outcome], Awaitable[None]]
# Asked right before sending: False withdraws it (a post another process took over).
StillWanted = Callable[[], Awaitable[bool]]


@dataclass(frozen=True, slots=True)
class Confirmation:
    """A check-in's reply, which may be merged with other members' when the group's budget
    is spent: ``short`` stands for it in the merged line, ``news`` is said in full anyway;
    both are in ``language``, which the merged message speaks too."""

    short: str
    news: tuple[str, ...]
    language: str


@dataclass(frozen=True, slots=True)
class Outgoing:
    """One message to send: text (or a photo or a document with it as caption)."""

    chat_id: int
    text: str
    thread_id: int | None = None
    reply_to: int | None = None
    markup: InlineKeyboardMarkup | None = None
    photo: bytes | None = None
    document: tuple[str, bytes] | None = None  # file name, content
    confirmation: Confirmation | None = None
    deadline: datetime | None = None  # given up if still failing then
