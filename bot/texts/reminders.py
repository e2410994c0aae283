"""/remind and the reminders: the at-risk mention in a group's recap, and the private
message at a member's own hour, with a ✅ button for each group whose streak is at risk."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import time
from html import escape

from bot.i18n import gettext as _
from bot.i18n import ngettext, pgettext
from bot.texts.format import clock, days, isolate, number, typed


def remind_state(on: bool) -> str:
    if on:
        return _(
            "🔔 I'll mention you in the evening recap when your streak is at risk. "
            "/remind off stops it."
        )
    return _("🔕 No more at-risk mentions for you. /remind on brings them back.")


def remind_usage_hour() -> str:
    return _("Use /remind on, /remind off, or /remind 21:30 to choose the hour of your reminder.")


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


# --- in the private chat ----------------------------------------------------------------


def no_group_yet() -> str:
    return _("You're in no group with me yet.")


def remind_overview(groups_on: int, groups: int, hour: time, zone: str) -> str:
    """In the private chat."""
    if groups == 0:
        where = no_group_yet()
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


# --- the private reminder ---------------------------------------------------------------


def reminder(groups: Sequence[tuple[str, int | str, str | None]], weeks_only: bool = False) -> str:
    """The private reminder: each group (title, streak in days, or a weekly streak as
    ``targets.streak_and_progress`` says it; the member's plan there as a sentence shows it,
    if any) where the streak is at risk. ``weeks_only``: every one of them is a weekly
    streak, whose week needs today and every day left (none ends at midnight)."""
    if weeks_only:
        lines = [_("⏳ <b>Every day left this week counts</b>, today too:")]
    else:
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
    for title, streak, plan in groups:
        shown = days(streak) if isinstance(streak, int) else streak
        lines.append(f"• {typed(title) if title else unnamed}: {shown}")
        if plan:
            lines.append(f"  {plan}")
    lines.append(_("Tap ✅ to check in there, or send /done in the group."))
    return "\n".join(lines)


def reminder_button(title: str) -> str:
    # About what a phone shows on a button, even for a title of emoji (two UTF-16 units each).
    short = title if len(title) <= 30 else title[:29].rstrip() + "…"
    return "✅ " + (isolate(short) if short else pgettext("button", "Check in"))


def reminder_group_gone() -> str:
    """The answer to a reminder's ✅ for a group the bot has left (plain text)."""
    return _("I'm not in that group any more, so I can't check you in there.")
