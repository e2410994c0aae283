"""Every sentence the bot says, in one place (ready for translation).

Replies are short: members read them on phones. Everything a user typed is escaped here,
because every message goes out as HTML.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

GOAL_MAX_CHARS = 200
# What a member writes after /done or /fail is kept, up to this long.
NOTE_MAX_CHARS = 1000


def name(first_name: str) -> str:
    return escape(first_name or "Someone")


def mention(first_name: str, user_id: int) -> str:
    return f'<a href="tg://user?id={user_id}">{name(first_name)}</a>'


def days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


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
    "/top: leaderboard and group streak\n"
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

SOMETHING_WENT_WRONG = (
    "Sorry, something went wrong on my side and nothing was saved. Please try again."
)
COULD_NOT_SAVE = "I couldn't save that just now. Please send it again in a minute."
SLOW_DOWN = "Slow down a little, please: I'll take commands from you again in a couple of minutes."


def slow_down(first_name: str) -> str:
    return f"🐢 Slow down a little, {name(first_name)}: I'll take your commands again in a couple of minutes."


# --- check-ins --------------------------------------------------------------------------


def note(text: str) -> str:
    """A check-in's note as it is kept."""
    return text[:NOTE_MAX_CHARS]


def short_confirmation(first_name: str, streak: int, failed: bool) -> str:
    """A check-in in a merged confirmation: "Ann 5"."""
    return f"{name(first_name)} {streak}" + (" 💙" if failed else "")


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
    return head + tail + f"\nEveryone: a word of encouragement for {name(first_name)}?"


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


_DOTS = {
    "checked_in": "🟩",
    "fail_counted": "🟨",
    "rest": "💤",
    "break": "💤",
    "open": "▫️",
    "frozen": "🧊",
}


def dots(kinds: Sequence[str]) -> str:
    """A row of days (bot.domain.member_days.DayKind values) as coloured squares; a missed day,
    a fail that doesn't count and a day before the first are blank."""
    return "".join(_DOTS.get(kind, "⬜") for kind in kinds)


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


# --- settings ---------------------------------------------------------------------------

NOT_ADMIN = "Only the group's admins can change settings. /settings alone shows them."

SETTINGS_USAGE = (
    "Change one with /settings <i>name value</i>:\n"
    "cue 08:30 · recap 21:00 (or off) · timezone Europe/Berlin · rest sat,sun (or none) · "
    "freezes 7 2 (or off) · break 14 · fail on|off · share 50% · mentions on|off · "
    "topic here|off"
)


def settings_card(
    cue: str,
    recap: str,
    zone: str,
    rest: str,
    freezes: str,
    max_break: int,
    fail_counts: bool,
    share: int,
    mentions: bool,
    topic: bool,
) -> str:
    on_off = {True: "on", False: "off"}
    bar = "at least one member" if share == 0 else f"{share}% of active members"
    return "\n".join(
        [
            "⚙️ <b>Settings</b>",
            f"Daily cue: {cue}",
            f"Evening recap: {recap}",
            f"Time zone: {escape(zone)}",
            f"Rest days: {rest}",
            f"Freezes: {freezes}",
            f"Longest break: {days(max_break)}",
            f"/fail counts as showing up: {on_off[fail_counts]}",
            f"Group streak needs: {bar}",
            f"At-risk mentions: {on_off[mentions]}",
            f"Posts go to: {'this topic' if topic else 'the general chat'}",
            "",
            SETTINGS_USAGE,
        ]
    )


def freezes_rule(every: int, hold: int) -> str:
    if every == 0 or hold == 0:
        return "off"
    return f"one per {days(every)} counted, hold up to {hold}"


def setting_changed(what: str, value: str) -> str:
    return f"✅ {what} is now {escape(value)}."


def bad_setting_value(value: str, expected: str, example: str) -> str:
    if not value.strip():
        return f"The value is missing (that is not {expected}). Use {example}"
    return f"“{escape(value[:40])}” is not {expected}. Use {example}"


def unknown_setting(name_: str) -> str:
    return f"There is no setting “{escape(name_[:40])}”.\n{SETTINGS_USAGE}"


TOPIC_HERE = "✅ From now on I post in this topic."
TOPIC_GENERAL = "✅ From now on I post in the general chat."
TOPIC_NOT_FORUM = "This group has no topics. My posts go to the chat."
TOPIC_NOT_IN_TOPIC = "Send /settings topic here from inside the topic you want me to post in."


