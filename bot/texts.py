"""Every sentence the bot says, in one place, in the language of the moment.

Replies are short: members read them on phones. Everything a user typed is escaped here,
because every message goes out as HTML.

The words are translated with GNU gettext (``bot.i18n``; how to add a sentence or a language:
docs/translating.md). A sentence is written whole, in English, inside ``_()`` (or
``ngettext()`` when it holds a number), with named ``{placeholders}`` filled in after it is
translated, so that each language can put the words in its own order. A sentence with
nothing to fill in is a constant marked with ``N_()``: read as ``texts.NAME`` it comes in the
current language (this module translates its upper-case text constants on every read; code
here says ``_(NAME)``). Never ``from bot.texts import NAME``: that would keep the English.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from datetime import date, time
from functools import lru_cache
from html import escape
from types import ModuleType
from typing import Any

from babel.dates import format_date, format_time, get_day_names, get_month_names
from babel.lists import format_list
from babel.numbers import format_decimal, format_percent

from bot import i18n
from bot.domain.board import TOP_ROWS
from bot.i18n import N_, ngettext, pgettext
from bot.i18n import gettext as _
from bot.render.words import Words

GOAL_MAX_CHARS = 200
# What a member writes after /done or /fail is kept, up to this long.
NOTE_MAX_CHARS = 1000


def name(first_name: str) -> str:
    return escape(first_name or _("Someone"))


def mention(first_name: str, user_id: int) -> str:
    return f'<a href="tg://user?id={user_id}">{name(first_name)}</a>'


def number(n: int) -> str:
    """A whole number as the language writes it: 1,000 · 1.000 · 1 000."""
    if -1000 < n < 1000:
        return str(n)  # no group of digits to mark, in any language (and Babel is slow)
    return _grouped(n, i18n.current())


@lru_cache(maxsize=1024)
def _grouped(n: int, language: str) -> str:
    return format_decimal(n, locale=i18n.locale_of(language))


def days(n: int) -> str:
    """A number of days on its own ("Streak: 5 days"); in a sentence, the sentence has its
    own plural forms, as the words around the number may change with it."""
    return ngettext("{n} day", "{n} days", n).format(n=number(n))


def percent(share: int) -> str:
    """A share in percent as the language writes it: 50% · 50 %."""
    return format_percent(share / 100, locale=i18n.locale())


def clock(moment: time | None) -> str:
    """A time of day as the language writes it with 24 hours (09:00, 9:00), or "off"."""
    if moment is None:
        return on_off(False)
    return format_time(moment, _skeleton("Hm"), locale=i18n.locale())


def short_date(day: date) -> str:
    """A date with its weekday, without the year: "Mon, Mar 9", "Mo., 9. März"."""
    return format_date(day, _skeleton("MMMEd"), locale=i18n.locale())


def weekdays(chosen: frozenset[int]) -> str:
    """Weekdays (0 = Monday) by their short names, as a list: "Sat and Sun"; or "none"."""
    if not chosen:
        return pgettext("rest days", "none")
    names = get_day_names("abbreviated", locale=i18n.locale())
    return format_list([names[d] for d in sorted(chosen)], locale=i18n.locale())


def on_off(on: bool) -> str:
    return pgettext("setting value", "on") if on else pgettext("setting value", "off")


def _one_stop(sentence: str, value: str) -> str:
    """The sentence without a second full stop after a value that ends with one: "Sun." or
    "12 de mar." at the end of a sentence ("dom.." would look like a typo)."""
    if value.endswith("."):
        return sentence.replace(value + ".", value)
    return sentence


def _skeleton(skeleton: str) -> str:
    """The language's own pattern for what ``skeleton`` names (CLDR: "MMMEd", "Hm")."""
    pattern: str = i18n.locale().datetime_skeletons[skeleton].pattern
    return pattern


# --- help -------------------------------------------------------------------------------

_GROUP_HELP_HEAD = N_("👋 <b>Habitloop</b> keeps this group showing up, one day at a time.")
# One line a command: a new command is a new line (and a new message to translate).
_GROUP_HELP_LINES = (
    N_("/done <i>what you did</i>: check in for today"),
    N_("/done yesterday: forgot? until 03:00"),
    N_("/fail <i>what happened</i>: share a miss, get encouragement"),
    N_("/undo: take back today's last check-in"),
    N_("/goal <i>text</i>: set your goal · /goal done when reached"),
    N_("/goals: everyone's goals"),
    N_("/streak: your streak (reply to someone for theirs)"),
    N_("/top: leaderboard and group streak"),
    N_("/stats: a picture of your year · /stats group: the group's"),
    N_("/cheer: reply to someone's message to cheer them on"),
    N_("/break 3d <i>reason</i>: take a break without losing your streak"),
    N_("/timezone <i>Area/City</i>: your own time zone"),
    N_("/remind on|off|21:30: a nudge when your streak is at risk"),
    N_("/export: your history as a file · /forgetme: delete your data here"),
    N_("/settings: cue time and more (admins)"),
)

GROUP_HELP: str  # made on each read, in the current language: _group_help


def _group_help() -> str:
    return _(_GROUP_HELP_HEAD) + "\n\n" + "\n".join(_(line) for line in _GROUP_HELP_LINES)


