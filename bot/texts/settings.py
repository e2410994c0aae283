"""/settings: the group's settings card, a setting changed, and what was wrong with a value.

Setting names and the values typed after them (``cue 08:30``, ``on``, ``off``) stay English
in every language; only the words around them are translated.
"""

from __future__ import annotations

from html import escape

from bot import i18n
from bot.i18n import N_, ngettext
from bot.i18n import gettext as _
from bot.texts.board import board_mode
from bot.texts.format import days, number, on_off, one_stop, percent, typed


def not_admin() -> str:
    return _("Only the group's admins can change settings. /settings alone shows them.")


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
    "plans on|off",
    "target 3|daily",
    "week mon|sun|sat",
    "proof on|off",
)


def settings_usage() -> str:
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
    plans: bool = False,
    target: str = "",
    week: str = "",
    proof: bool = False,
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
            _("Plans in the cue: {value}").format(value=on_off(plans)),
            *([_("Members' target: {value}").format(value=target)] if target else []),
            *([_("Weeks start on: {value}").format(value=week)] if week else []),
            _("Check-ins need proof: {value}").format(value=on_off(proof)),
            "",
            settings_usage(),
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


# --- a setting changed: what each is called, for setting_changed ------------------------


def setting_cue() -> str:
    return _("The daily cue")


def setting_recap() -> str:
    return _("The evening recap")


def setting_timezone() -> str:
    return _("The group's time zone")


def setting_rest() -> str:
    return _("Rest days")


def setting_freezes() -> str:
    return _("Freezes")


def setting_break() -> str:
    return _("The longest break")


def setting_fail() -> str:
    return _("/fail counts as showing up")


def setting_share() -> str:
    return _("The group streak's bar")


def setting_mentions() -> str:
    return _("At-risk mentions")


def setting_language() -> str:
    return _("The language")


def setting_board() -> str:
    return _("The leaderboard")


def setting_weekly() -> str:
    return _("The weekly picture")


def setting_plans() -> str:
    return _("Plans in the cue")


def setting_week() -> str:
    return _("The week's first day")


def target_from_next_week(value: str, starts: str) -> str:
    """The group's default target changed: from next week (this week keeps its own)."""
    return _(
        "✅ The members' target is {value} from {date}. This week keeps its target; "
        "a member's own /target comes first."
    ).format(value=escape(value), date=starts)


def bad_target(value: str) -> str:
    return _bad_value(
        value,
        _("“{value}” is not a target."),
        _("Use /settings target 3 (1 to 6 check-ins a week) or /settings target daily"),
    )


def bad_week(value: str) -> str:
    return _bad_value(
        value,
        _("“{value}” is not a first day of the week."),
        _("Use /settings week mon, sun or sat"),
    )


def setting_proof() -> str:
    return _("Proof for check-ins")


def setting_changed(what: str, value: str) -> str:
    """``what``: the setting as one of the ``setting_...`` functions calls it."""
    value = escape(value)
    # TRANSLATORS: {setting} is one of "The daily cue", "Rest days", ... (translated); say it
    # so that any of them fits, e.g. "✅ {setting}: now {value}."
    said = _("✅ {setting} is now {value}.").format(setting=what, value=value)
    return one_stop(said, value)


def topic_here() -> str:
    return _("✅ From now on I post in this topic.")


def topic_general() -> str:
    return _("✅ From now on I post in the general chat.")


def topic_not_forum() -> str:
    return _("This group has no topics. My posts go to the chat.")


def topic_not_in_topic() -> str:
    return _("Send /settings topic here from inside the topic you want me to post in.")


# --- what was wrong with a value --------------------------------------------------------


def unknown_setting(name_: str) -> str:
    return _("There is no setting “{name}”.").format(name=typed(name_[:40])) + (
        "\n" + settings_usage()
    )


def _bad_value(value: str, problem: str, form: str) -> str:
    """What was wrong with a setting's value (or that there was none), then the right form."""
    said = problem.format(value=typed(value[:40])) if value.strip() else _("The value is missing.")
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


def bad_board(value: str) -> str:
    return _bad_value(
        value, _("“{value}” is not top, all or off."), _("Use /settings board top (or all, or off)")
    )


def bad_weekly(value: str) -> str:
    return _bad_value(
        value,
        _("“{value}” is not a weekday and a time."),
        _("Use /settings weekly sun 18:00 (or off)"),
    )
