"""The weekly quest: its bar in the recap, the end of a week's quest (with each member's own
count and bonus), this week's goal, and the count of quests in /stats."""

from __future__ import annotations

from collections.abc import Sequence

from bot.domain.quests import bar
from bot.i18n import gettext as _
from bot.i18n import ngettext
from bot.texts.format import LISTED_PEOPLE, name, number


def progress(done: int, goal: int) -> str:
    """The recap's line: ▰▰▰▱▱▱▱▱▱▱ 12/20."""
    return _("🎯 Weekly quest: {bar} {done}/{goal}").format(
        bar=bar(done, goal), done=number(done), goal=number(goal)
    )


def new_goal(goal: int) -> str:
    return ngettext(
        "🎯 This week's quest: {count} check-in together.",
        "🎯 This week's quest: {count} check-ins together.",
        goal,
    ).format(count=number(goal))


def ended(met: bool, done: int, goal: int, members: Sequence[tuple[str, int, int]]) -> list[str]:
    """The lines of last week's quest: met or not, then each member who checked in with
    their own count and their bonus (name, check-ins, bonus)."""
    if met:
        head = _(
            "🎯 Last week's quest is done: {done}/{goal}! A quest badge for everyone who "
            "checked in."
        )
    else:
        head = _("🎯 Last week's quest: {done}/{goal}, not quite. A new one starts now.")
    lines = [head.format(done=number(done), goal=number(goal))]
    for first_name, own, bonus in members[:LISTED_PEOPLE]:
        # TRANSLATORS: a member's part of the weekly quest: their own check-ins, and the
        # bonus of one for each teammate who kept their own target.
        lines.append(
            _("• {name}: {own} ✅ + {bonus} 🤝").format(
                name=name(first_name), own=number(own), bonus=number(bonus)
            )
        )
    rest = len(members) - LISTED_PEOPLE
    if rest > 0:
        lines.append(
            ngettext("…and {count} more", "…and {count} more", rest).format(count=number(rest))
        )
    if members:
        lines.append(
            _(
                "🤝 = teammates who kept their own target (their week's check-ins, or every day but rest days)."
            )
        )
    return lines


def quests_done(count: int) -> str:
    """/stats: how many quests the member completed."""
    return ngettext("🎯 {count} quest", "🎯 {count} quests", count).format(count=number(count))