PRIVATE_HELP = N_(
    "👋 <b>Habitloop</b> turns a group chat into an accountability group.\n\n"
    "1. Add me to your group (group info → Add members).\n"
    "2. Everyone checks in there with /done <i>what you did</i>.\n"
    "3. I post a daily cue, keep streaks, and cheer milestones.\n\n"
    "Since you started me here, I can also send you reminders in this chat when a streak is "
    "at risk. "
    "Here you can use /remind (on, off, or your hour, e.g. /remind 21:30), "
    "/timezone <i>Area/City</i> and /export (your history in all your groups)."
)

PRIVATE_ONLY_IN_GROUPS = N_("That works in a group. Add me to your group and use it there. /help")

ANONYMOUS_CANNOT = N_(
    "You're posting anonymously as the group, so I can't tell who you are. "
    "Post as yourself to keep a streak."
)

SOMETHING_WENT_WRONG = N_(
    "Sorry, something went wrong on my side and nothing was saved. Please try again."
)
COULD_NOT_SAVE = N_("I couldn't save that just now. Please send it again in a minute.")
SLOW_DOWN = N_(
    "Slow down a little, please: I'll take commands from you again in a couple of minutes."
)


def slow_down(first_name: str) -> str:
    return _(
        "🐢 Slow down a little, {name}: I'll take your commands again in a couple of minutes."
    ).format(name=name(first_name))


# What the "/" menus say of each command (Telegram shows them beside the command's name).
_COMMAND_DESCRIPTIONS = {
    "start": N_("what this bot does"),
    "help": N_("how this works"),
    "done": N_("check in for today"),
    "fail": N_("share a miss and get encouragement"),
    "undo": N_("take back today's last check-in"),
    "goal": N_("set or show your goal"),
    "goals": N_("everyone's goals"),
    "streak": N_("your streak (reply: theirs)"),
    "top": N_("leaderboard and group streak"),
    "stats": N_("a picture of your year"),
    "cheer": N_("reply to cheer someone on"),
    "break": N_("take a break: /break 3d reason"),
    "timezone": N_("show or set your time zone"),
    "remind": N_("a nudge when your streak is at risk"),
    "export": N_("your history as a CSV file"),
    "forgetme": N_("delete your data in this group"),
    "settings": N_("group settings (admins)"),
}


def command_description(command: str) -> str:
    """What the "/" menu says of ``command`` (its name if it has no description yet)."""
    return _(_COMMAND_DESCRIPTIONS.get(command, command))


# --- check-ins --------------------------------------------------------------------------


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


LATE_TOO_LATE = N_(
    "It's past 03:00, too late to check in for yesterday. Check in for today with /done."
)
LATE_ALREADY = N_("Yesterday already has a check-in. Check in for today with /done.")


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


def freezes_saved(count: int, streak: int) -> str:
    # TRANSLATORS: {count} freezes (1 or more) covered missed days; {streak} is the streak kept.
    return ngettext(
        "🧊 a freeze saved your {streak}-day streak.",
        "🧊 {count} freezes saved your {streak}-day streak.",
        count,
    ).format(count=number(count), streak=number(streak))


def streak_lost(previous: int) -> str:
    return ngettext(
        "Your {count}-day streak ended, and a new one starts today. 💪",
        "Your {count}-day streak ended, and a new one starts today. 💪",
        previous,
    ).format(count=number(previous))


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


UNDO_NOTHING = N_("You have no check-in today to undo.")

# --- goals ------------------------------------------------------------------------------


def goal_set(first_name: str, text: str) -> str:
    return _("🎯 Goal set, {name}: {goal}").format(name=name(first_name), goal=escape(text))


def goal_show(first_name: str, text: str) -> str:
    return _(
        "🎯 {name}'s goal: {goal}\n"
        "Change it with /goal <i>new goal</i>, or /goal done when you reach it."
    ).format(name=name(first_name), goal=escape(text))


NO_GOAL = N_("You have no goal yet. Set one: /goal <i>run a 10k by June</i>")


def goal_reached(first_name: str, text: str, total: int) -> str:
    if total <= 1:
        sentence = _("🥳 {name} reached their goal: {goal}\nSet the next one with /goal.")
    else:
        sentence = _(
            "🥳 {name} reached their goal: {goal} That's goal number {total}!\n"
            "Set the next one with /goal."
        )
    return sentence.format(name=name(first_name), goal=escape(text), total=number(total))


NO_GOAL_TO_FINISH = N_("You have no open goal to mark as done. Set one: /goal <i>text</i>")


def goal_too_long(length: int) -> str:
    return ngettext(
        "That goal is {count} characters long. Keep it under {max}.",
        "That goal is {count} characters long. Keep it under {max}.",
        length,
    ).format(count=number(length), max=number(GOAL_MAX_CHARS))


