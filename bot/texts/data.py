"""A member's own data: /export (their history as a file) and /forgetme (deleting it, after
a confirmation button whose answers are plain text, as Telegram shows them)."""

from __future__ import annotations

from bot.i18n import gettext as _
from bot.i18n import ngettext
from bot.texts.format import isolate, name, number


def export_nothing() -> str:
    return _("You have nothing to export here yet. /done starts your history.")


def export_nothing_anywhere() -> str:
    return _("You have nothing to export yet: check in with /done in a group first.")


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


def forget_button() -> str:
    return _("🗑 Yes, delete my data")


def forget_expired() -> str:
    return _("This confirmation has expired. Send /forgetme again.")


def forget_done() -> str:
    return _("Done: everything I kept about you in this group is deleted.")


def forget_nothing() -> str:
    return _("There's nothing of yours left to delete here.")


def forget_not_yours(first_name: str) -> str:
    """A button answer (plain text): someone else pressed the /forgetme confirmation, so the
    name goes in as it is, not escaped."""
    # TRANSLATORS: {name} is who sent /forgetme, or "the person who asked".
    said = _("Only {name} can confirm this.")
    return said.format(name=isolate(first_name) if first_name else _("the person who asked"))
