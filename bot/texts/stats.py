"""The captions of the pictures the bot sends: /stats (a member's year, the group's) and the
weekly picture."""

from __future__ import annotations

from collections.abc import Sequence

from bot.i18n import gettext as _
from bot.i18n import ngettext
from bot.texts.format import days, name, number, typed


def stats_usage() -> str:
    return _(
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
    ).format(
        title=typed(title) if title else _("This group"),
        days=days(group_streak),
        count=number(active),
    )


# --- the weekly picture -----------------------------------------------------------------


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