def goals_list(rows: Sequence[tuple[str, str, int]]) -> str:
    if not rows:
        return _("No goals yet. Set yours: /goal <i>text</i>")
    lines = [f"• {name(n)} ({days(s)}): {escape(g)}" for n, g, s in rows]
    return "\n".join([_("🎯 <b>Goals</b>"), *lines])


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
    lines = [
        _("🔥 <b>{name}</b>: {days} · best {best}").format(
            name=name(first_name), days=days(streak), best=days(best)
        )
    ]
    if freezes:
        lines.append(_("🧊 freezes: {count}").format(count=number(freezes)))
    lines.append(_("Last 7 days: {dots}").format(dots=dots))
    lines.append(
        ngettext(
            "Last {window} days: {active}/{window}", "Last {window} days: {active}/{window}", window
        ).format(window=number(window), active=number(active))
    )
    if on_break_until:
        lines.append(_("☕ on a break until {date}").format(date=on_break_until))
    elif at_risk:
        lines.append(_("⏳ Not checked in today yet: /done"))
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
    if reason:
        # TRANSLATORS: {until} is a date, e.g. "Mon, Mar 9"; {reason} is what the member wrote.
        text = ngettext(
            "☕ {name} is taking a break for {count} day ({reason}), back by {until}. "
            "Their streak waits for them.",
            "☕ {name} is taking a break for {count} days ({reason}), back by {until}. "
            "Their streak waits for them.",
            days_off,
        )
    else:
        # TRANSLATORS: {until} is a date, e.g. "Mon, Mar 9".
        text = ngettext(
            "☕ {name} is taking a break for {count} day, back by {until}. "
            "Their streak waits for them.",
            "☕ {name} is taking a break for {count} days, back by {until}. "
            "Their streak waits for them.",
            days_off,
        )
    said = text.format(
        name=name(first_name), count=number(days_off), reason=escape(reason), until=until
    )
    return _one_stop(said, until)


def break_usage(max_days: int) -> str:
    # TRANSLATORS: "3d" is typed as it is (d for days); translate the example reason.
    return _(
        "Use /break <i>N</i>d <i>reason</i>, with N from 1 to {max}, e.g. /break 3d travelling"
    ).format(max=number(max_days))


# --- time zones -------------------------------------------------------------------------


def timezone_show(zone: str, local_time: str, own: bool) -> str:
    if own:
        text = _("🕰 Your time zone: {zone} (now {time}).\nChange it: /timezone <i>Area/City</i>")
    else:
        text = _(
            "🕰 You use the group's time zone: {zone} (now {time}).\n"
            "Change it: /timezone <i>Area/City</i>"
        )
    return text.format(zone=escape(zone), time=local_time)


def timezone_set(zone: str, local_time: str) -> str:
    return _("🕰 Your time zone is now {zone} (now {time}).").format(
        zone=escape(zone), time=local_time
    )


def timezone_unknown(text: str, suggestions: Sequence[str]) -> str:
    typed = escape(text[:60])
    if suggestions:
        options = format_list([escape(s) for s in suggestions], style="or", locale=i18n.locale())
        return _("I don't know the time zone “{text}”. Did you mean {options}?").format(
            text=typed, options=options
        )
    return _(
        "I don't know the time zone “{text}”. Use Area/City, e.g. /timezone Europe/Berlin"
    ).format(text=typed)


def no_checkins_yet(first_name: str, is_bot: bool) -> str:
    if is_bot:
        return _("Bots don't keep streaks. Reply to a member's message with /streak.")
    return _("{name} has no check-ins in this group yet. /done starts a streak.").format(
        name=name(first_name)
    )


# --- settings ---------------------------------------------------------------------------

NOT_ADMIN = N_("Only the group's admins can change settings. /settings alone shows them.")

_SETTINGS_USAGE_HEAD = N_("Change one with /settings <i>name value</i>:")
# One entry a setting, as typed (names and values stay English); the words in brackets are
# translated.
_SETTINGS_USAGE = (
    "cue 08:30",
    N_("recap 21:00 (or off)"),
    "timezone Europe/Berlin",
    N_("rest sat,sun (or none)"),
    N_("freezes 7 2 (or off)"),
    "break 14",
    "fail on|off",
    "share 50%",
    "mentions on|off",
    "topic here|off",
    "language de",
    "board top|all|off",
    N_("weekly sun 18:00 (or off)"),
)

SETTINGS_USAGE: str  # made on each read, in the current language: _settings_usage


def _settings_usage() -> str:
    return _(_SETTINGS_USAGE_HEAD) + "\n" + " · ".join(_(entry) for entry in _SETTINGS_USAGE)


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
    *,
    board: str,
    weekly: str,
    language: str | None = None,
) -> str:
    """The group's settings; ``board`` is how much /top shows (``top``, ``all``, ``off``),
    ``weekly`` the weekly picture's day and time (or "off"), ``language`` the group's (the
    current one if not given)."""
    if share == 0:
        bar = _("Group streak needs: at least one member")
    else:
        bar = _("Group streak needs: {share} of active members").format(share=percent(share))
    return "\n".join(
        [
            _("⚙️ <b>Settings</b>"),
            _("Daily cue: {time}").format(time=cue),
            _("Evening recap: {time}").format(time=recap),
            _("Time zone: {zone}").format(zone=escape(zone)),
            _("Rest days: {days}").format(days=rest),
            _("Freezes: {rule}").format(rule=freezes),
            _("Longest break: {days}").format(days=days(max_break)),
            _("/fail counts as showing up: {value}").format(value=on_off(fail_counts)),
            bar,
            _("At-risk mentions: {value}").format(value=on_off(mentions)),
            _("Posts go to: this topic") if topic else _("Posts go to: the general chat"),
            _("Language: {language}").format(language=language_name(language)),
            _("Leaderboard shows: {mode}").format(mode=board_mode(board)),
            _("Weekly picture: {value}").format(value=weekly),
            "",
            _settings_usage(),
        ]
    )


