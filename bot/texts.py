"""Every sentence the bot says, in one place (ready for translation).

Replies are short: members read them on phones. Everything a user typed is escaped here,
because every message goes out as HTML.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

# How much of a member's note is quoted back.
NOTE_PREVIEW_CHARS = 80
GOAL_MAX_CHARS = 200


def name(first_name: str) -> str:
    return escape(first_name or "Someone")


def mention(first_name: str, user_id: int) -> str:
    return f'<a href="tg://user?id={user_id}">{name(first_name)}</a>'


def days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def preview(note: str) -> str:
    note = " ".join(note.split())
    if len(note) > NOTE_PREVIEW_CHARS:
        note = note[: NOTE_PREVIEW_CHARS - 1] + "…"
    return escape(note)


# --- help -------------------------------------------------------------------------------

GROUP_HELP = (
    "👋 <b>Habitloop</b> keeps this group showing up, one day at a time.\n\n"
    "/done <i>what you did</i>: check in for today\n"
    "/done yesterday: forgot? until 03:00\n"
    "/fail <i>what happened</i>: share a miss, get encouragement\n"
    "/undo: take back today's last check-in\n"
    "/goal <i>text</i>: set your goal · /goal done when reached\n"
    "/goals: everyone's goals\n"
    "/streak: your streak (reply to someone for theirs)\n"
    "/break 3d <i>reason</i>: take a break without losing your streak\n"
    "/timezone <i>Area/City</i>: your own time zone\n"
    "/settings: cue time and more (admins)"
)

PRIVATE_HELP = (
    "👋 <b>Habitloop</b> turns a group chat into an accountability group.\n\n"
    "1. Add me to your group (group info → Add members).\n"
    "2. Everyone checks in there with /done <i>what you did</i>.\n"
    "3. I post a daily cue, keep streaks, and cheer milestones.\n\n"
    "Since you started me here, I can also send you reminders in this chat."
)

PRIVATE_ONLY_IN_GROUPS = "That works in a group. Add me to your group and use it there. /help"

ANONYMOUS_CANNOT = (
    "You're posting anonymously as the group, so I can't tell who you are. "
    "Post as yourself to keep a streak."
)

SOMETHING_WENT_WRONG = "Sorry, something went wrong on my side and nothing was saved. Please try again."

# --- check-ins --------------------------------------------------------------------------


def checked_in(first_name: str, streak: int, best: int) -> str:
    flame = "🔥" if streak >= 3 else "✅"
    text = f"{flame} {name(first_name)}: day {streak}"
    if best > streak:
        text += f" (best {best})"
    return text


def already_today(first_name: str, streak: int) -> str:
    return f"✅ Noted, {name(first_name)}. Today already counts: {days(streak)}."


def late_checked_in(first_name: str, streak: int) -> str:
    return f"✅ Yesterday counted, {name(first_name)}. Streak: {days(streak)}."


LATE_TOO_LATE = (
    "It's past 03:00, too late to check in for yesterday. Check in for today with /done."
)
LATE_ALREADY = "Yesterday already has a check-in. Check in for today with /done."


def milestone(first_name: str, reached: int) -> str:
    return f"🎉 {name(first_name)} reached a {reached}-day streak!"


def new_best(first_name: str, streak: int) -> str:
    return f"🏆 New personal best for {name(first_name)}: {days(streak)}!"


def freezes_saved(count: int, streak: int) -> str:
    frozen = "a freeze" if count == 1 else f"{count} freezes"
    return f"🧊 {frozen} saved your {streak}-day streak."


def streak_lost(previous: int) -> str:
    return f"Your {previous}-day streak ended, and a new one starts today. 💪"


def welcome_back(first_name: str, streak: int, best: int) -> str:
    return f"👋 Welcome back, {name(first_name)}! Streak: {days(streak)}, best: {days(best)}."


def failed(first_name: str, counts: bool, streak: int) -> str:
    head = f"💙 Thanks for sharing, {name(first_name)}. Showing up honestly matters."
    tail = f" It counts: {days(streak)}." if counts else ""
    return head + tail + "\nEveryone: a word of encouragement? Reply with /cheer."


def undone(first_name: str, streak: int) -> str:
    return f"↩️ Removed your latest check-in today, {name(first_name)}. Streak: {days(streak)}."


UNDO_NOTHING = "You have no check-in today to undo."

# --- goals ------------------------------------------------------------------------------


def goal_set(first_name: str, text: str) -> str:
    return f"🎯 Goal set, {name(first_name)}: {escape(text)}"


def goal_show(first_name: str, text: str) -> str:
    return f"🎯 {name(first_name)}'s goal: {escape(text)}\nChange it with /goal <i>new goal</i>, or /goal done when you reach it."


NO_GOAL = "You have no goal yet. Set one: /goal <i>run a 10k by June</i>"


def goal_reached(first_name: str, text: str, total: int) -> str:
    tail = "" if total <= 1 else f" That's goal number {total}!"
    return f"🥳 {name(first_name)} reached their goal: {escape(text)}{tail}\nSet the next one with /goal."


NO_GOAL_TO_FINISH = "You have no open goal to mark as done. Set one: /goal <i>text</i>"


def goal_too_long(length: int) -> str:
    return f"That goal is {length} characters long. Keep it under {GOAL_MAX_CHARS}."


def goals_list(rows: Sequence[tuple[str, str, int]]) -> str:
    if not rows:
        return "No goals yet. Set yours: /goal <i>text</i>"
    lines = ["🎯 <b>Goals</b>"]
    lines += [f"• {name(n)} ({days(s)}): {escape(g)}" for n, g, s in rows]
    return "\n".join(lines)


# --- streak view ------------------------------------------------------------------------


def streak_card(
    first_name: str,
    streak: int,
    best: int,
    freezes: int,
    dots: str,
    active: int,
    window: int,
    at_risk: bool,
    on_break_until: str | None,
) -> str:
    lines = [f"🔥 <b>{name(first_name)}</b>: {days(streak)} · best {days(best)}"]
    if freezes:
        lines.append(f"🧊 freezes: {freezes}")
    lines.append(f"Last 7 days: {dots}")
    lines.append(f"Last {window} days: {active}/{window}")
    if on_break_until:
        lines.append(f"☕ on a break until {on_break_until}")
    elif at_risk:
        lines.append("⏳ Not checked in today yet: /done")
    return "\n".join(lines)


DOT_DONE = "🟩"
DOT_FAIL = "🟨"
DOT_REST = "💤"
DOT_MISSED = "⬜"
DOT_TODAY_OPEN = "▫️"

# --- breaks -----------------------------------------------------------------------------


def break_started(first_name: str, days_off: int, until: str, reason: str) -> str:
    why = f" ({escape(reason)})" if reason else ""
    return (
        f"☕ {name(first_name)} is taking a break for {days(days_off)}{why}, back by {until}. "
        "Their streak waits for them."
    )


def break_usage(max_days: int) -> str:
    return f"Use /break <i>N</i>d <i>reason</i>, with N from 1 to {max_days}, e.g. /break 3d travelling"


# --- time zones -------------------------------------------------------------------------


def timezone_show(zone: str, local_time: str, own: bool) -> str:
    whose = "Your time zone" if own else "You use the group's time zone"
    return f"🕰 {whose}: {escape(zone)} (now {local_time}).\nChange it: /timezone <i>Area/City</i>"


def timezone_set(zone: str, local_time: str) -> str:
    return f"🕰 Your time zone is now {escape(zone)} (now {local_time})."


def timezone_unknown(text: str, suggestions: Sequence[str]) -> str:
    head = f"I don't know the time zone “{escape(text[:60])}”."
    if suggestions:
        return head + " Did you mean " + " or ".join(escape(s) for s in suggestions) + "?"
    return head + " Use Area/City, e.g. /timezone Europe/Berlin"


def no_checkins_yet(first_name: str, is_bot: bool) -> str:
    if is_bot:
        return "Bots don't keep streaks. Reply to a member's message with /streak."
    return f"{name(first_name)} has no check-ins in this group yet. /done starts a streak."
