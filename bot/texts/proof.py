"""Check-ins with proof: why a photo (or a /done without one) did not count, and how to
add one."""

from __future__ import annotations

from bot.i18n import gettext as _


def only_done_in_a_caption(command: str) -> str:
    """A command other than /done as a photo's caption; ``command`` as typed, e.g. /streak."""
    return _("Only /done works in a photo's caption. Send {command} as a message.").format(
        command=command
    )


def how_to_add_proof() -> str:
    """A /done without media in a group that requires proof."""
    return _(
        "📸 This group checks in with proof. Send a photo, video, voice note or file "
        "with /done <i>what you did</i> as its caption, or reply /done to your own photo "
        "from today."
    )


def pressed_needs_proof() -> str:
    """A ✅ pressed in a group that requires proof (a toast: at most 200 characters)."""
    return _("This group checks in with proof: send a photo with /done as its caption.")


def not_your_proof() -> str:
    return _(
        "Only your own photo proves your check-in. Send yours with /done as its caption, "
        "or reply /done to it."
    )


def proof_not_today() -> str:
    return _(
        "That photo is from another day. Reply /done to a photo you sent today, "
        "or send a new one with /done as its caption."
    )


def proof_used(counted_on: str, photo: bool) -> str:
    """The same media again: ``photo``, a photo; else a video, voice note or file."""
    if photo:
        # TRANSLATORS: {date} is a day and month, e.g. "March 3".
        text = _("That photo was already counted on {date}. A new one counts.")
    else:
        # TRANSLATORS: a video, voice note or file; {date} is a day and month, e.g. "March 3".
        text = _("That file was already counted on {date}. A new one counts.")
    return text.format(date=counted_on)