def language_name(language: str | None = None) -> str:
    """A language (the current one if None) by its own name, with the code to type for it."""
    chosen = language or i18n.current()
    return f"{i18n.name_of(chosen)} ({i18n.code(chosen)})"


def freezes_rule(every: int, hold: int) -> str:
    if every == 0 or hold == 0:
        return on_off(False)
    return ngettext(
        "one per {count} day counted, hold up to {hold}",
        "one per {count} days counted, hold up to {hold}",
        every,
    ).format(count=number(every), hold=number(hold))


# What each setting is called when it changes: "✅ The daily cue is now 08:30."
SETTING_CUE = N_("The daily cue")
SETTING_RECAP = N_("The evening recap")
SETTING_TIMEZONE = N_("The group's time zone")
SETTING_REST = N_("Rest days")
SETTING_FREEZES = N_("Freezes")
SETTING_BREAK = N_("The longest break")
SETTING_FAIL = N_("/fail counts as showing up")
SETTING_SHARE = N_("The group streak's bar")
SETTING_MENTIONS = N_("At-risk mentions")
SETTING_LANGUAGE = N_("The language")
SETTING_BOARD = N_("The leaderboard")
SETTING_WEEKLY = N_("The weekly picture")


def setting_changed(what: str, value: str) -> str:
    value = escape(value)
    # TRANSLATORS: {setting} is one of "The daily cue", "Rest days", ... (translated); say it
    # so that any of them fits, e.g. "✅ {setting}: now {value}."
    said = _("✅ {setting} is now {value}.").format(setting=what, value=value)
    return _one_stop(said, value)


VALUE_MISSING = N_("The value is missing.")


def _bad_value(value: str, problem: str, form: str) -> str:
    """What was wrong with a setting's value (or that there was none), then the right form."""
    said = problem.format(value=escape(value[:40])) if value.strip() else _(VALUE_MISSING)
    return f"{said} {form}"


def bad_time(value: str, example: str) -> str:
    """``example``: the command with a time, e.g. "/settings cue 08:30"."""
    return _bad_value(
        value,
        _("“{value}” is not a time."),
        _("Use HH:MM, e.g. {example} (or off)").format(example=example),
    )


def bad_weekdays(value: str) -> str:
    return _bad_value(
        value,
        _("“{value}” is not a list of weekdays."),
        _("Use /settings rest sat,sun (or none)"),
    )


def bad_freezes(value: str) -> str:
    return _bad_value(
        value,
        _("“{value}” is not two numbers."),
        _("Use /settings freezes 7 2 (one freeze per 7 counted days, hold up to 2), or off"),
    )


def bad_break_limit(value: str) -> str:
    return _bad_value(
        value,
        _("“{value}” is not a number of days from 1 to 365."),
        _("Use /settings break 14"),
    )


def bad_switch(value: str, example: str) -> str:
    """``example``: the command switched on, e.g. "/settings fail on"."""
    return _bad_value(
        value, _("“{value}” is not on or off."), _("Use {example}").format(example=example)
    )


def bad_share(value: str) -> str:
    return _bad_value(
        value,
        _("“{value}” is not a share from 0% to 100%."),
        _("Use /settings share 50% (0% = one member is enough)"),
    )


def bad_topic(value: str) -> str:
    return _bad_value(value, _("“{value}” is not here or off."), _("Use /settings topic here"))


def bad_language(value: str) -> str:
    choices = ", ".join(f"{i18n.code(lang)} ({i18n.name_of(lang)})" for lang in i18n.LANGUAGES)
    return _bad_value(
        value,
        _("“{value}” is not a language I speak."),
        _("Use one of: {languages}, e.g. /settings language de").format(languages=choices),
    )


def unknown_setting(name_: str) -> str:
    return _("There is no setting “{name}”.").format(name=escape(name_[:40])) + (
        "\n" + _settings_usage()
    )


TOPIC_HERE = N_("✅ From now on I post in this topic.")
TOPIC_GENERAL = N_("✅ From now on I post in the general chat.")
TOPIC_NOT_FORUM = N_("This group has no topics. My posts go to the chat.")
TOPIC_NOT_IN_TOPIC = N_("Send /settings topic here from inside the topic you want me to post in.")


# --- what the bot posts by itself -------------------------------------------------------

WELCOME = N_(
    "👋 Hi! I'm <b>Habitloop</b>. I help this group show up every day.\n\n"
    "Check in with /done <i>what you did</i> (or tap ✅ on my daily cue), "
    "and I keep everyone's streak and cheer the milestones.\n"
    "Admins: I post the cue at 09:00 and a recap at 21:00. Change it with /settings. /help"
)

CUE_BUTTON = N_("✅ I did it")


