"""What the bot posts by itself: the welcome, the daily cue with its ✅ button, the evening
recap, and the answers to a press of that button (plain text, as Telegram shows them)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from bot.i18n import gettext as _
from bot.i18n import ngettext
from bot.texts.format import LISTED_PEOPLE, days, listed, name, number, short_date


def welcome() -> str:
    return _(
        "👋 Hi! I'm <b>Habitloop</b>. I help this group show up every day.\n\n"
        "Check in with /done <i>what you did</i> (or tap ✅ on my daily cue), "
        "and I keep everyone's streak and cheer the milestones.\n"
        "Admins: I post the cue at 09:00 and a recap at 21:00. Change it with /settings. /help"
    )


def cue_button() -> str:
    return _("✅ I did it")


def freezes_saved(first_name: str, count: int, streak: int) -> str:
    """Freezes (``count``) covered a member's missed days and kept their ``streak`` going."""
    return ngettext(
        "🧊 a freeze saved {name}'s {streak}-day streak.",
        "🧊 {count} freezes saved {name}'s {streak}-day streak.",
        count,
    ).format(name=name(first_name), count=number(count), streak=number(streak))


def cue(
    showed_up: int | None,
    active: int,
    group_streak: int,
    saved: list[tuple[str, int, int]],
    more: Sequence[str] = (),
) -> str:
    """The morning's cue; ``showed_up`` the day before (None on the bot's first day in the
    group, which had no day before); ``more``: lines said before the call to check in (the
    members' plans)."""
    lines = [_("☀️ <b>Good morning!</b> Time for today's check-in.")]
    if active and showed_up is not None:
        lines.append(
            ngettext(
                "Yesterday {count} of {active} showed up.",
                "Yesterday {count} of {active} showed up.",
                showed_up,
            ).format(count=number(showed_up), active=number(active))
        )
    if group_streak >= 2:
        lines.append(_("🔥 Group streak: {days}.").format(days=days(group_streak)))
    lines += _saved_lines(saved)
    lines += more
    lines.append(_("Tap ✅ below or send /done <i>what you did</i>."))
    return "\n".join(lines)


def short_cue(saved: list[tuple[str, int, int]]) -> str:
    """The cue after a day nobody showed up: one line, then only whose streak a freeze saved
    (bot.domain.quiet_days)."""
    # TRANSLATORS: the daily cue after a day on which nobody checked in; short on purpose.
    lines = [_("☀️ New day, fresh start: tap ✅ below or send /done <i>what you did</i>.")]
    return "\n".join(lines + _saved_lines(saved))


def _saved_lines(saved: list[tuple[str, int, int]]) -> list[str]:
    """Whose streak freezes saved (name, freezes, streak): at most ``LISTED_PEOPLE``, the
    others counted."""
    lines = [freezes_saved(first_name, count, streak) for first_name, count, streak in saved]
    del lines[LISTED_PEOPLE:]
    if len(saved) > LISTED_PEOPLE:
        rest = len(saved) - LISTED_PEOPLE
        lines.append(
            ngettext(
                "🧊 …and {count} more streak saved by freezes.",
                "🧊 …and {count} more streaks saved by freezes.",
                rest,
            ).format(count=number(rest))
        )
    return lines


def recap(
    showed_up: Sequence[tuple[str, int | str]],
    cheers: list[str],
    at_risk: list[str],
    *,
    ended: date | None = None,
) -> str:
    """Who showed up today, the day's cheers (milestones, bests) and the mentions of those
    whose streak is at risk; at most ``LISTED_PEOPLE`` of each, the others counted. A recap
    sent after its day ``ended`` names that day, and says nothing of time left."""
    people = listed([f"{name(n)} ({number(s) if isinstance(s, int) else s})" for n, s in showed_up])
    count = number(len(showed_up))
    if ended is not None:
        day = short_date(ended)
        if showed_up:
            # TRANSLATORS: the recap of a day that has ended; {day} is its date ("Mon, Mar 9").
            head = ngettext(
                "🌙 <b>{day}</b>: {count} showed up: {people}",
                "🌙 <b>{day}</b>: {count} showed up: {people}",
                len(showed_up),
            )
        else:
            head = _("🌙 <b>{day}</b>: nobody checked in.")
        lines = [head.format(day=day, count=count, people=people)]
    elif showed_up:
        lines = [
            ngettext(
                "🌙 <b>Today</b> {count} showed up: {people}",
                "🌙 <b>Today</b> {count} showed up: {people}",
                len(showed_up),
            ).format(count=count, people=people)
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
                people=listed(at_risk)
            )
        )
    return "\n".join(lines)


# --- the answers to ✅ under the cue -----------------------------------------------------


def pressed_checked_in(streak: int) -> str:
    return _("✅ Checked in! Streak: {days}.").format(days=days(streak))


def pressed_already(streak: int) -> str:
    return _("Already checked in today ✅ Streak: {days}.").format(days=days(streak))


def pressed_anonymous() -> str:
    return _("I can't check you in from here. Send /done in the group.")


def pressed_not_member() -> str:
    return _("Join the group to check in with it.")


def button_gone() -> str:
    return _("This button no longer works. Send /done in the group.")
