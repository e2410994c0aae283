"""The Mini App's words: its pages' labels, sent to the page in the person's language, and
the line the group hears when an admin changes a setting there."""

from __future__ import annotations

from bot import i18n
from bot.domain.member_days import CONSISTENCY_WINDOW
from bot.domain.targets import MAX_PER_WEEK, MIN_PER_WEEK
from bot.i18n import gettext as _
from bot.i18n import ngettext
from bot.texts import board, format, settings, targets
from bot.texts.format import name


def changed_in_app(first_name: str, change: str) -> str:
    """Posted in the group when an admin changed a setting in the app."""
    # TRANSLATORS: {change} is the sentence /settings answers, e.g. "The daily cue is now 08:30."
    return _("⚙️ {name} changed the settings in the app. {change}").format(
        name=name(first_name), change=change
    )


def open_app() -> str:
    """The button under /stats, /settings and the recap that opens the Mini App."""
    return _("📱 Open the app")


def help_line() -> str:
    return _(
        "📱 The app shows your year, the group and (for admins) the settings as a form: "
        "the button under /stats, /settings and the recap, or the menu in a private chat."
    )


def words() -> dict[str, str]:
    """Every label of the app's pages, in the language of the moment."""
    labels = {
        "my_year": _("My year"),
        "the_group": _("The group"),
        "settings": _("Settings"),
        "group": _("Group"),
        "current_streak": _("Current streak"),
        "best_streak": _("Best streak"),
        "never_twice": _("Never missed twice"),
        "cheers": _("Cheers received"),
        "plan": _("Plan"),
        "goal": _("Goal"),
        "freezes_held": _("Freezes held"),
        "no_checkins": _("No check-ins here yet: say /done in the group."),
        "no_groups": _("Nothing here yet: check in with /done in a group, then open the app."),
        "group_streak": _("Group streak"),
        "now": _("Now"),
        "best": _("Best"),
        "last_weeks": _("The last 12 weeks"),
        "challenge": _("Challenge"),
        "nobody_joined": _("Nobody has joined yet."),
        "you_are_hidden": _("You left the board (/top show brings you back)."),
        "wrote": _("What you wrote"),
        "nothing_written": _("Nothing written."),
        "checked_in": _("Checked in"),
        "fail_counted": _("An honest miss (/fail), counted"),
        "fail_uncounted": _("An honest miss (/fail)"),
        "rest": _("A rest day"),
        "break": _("On a break"),
        "frozen": _("A freeze covered it"),
        "missed": _("Missed"),
        "open": _("Not yet today"),
        "before_start": _("Before your first check-in"),
        "read_only": _("Only the group's admins can change these."),
        "save": _("Save"),
        "saved": _("Saved: the group has been told."),
        "off": format.on_off(False),
        "on": format.on_off(True),
        "every_days": _("Earn one every this many counted days"),
        "hold_at_most": _("Hold at most"),
        "topic_label": _("Posts in a forum topic"),
        "topic_how": _("To choose a topic, say /settings topic here in it."),
        "failed": _("Something went wrong; try again."),
        "board_top": board.board_mode("top"),
        "board_all": board.board_mode("all"),
        "board_off": board.board_mode("off"),
        "cue": settings.setting_cue(),
        "recap": settings.setting_recap(),
        "timezone": settings.setting_timezone(),
        "rest_days": settings.setting_rest(),
        "freezes": settings.setting_freezes(),
        "max_break": settings.setting_break(),
        "language": settings.setting_language(),
        "board": settings.setting_board(),
        "weekly": settings.setting_weekly(),
        "fail": settings.setting_fail(),
        "share": settings.setting_share(),
        "mentions": settings.setting_mentions(),
        "plans": settings.setting_plans(),
        "target": _("The members' target"),
        "week": settings.setting_week(),
        "proof": settings.setting_proof(),
        # TRANSLATORS: in a day's details: the media the check-in came with, e.g. "Proof: a photo".
        "proof_of_day": _("Proof"),
        "photo": _("a photo"),
        "video": _("a video"),
        "voice": _("a voice note"),
        "document": _("a file"),
    }
    # TRANSLATORS: under "24/30": the days shown up among the last {count}.
    labels["last_days"] = ngettext(
        "Last {count} day", "Last {count} days", CONSISTENCY_WINDOW
    ).format(count=format.number(CONSISTENCY_WINDOW))
    days = {f"day{d}": format.weekdays(frozenset({d})) for d in range(7)}
    return labels | days


def target_choices() -> list[tuple[str, str]]:
    """(what /settings target takes, the target said)."""
    weekly = [(str(n), targets.target(n)) for n in range(MIN_PER_WEEK, MAX_PER_WEEK + 1)]
    return [("daily", targets.target(None)), *weekly]


def language_choices() -> list[tuple[str, str]]:
    """(what /settings language takes, the language's name in itself)."""
    return [(i18n.code(language), i18n.name_of(language)) for language in i18n.LANGUAGES]