def cue(
    showed_up: int,
    active: int,
    group_streak: int,
    saved: list[tuple[str, int, int]],
) -> str:
    lines = [_("☀️ <b>Good morning!</b> Time for today's check-in.")]
    if active:
        lines.append(
            ngettext(
                "Yesterday {count} of {active} showed up.",
                "Yesterday {count} of {active} showed up.",
                showed_up,
            ).format(count=number(showed_up), active=number(active))
        )
    if group_streak >= 2:
        lines.append(_("🔥 Group streak: {days}.").format(days=days(group_streak)))
    for first_name, count, streak in saved[:LISTED_PEOPLE]:
        lines.append(
            ngettext(
                "🧊 a freeze saved {name}'s {streak}-day streak.",
                "🧊 {count} freezes saved {name}'s {streak}-day streak.",
                count,
            ).format(name=name(first_name), count=number(count), streak=number(streak))
        )
    if len(saved) > LISTED_PEOPLE:
        rest = len(saved) - LISTED_PEOPLE
        lines.append(
            ngettext(
                "🧊 …and {count} more streak saved by freezes.",
                "🧊 …and {count} more streaks saved by freezes.",
                rest,
            ).format(count=number(rest))
        )
    lines.append(_("Tap ✅ below or send /done <i>what you did</i>."))
    return "\n".join(lines)


# A post lists at most this many people by name (a phone screen or so); the rest are counted.
LISTED_PEOPLE = 30


def _listed(items: Sequence[str]) -> str:
    """Names joined by commas, the ones past ``LISTED_PEOPLE`` counted instead."""
    shown = ", ".join(items[:LISTED_PEOPLE])
    rest = len(items) - LISTED_PEOPLE
    if rest <= 0:
        return shown
    # TRANSLATORS: {names} is a list of names, {count} how many more there are.
    return ngettext("{names} and {count} more", "{names} and {count} more", rest).format(
        names=shown, count=number(rest)
    )


def recap(
    showed_up: list[tuple[str, int]],
    cheers: list[str],
    at_risk: list[str],
) -> str:
    """Who showed up today, the day's cheers (milestones, bests) and the mentions of those
    whose streak is at risk; at most ``LISTED_PEOPLE`` of each, the others counted."""
    if showed_up:
        people = _listed([f"{name(n)} ({number(s)})" for n, s in showed_up])
        lines = [
            ngettext(
                "🌙 <b>Today</b> {count} showed up: {people}",
                "🌙 <b>Today</b> {count} showed up: {people}",
                len(showed_up),
            ).format(count=number(len(showed_up)), people=people)
        ]
    else:
        lines = [_("🌙 <b>Today</b> nobody has checked in yet. There's still time!")]
    lines += cheers[:LISTED_PEOPLE]
    if len(cheers) > LISTED_PEOPLE:
        rest = len(cheers) - LISTED_PEOPLE
        lines.append(
            ngettext(
                "🎉 …and {count} more milestone or best today!",
                "🎉 …and {count} more milestones and bests today!",
                rest,
            ).format(count=number(rest))
        )
    if at_risk:
        lines.append(
            _("⏳ Still time today: {people}. /done keeps your streak!").format(
                people=_listed(at_risk)
            )
        )
    return "\n".join(lines)


def pressed_checked_in(streak: int) -> str:
    return _("✅ Checked in! Streak: {days}.").format(days=days(streak))


def pressed_already(streak: int) -> str:
    return _("Already checked in today ✅ Streak: {days}.").format(days=days(streak))


PRESSED_ANONYMOUS = N_("I can't check you in from here. Send /done in the group.")
PRESSED_NOT_MEMBER = N_("Join the group to check in with it.")
BUTTON_GONE = N_("This button no longer works. Send /done in the group.")


# --- reminders --------------------------------------------------------------------------


def remind_state(on: bool) -> str:
    if on:
        return _(
            "🔔 I'll mention you in the evening recap when your streak is at risk. "
            "/remind off stops it."
        )
    return _("🔕 No more at-risk mentions for you. /remind on brings them back.")


def unknown_command(command: str) -> str:
    return _("I don't know {command}. /help shows what I can do.").format(
        command=escape(command[:40])
    )


# --- leaderboard ------------------------------------------------------------------------


def leaderboard(
    group_streak: int, current: list[tuple[str, int]], best: list[tuple[str, int]]
) -> str:
    lines = [
        _("🏆 <b>Leaderboard</b>"),
        _("🔥 Group streak: {days}").format(days=days(group_streak)),
    ]
    if current:
        lines.append("\n" + _("<b>Current streaks</b>"))
        lines += [f"{i}. {name(n)}: {days(s)}" for i, (n, s) in enumerate(current, 1)]
    else:
        lines.append("\n" + _("No streak running right now. /done starts one!"))
    if best:
        lines.append("\n" + _("<b>Best streaks</b>"))
        lines += [f"{i}. {name(n)}: {days(s)}" for i, (n, s) in enumerate(best, 1)]
    return "\n".join(lines)


# --- the pictures -----------------------------------------------------------------------


