"""/done, /done yesterday, /fail and /undo: the answers to a check-in and the news it brings
(milestones, bests, freezes, a streak that ended)."""

from __future__ import annotations

from collections.abc import Sequence

from bot.i18n import gettext as _
from bot.i18n import ngettext, pgettext
from bot.texts.format import days, name, number

# What a member writes after /done or /fail is kept, up to this long.
NOTE_MAX_CHARS = 1000


def note(text: str) -> str:
    """A check-in's note as it is kept."""
    return text[:NOTE_MAX_CHARS]


def short_confirmation(first_name: str, streak: int, failed: bool) -> str:
    """A check-in in a merged confirmation: "Ann 5"."""
    return f"{name(first_name)} {number(streak)}" + (" 💙" if failed else "")


# Check-ins named on one line of a merged confirmation: a long line of them still fits any
# phone's paragraph and Telegram's limits.
_MERGED_PER_LINE = 25


def merged_confirmations(shorts: Sequence[str], news: Sequence[str]) -> str:
    """Several check-ins confirmed in one message, when the group's budget for messages is
    spent: "✅ Ann 5 · Bob 12 · Cy 3", then the news they carry, each in full."""
    # TRANSLATORS: between check-ins merged into one line, "✅ Ann 5 · Bob 12".
    # Keep the spaces around it.
    between = pgettext("between check-ins", " · ")
    lines = [
        "✅ " + between.join(shorts[start : start + _MERGED_PER_LINE])
        for start in range(0, len(shorts), _MERGED_PER_LINE)
    ]
    return "\n".join([*lines, *news])


def checked_in(first_name: str, streak: int, best: int) -> str:
    flame = "🔥" if streak >= 3 else "✅"
    if best > streak:
        # TRANSLATORS: {flame} is 🔥 or ✅; "day 5" is the member's streak, "best 9" their record.
        text = _("{flame} {name}: day {streak} (best {best})")
    else:
        # TRANSLATORS: {flame} is 🔥 or ✅; "day 5" is the member's streak.
        text = _("{flame} {name}: day {streak}")
    return text.format(flame=flame, name=name(first_name), streak=number(streak), best=number(best))


def already_today(first_name: str, streak: int) -> str:
    return _("✅ Noted, {name}. Today already counts: {days}.").format(
        name=name(first_name), days=days(streak)
    )


def late_checked_in(first_name: str, streak: int) -> str:
    return _("✅ Yesterday counted, {name}. Streak: {days}.").format(
        name=name(first_name), days=days(streak)
    )


def late_too_late() -> str:
    return _("It's past 03:00, too late to check in for yesterday. Check in for today with /done.")


def late_already() -> str:
    return _("Yesterday already has a check-in. Check in for today with /done.")


def milestone(first_name: str, reached: int) -> str:
    return ngettext(
        "🎉 {name} reached a {count}-day streak!",
        "🎉 {name} reached a {count}-day streak!",
        reached,
    ).format(name=name(first_name), count=number(reached))


def new_best(first_name: str, streak: int) -> str:
    return _("🏆 New personal best for {name}: {days}!").format(
        name=name(first_name), days=days(streak)
    )


def streak_ended(first_name: str, previous: int) -> str:
    """A member's run ended in a gap, and the check-in starts a new one."""
    # TRANSLATORS: said to the group; {count} is the length of the streak that ended.
    return ngettext(
        "{name}'s {count}-day streak ended, and a new one starts today. 💪",
        "{name}'s {count}-day streak ended, and a new one starts today. 💪",
        previous,
    ).format(name=name(first_name), count=number(previous))


def welcome_back(first_name: str, streak: int, best: int) -> str:
    return _("👋 Welcome back, {name}! Streak: {days}, best: {best}.").format(
        name=name(first_name), days=days(streak), best=days(best)
    )


def failed(first_name: str, counts: bool, streak: int) -> str:
    if counts:
        text = _(
            "💙 Thanks for sharing, {name}. Showing up honestly matters. It counts: {days}.\n"
            "Everyone: a word of encouragement for {name}?"
        )
    else:
        text = _(
            "💙 Thanks for sharing, {name}. Showing up honestly matters.\n"
            "Everyone: a word of encouragement for {name}?"
        )
    return text.format(name=name(first_name), days=days(streak))


def undone(first_name: str, streak: int) -> str:
    return _("↩️ Removed your latest check-in today, {name}. Streak: {days}.").format(
        name=name(first_name), days=days(streak)
    )


def undo_nothing() -> str:
    return _("You have no check-in today to undo.")
