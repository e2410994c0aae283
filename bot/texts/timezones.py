"""/timezone: a member's own time zone, in a group and in the private chat."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from babel.lists import format_list

from bot import i18n
from bot.i18n import gettext as _
from bot.i18n import ngettext
from bot.texts.format import number, typed


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
    shown = typed(text[:60])
    if suggestions:
        options = format_list([escape(s) for s in suggestions], style="or", locale=i18n.locale())
        return _("I don't know the time zone “{text}”. Did you mean {options}?").format(
            text=shown, options=options
        )
    return _(
        "I don't know the time zone “{text}”. Use Area/City, e.g. /timezone Europe/Berlin"
    ).format(text=shown)


# --- in the private chat ----------------------------------------------------------------


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