def picture_words() -> Words:
    """Every word of the pictures (bot.render), in the current language."""
    locale = i18n.locale()
    months = get_month_names("abbreviated", context="stand-alone", locale=locale)
    in_dates = get_month_names("abbreviated", context="format", locale=locale)
    weekday_names = get_day_names("abbreviated", context="stand-alone", locale=locale)
    return Words(
        months=tuple(months[m] for m in range(1, 13)),
        date_months=tuple(in_dates[m] for m in range(1, 13)),
        weekdays=tuple(weekday_names[d] for d in range(7)),
        # TRANSLATORS: a date on a picture: {day} a number, {month} a short month name.
        date_format=pgettext("picture", "{day} {month} {year}"),
        # TRANSLATORS: a date on a picture without its year.
        short_date_format=pgettext("picture", "{day} {month}"),
        period=pgettext("picture", "{first} – {last}"),
        percent=percent(0).replace("0", "{value}", 1),
        current_streak=pgettext("picture", "current streak"),
        best_streak=pgettext("picture", "best streak"),
        consistency=pgettext("picture", "last 30 days"),
        best_month=pgettext("picture", "best month"),
        cheers=pgettext("picture", "cheers"),
        checked_in=pgettext("picture", "checked in"),
        fail_counted=pgettext("picture", "honest miss"),
        fail_uncounted=pgettext("picture", "miss, not counted"),
        rest=pgettext("picture", "rest day"),
        on_break=pgettext("picture", "break"),
        frozen=pgettext("picture", "freeze used"),
        missed=pgettext("picture", "missed"),
        open_today=pgettext("picture", "today"),
        group_streak=pgettext("picture", "group streak"),
        best_day=pgettext("picture", "best day"),
        average_share=pgettext("picture", "showed up, on average"),
        active_members=pgettext("picture", "active members"),
        check_ins=pgettext("picture", "check-ins"),
        share_none=pgettext("picture", "none"),
        share_all=pgettext("picture", "everyone"),
        best_weeks=pgettext("picture", "Beat their best week"),
        no_best_weeks=pgettext(
            "picture", "No new best week this time. Next week is a fresh start!"
        ),
        more="+{count}",
        nameless="?",
    )


# === Encouragement and insight =========================================================
# /stats, /cheer, comebacks, private reminders, /export and /forgetme, the board's privacy
# and the weekly picture, one section per feature. Button answers (toasts) are plain text:
# Telegram shows them as they are, so names in them are not escaped.

# --- /stats -----------------------------------------------------------------------------

STATS_USAGE = N_(
    "Use /stats for a picture of your year, or /stats group for the group's. "
    "Reply to someone's message with /stats for theirs."
)


def stats_caption(
    first_name: str, streak: int, best: int, active: int, window: int, cheers: int
) -> str:
    """The caption of a member's year: their streak, best and consistency (and cheers)."""
    # TRANSLATORS: {days} and {best} are numbers of days ("5 days"); "last 30 days: 24/30"
    # counts the days with a check-in among the last {window}.
    text = ngettext(
        "📊 <b>{name}</b>: {days} now, best {best} · last {window} day: {active}/{window}",
        "📊 <b>{name}</b>: {days} now, best {best} · last {window} days: {active}/{window}",
        window,
    ).format(
        name=name(first_name),
        days=days(streak),
        best=days(best),
        window=number(window),
        active=number(active),
    )
    return text + (f" · 👏 {number(cheers)}" if cheers else "")


def group_stats_caption(title: str, group_streak: int, active: int) -> str:
    # TRANSLATORS: {title} is the group's name, {days} a number of days ("5 days"); {count}
    # members checked in during the last 14 days.
    return ngettext(
        "📊 <b>{title}</b>: group streak {days} · {count} active",
        "📊 <b>{title}</b>: group streak {days} · {count} active",
        active,
    ).format(title=escape(title) or _("This group"), days=days(group_streak), count=number(active))


# --- /cheer -----------------------------------------------------------------------------

CHEER_USAGE = N_("Reply to someone's message with /cheer to cheer them on. 👏")
CHEER_SELF = N_(
    "You can't cheer yourself on, but you can cheer others: reply to their message with /cheer."
)
CHEER_BOT = N_("Bots don't need cheers. Reply to a member's message with /cheer.")
CHEER_ANONYMOUS = N_("That message was sent as the group, so I can't tell whom to cheer.")
CHEER_ALREADY = N_("You already cheered that message. 💙")


def cheering_on(giver: str, cheered: str) -> str:
    """After a /fail: one of the first cheers on it, told to the group."""
    # TRANSLATORS: {giver} replied /cheer to the /fail of {name}.
    return _("💙 {giver} is cheering {name} on").format(giver=name(giver), name=name(cheered))


def cheers_received(count: int) -> str:
    return ngettext("👏 Cheers received: {count}", "👏 Cheers received: {count}", count).format(
        count=number(count)
    )


# --- comebacks --------------------------------------------------------------------------


def comeback(first_name: str) -> str:
    # TRANSLATORS: "Never miss twice" is the habit rule: one missed day is fine, two in a row not.
    return _("↩️ Comeback! {name} is back after a missed day. Never miss twice 💪").format(
        name=name(first_name)
    )


def comebacks_today(first_names: Sequence[str]) -> list[str]:
    """The recap's line of the day's comebacks (none when nobody came back)."""
    if not first_names:
        return []
    # TRANSLATORS: {names} is a list of names.
    said = _("↩️ Back after a missed day: {names} 💪")
    return [said.format(names=_listed([name(n) for n in first_names]))]


def never_miss_twice(current: int, best: int) -> str:
    # TRANSLATORS: /streak: the run of days without two misses in a row, now and its record;
    # {days} and {best} are numbers of days ("5 days").
    return _("🔁 Never missed twice in a row: {days} · record {best}").format(
        days=days(current), best=days(best)
    )


# --- private reminders ------------------------------------------------------------------


