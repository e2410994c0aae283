"""/goal and /goals: a member's goal, set, shown and reached, and the group's list."""

from __future__ import annotations

from collections.abc import Sequence

from bot.i18n import gettext as _
from bot.i18n import ngettext
from bot.texts.format import days, name, number, typed

GOAL_MAX_CHARS = 200


def goal_set(first_name: str, text: str) -> str:
    return _("🎯 Goal set, {name}: {goal}").format(name=name(first_name), goal=typed(text))


def goal_show(first_name: str, text: str) -> str:
    return _(
        "🎯 {name}'s goal: {goal}\n"
        "Change it with /goal <i>new goal</i>, or /goal done when you reach it."
    ).format(name=name(first_name), goal=typed(text))


def no_goal() -> str:
    return _("You have no goal yet. Set one: /goal <i>run a 10k by June</i>")


def goal_reached(first_name: str, text: str, total: int) -> str:
    if total <= 1:
        sentence = _("🥳 {name} reached their goal: {goal}\nSet the next one with /goal.")
    else:
        sentence = _(
            "🥳 {name} reached their goal: {goal} That's goal number {total}!\n"
            "Set the next one with /goal."
        )
    return sentence.format(name=name(first_name), goal=typed(text), total=number(total))


def no_goal_to_finish() -> str:
    return _("You have no open goal to mark as done. Set one: /goal <i>text</i>")


def goal_too_long(length: int) -> str:
    return ngettext(
        "That goal is {count} characters long. Keep it under {max}.",
        "That goal is {count} characters long. Keep it under {max}.",
        length,
    ).format(count=number(length), max=number(GOAL_MAX_CHARS))


def goals_list(rows: Sequence[tuple[str, str, int]]) -> str:
    if not rows:
        return _("No goals yet. Set yours: /goal <i>text</i>")
    lines = [f"• {name(n)} ({days(s)}): {typed(g)}" for n, g, s in rows]
    return "\n".join([_("🎯 <b>Goals</b>"), *lines])