# --- what the bot posts by itself -------------------------------------------------------

WELCOME = (
    "👋 Hi! I'm <b>Habitloop</b>. I help this group show up every day.\n\n"
    "Check in with /done <i>what you did</i> (or tap ✅ on my daily cue), "
    "and I keep everyone's streak and cheer the milestones.\n"
    "Admins: I post the cue at 09:00 and a recap at 21:00. Change it with /settings. /help"
)

CUE_BUTTON = "✅ I did it"


def cue(
    showed_up: int,
    active: int,
    group_streak: int,
    saved: list[tuple[str, int, int]],
) -> str:
    lines = ["☀️ <b>Good morning!</b> Time for today's check-in."]
    if active:
        lines.append(f"Yesterday {showed_up} of {active} showed up.")
    if group_streak >= 2:
        lines.append(f"🔥 Group streak: {days(group_streak)}.")
    for first_name, count, streak in saved[:LISTED_PEOPLE]:
        frozen = "a freeze" if count == 1 else f"{count} freezes"
        lines.append(f"🧊 {frozen} saved {name(first_name)}'s {streak}-day streak.")
    if len(saved) > LISTED_PEOPLE:
        lines.append(f"🧊 …and {len(saved) - LISTED_PEOPLE} more streaks saved by freezes.")
    lines.append("Tap ✅ below or send /done <i>what you did</i>.")
    return "\n".join(lines)


# A post lists at most this many people by name (a phone screen or so); the rest are counted.
LISTED_PEOPLE = 30


def _listed(items: Sequence[str]) -> str:
    """Names joined by commas, the ones past ``LISTED_PEOPLE`` counted instead."""
    shown = ", ".join(items[:LISTED_PEOPLE])
    rest = len(items) - LISTED_PEOPLE
    return shown if rest <= 0 else f"{shown} and {rest} more"


def recap(
    showed_up: list[tuple[str, int]],
    cheers: list[str],
    at_risk: list[str],
) -> str:
    if showed_up:
        people = _listed([f"{name(n)} ({s})" for n, s in showed_up])
        lines = [f"🌙 <b>Today</b> {len(showed_up)} showed up: {people}"]
    else:
        lines = ["🌙 <b>Today</b> nobody has checked in yet. There's still time!"]
    lines += cheers[:LISTED_PEOPLE]
    if len(cheers) > LISTED_PEOPLE:
        lines.append(f"🎉 …and {len(cheers) - LISTED_PEOPLE} more milestones and bests today!")
    if at_risk:
        lines.append(f"⏳ Still time today: {_listed(at_risk)}. /done keeps your streak!")
    return "\n".join(lines)


def pressed_checked_in(streak: int) -> str:
    return f"✅ Checked in! Streak: {days(streak)}."


def pressed_already(streak: int) -> str:
    return f"Already checked in today ✅ Streak: {days(streak)}."


PRESSED_ANONYMOUS = "I can't check you in from here. Send /done in the group."
PRESSED_NOT_MEMBER = "Join the group to check in with it."
BUTTON_GONE = "This button no longer works. Send /done in the group."


# --- reminders --------------------------------------------------------------------------


def remind_state(on: bool) -> str:
    if on:
        return "🔔 I'll mention you in the evening recap when your streak is at risk. /remind off stops it."
    return "🔕 No more at-risk mentions for you. /remind on brings them back."


REMIND_USAGE = "Use /remind on or /remind off."


def unknown_command(command: str) -> str:
    return f"I don't know {escape(command[:40])}. /help shows what I can do."


# --- leaderboard ------------------------------------------------------------------------


def leaderboard(
    group_streak: int, current: list[tuple[str, int]], best: list[tuple[str, int]]
) -> str:
    lines = ["🏆 <b>Leaderboard</b>", f"🔥 Group streak: {days(group_streak)}"]
    if current:
        lines.append("\n<b>Current streaks</b>")
        lines += [f"{i}. {name(n)}: {days(s)}" for i, (n, s) in enumerate(current, 1)]
    else:
        lines.append("\nNo streak running right now. /done starts one!")
    if best:
        lines.append("\n<b>Best streaks</b>")
        lines += [f"{i}. {name(n)}: {days(s)}" for i, (n, s) in enumerate(best, 1)]
    return "\n".join(lines)