def reminder(groups: Sequence[tuple[str, int]]) -> str:
    """The private reminder: each group (title, streak) where the streak is at risk."""
    lines = [
        ngettext(
            "⏳ <b>Your streak ends at midnight</b> without a check-in:",
            "⏳ <b>Your streaks end at midnight</b> without a check-in:",
            # One or several, not how many: the heading shows no number, and a language's
            # rule for the number (Russian: 21 takes the form of 1) would say "streak" of 21.
            1 if len(groups) == 1 else 2,
        )
    ]
    unnamed = _("your group")  # a group whose title is empty
    lines += [f"• {escape(title) or unnamed}: {days(streak)}" for title, streak in groups]
    lines.append(_("Tap ✅ to check in there, or send /done in the group."))
    return "\n".join(lines)


def reminder_button(title: str) -> str:
    # About what a phone shows on a button, even for a title of emoji (two UTF-16 units each).
    short = title if len(title) <= 30 else title[:29].rstrip() + "…"
    return "✅ " + (short or pgettext("button", "Check in"))


REMIND_USAGE_HOUR = N_(
    "Use /remind on, /remind off, or /remind 21:30 to choose the hour of your reminder."
)
REMINDER_GROUP_GONE = N_("I'm not in that group any more, so I can't check you in there.")


def remind_private(on: bool, hour: time, zone: str) -> str:
    """In a group, for someone who started me in a private chat."""
    if on:
        # TRANSLATORS: {time} is the hour of the reminder (21:30), {zone} a time zone's name.
        text = _(
            "🔔 Reminders on for this group: when your streak is at risk, I'll message you "
            "privately at {time} ({zone}).\n/remind off stops them, /remind 21:30 changes the hour."
        )
        return text.format(time=clock(hour), zone=escape(zone))
    return _("🔕 No reminders about this group. /remind on brings them back.")


def remind_start_privately(link: str) -> str:
    return _(
        'For a private message at your own hour instead, <a href="{link}">start me</a>.'
    ).format(link=escape(link))


NO_GROUP_YET = N_("You're in no group with me yet.")


def remind_overview(groups_on: int, groups: int, hour: time, zone: str) -> str:
    """In the private chat."""
    if groups == 0:
        where = _(NO_GROUP_YET)
    else:
        # TRANSLATORS: reminders are on in {on} of the person's {count} groups.
        where = ngettext(
            "On for {on} of your {count} group.", "On for {on} of your {count} groups.", groups
        ).format(on=number(groups_on), count=number(groups))
    # TRANSLATORS: {time} is the hour of the reminder (21:30), {zone} a time zone's name;
    # {where} says in how many of the person's groups it is on.
    return _(
        "🔔 When a streak of yours is at risk, I message you here at {time} ({zone}). "
        "{where}\n/remind on or off for all your groups, /remind 21:30 for another hour."
    ).format(time=clock(hour), zone=escape(zone), where=where)


def remind_hour_set(hour: time, zone: str) -> str:
    # TRANSLATORS: {time} is the hour of the reminder (21:30), {zone} a time zone's name.
    return _("🔔 Your reminder comes at {time} ({zone}) on days your streak is at risk.").format(
        time=clock(hour), zone=escape(zone)
    )


def remind_all(on: bool, groups: int) -> str:
    if on:
        text = ngettext(
            "🔔 Reminders on for all your groups ({count} group).",
            "🔔 Reminders on for all your groups ({count} groups).",
            groups,
        )
    else:
        text = ngettext(
            "🔕 Reminders off for all your groups ({count} group). /remind on brings them back.",
            "🔕 Reminders off for all your groups ({count} groups). /remind on brings them back.",
            groups,
        )
    return text.format(count=number(groups))


# --- your own time zone in the private chat ---------------------------------------------


def timezone_private_unset(zone: str, local_time: str) -> str:
    # TRANSLATORS: {zone} is a time zone's name, {time} the time of day there now.
    return _(
        "🕰 You haven't chosen a time zone; your reminders use {zone} (now {time}).\n"
        "Choose one: /timezone <i>Area/City</i>"
    ).format(zone=escape(zone), time=local_time)


def timezone_everywhere(groups: int) -> str:
    """After a time zone set in the private chat: what follows it."""
    if groups == 0:
        return _("Your reminders use it.")
    return ngettext(
        "Your check-ins in your {count} group and your reminders use it.",
        "Your check-ins in your {count} groups and your reminders use it.",
        groups,
    ).format(count=number(groups))


# --- /export ----------------------------------------------------------------------------

EXPORT_NOTHING = N_("You have nothing to export here yet. /done starts your history.")
EXPORT_NOTHING_ANYWHERE = N_(
    "You have nothing to export yet: check in with /done in a group first."
)


def export_caption(rows: int) -> str:
    # TRANSLATORS: the caption of the file: {count} rows of the member's history.
    return ngettext(
        "📄 Your history: {count} row (CSV, UTF-8).",
        "📄 Your history: {count} rows (CSV, UTF-8).",
        rows,
    ).format(count=number(rows))


# --- /forgetme --------------------------------------------------------------------------


def forget_prompt(first_name: str, minutes: int) -> str:
    return ngettext(
        "⚠️ {name}, this deletes everything I keep about you in this group: check-ins, "
        "streaks, goals, breaks and cheers. It can't be undone.\n"
        "Tap the button within {count} minute to confirm.",
        "⚠️ {name}, this deletes everything I keep about you in this group: check-ins, "
        "streaks, goals, breaks and cheers. It can't be undone.\n"
        "Tap the button within {count} minutes to confirm.",
        minutes,
    ).format(name=name(first_name), count=number(minutes))


FORGET_BUTTON = N_("🗑 Yes, delete my data")
FORGET_EXPIRED = N_("This confirmation has expired. Send /forgetme again.")
FORGET_DONE = N_("Done: everything I kept about you in this group is deleted.")
FORGET_NOTHING = N_("There's nothing of yours left to delete here.")


def forget_not_yours(first_name: str) -> str:
    """A button answer (plain text): someone else pressed the /forgetme confirmation."""
    # TRANSLATORS: {name} is who sent /forgetme, or "the person who asked".
    return _("Only {name} can confirm this.").format(name=first_name or _("the person who asked"))


# --- the board's privacy ----------------------------------------------------------------

TOP_USAGE = N_("Use /top for the leaderboard, /top hide to leave it, /top show to come back.")
BOARD_HIDDEN = N_(
    "🙈 You're off the board. Your check-ins still count for the group streak. "
    "/top show brings you back."
)
BOARD_SHOWN = N_("🏆 You're back on the board.")
BOARD_YOU_ARE_HIDDEN = N_("🙈 You're off the board (/top show to come back).")


def board_own_places(current: tuple[int, int] | None, best: tuple[int, int] | None) -> str:
    """The caller's own places (place, days) when the lists don't reach them."""
    if current is not None and best is not None:
        # TRANSLATORS: the member's place on the board of current streaks (#12, with their
        # streak: "5 days") and on the board of best streaks.
        text = _("You: current #{place} ({days}), best #{best_place} ({best_days})")
    elif current is not None:
        text = _("You: current #{place} ({days})")
    elif best is not None:
        text = _("You: best #{best_place} ({best_days})")
    else:
        return ""
    place, streak = current or (0, 0)
    best_place, best_streak = best or (0, 0)
    return text.format(
        place=number(place),
        days=days(streak),
        best_place=number(best_place),
        best_days=days(best_streak),
    )


def board_off(group_streak: int, current: int, best: int) -> str:
    """/top in a group that shows no leaderboard."""
    return "\n".join(
        [
            _("🔥 Group streak: {days}").format(days=days(group_streak)),
            # TRANSLATORS: the member's own streak and best, e.g. "You: 5 days · best 9 days".
            _("You: {days} · best {best}").format(days=days(current), best=days(best)),
            _("(This group shows no leaderboard.)"),
        ]
    )


# What /settings board shows, by the value typed.
_BOARD_MODES = {
    # TRANSLATORS: {count} is how many rows the board shows at the top (10).
    "top": N_("the top {count} and your own place"),
    "all": N_("everyone"),
    "off": N_("only the group streak and your own line"),
}


def board_mode(mode: str) -> str:
    """How much /top shows (``top``, ``all`` or ``off``), in words."""
    return _(_BOARD_MODES[mode]).format(count=TOP_ROWS)


def bad_board(value: str) -> str:
    return _bad_value(
        value, _("“{value}” is not top, all or off."), _("Use /settings board top (or all, or off)")
    )


# --- the weekly picture -----------------------------------------------------------------


def bad_weekly(value: str) -> str:
    return _bad_value(
        value,
        _("“{value}” is not a weekday and a time."),
        _("Use /settings weekly sun 18:00 (or off)"),
    )


def weekly_caption(check_ins: int, best_weeks: Sequence[tuple[str, int, int]]) -> list[str]:
    """The weekly picture's caption, as lines: the week's check-ins, then each member who
    beat their best week (name, days, previous best)."""
    # TRANSLATORS: the caption of the group's weekly picture, said to the whole group.
    week = ngettext(
        "📅 <b>Your week</b>: {count} check-in", "📅 <b>Your week</b>: {count} check-ins", check_ins
    )
    lines = [week.format(count=number(check_ins))]
    for first_name, week_days, before in best_weeks:
        # TRANSLATORS: {count} days with a check-in this week; {before} the member's best week
        # until now, in days.
        said = ngettext(
            "🏅 {name} beat their best week: {count} day (was {before})",
            "🏅 {name} beat their best week: {count} days (was {before})",
            week_days,
        )
        lines.append(
            said.format(name=name(first_name), count=number(week_days), before=number(before))
        )
    return lines


def weekly_more(count: int) -> str:
    return ngettext(
        "…and {count} more beat their best week.",
        "…and {count} more beat their best week.",
        count,
    ).format(count=number(count))


# --- speaking the current language ------------------------------------------------------

# Texts with no arguments that are put together when read (help, usage).
_MADE_WHEN_READ: dict[str, Callable[[], str]] = {
    "GROUP_HELP": _group_help,
    "SETTINGS_USAGE": _settings_usage,
}


class _SpeaksTheCurrentLanguage(ModuleType):
    """This module, with ``texts.NAME`` of a text constant read in the current language."""

    def __getattribute__(self, attribute: str) -> Any:
        made = _MADE_WHEN_READ.get(attribute)
        if made is not None:
            return made()
        value = super().__getattribute__(attribute)
        if isinstance(value, str) and attribute.isupper():
            return _(value)
        return value


sys.modules[__name__].__class__ = _SpeaksTheCurrentLanguage
