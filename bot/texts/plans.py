"""/plan: a member's if-then plan (when, what), set, shown and removed; the plan as other
sentences show it (/streak, the reminder, the cue); and the nudge towards one after a /fail."""

from __future__ import annotations

from collections.abc import Sequence

from bot.i18n import gettext as _
from bot.i18n import ngettext
from bot.texts.format import LISTED_PEOPLE, name, number, typed


def plan(when: str, what: str) -> str:
    """A plan in a sentence: "after breakfast → 200 words", or what alone."""
    if not when:
        return typed(what)
    # TRANSLATORS: an if-then plan: {when} is the situation, {what} what the member does.
    return _("{when} → {what}").format(when=typed(when), what=typed(what))


def plan_set(first_name: str, when: str, what: str) -> str:
    return _("📝 Plan made, {name}: {plan}").format(name=name(first_name), plan=plan(when, what))


def plan_show(first_name: str, when: str, what: str) -> str:
    return _(
        "📝 {name}'s plan: {plan}\n"
        "Change it with /plan <i>when</i>: <i>what</i>, or /plan off to drop it."
    ).format(name=name(first_name), plan=plan(when, what))


def no_plan() -> str:
    return _(
        "You have no plan yet. A plan of when and what makes showing up easier:\n"
        "/plan <i>after breakfast, at my desk</i>: <i>200 words</i>"
    )


def plan_removed(first_name: str) -> str:
    return _("📝 {name}'s plan is dropped.").format(name=name(first_name))


def plan_too_long(length: int, limit: int) -> str:
    return ngettext(
        "That plan is {count} characters long. Keep it under {max}.",
        "That plan is {count} characters long. Keep it under {max}.",
        length,
    ).format(count=number(length), max=number(limit))


def plan_line(when: str, what: str) -> str:
    """The plan on its own line (/streak, the private reminder)."""
    return _("📝 Plan: {plan}").format(plan=plan(when, what))


def cue_plans(plans: Sequence[tuple[str, str, str]]) -> list[str]:
    """The cue's lines of the members' plans (name, when, what), at most ``LISTED_PEOPLE``."""
    if not plans:
        return []
    lines = [_("📝 <b>Plans</b>")]
    lines += [f"• {name(n)}: {plan(when, what)}" for n, when, what in plans[:LISTED_PEOPLE]]
    rest = len(plans) - LISTED_PEOPLE
    if rest > 0:
        lines.append(
            ngettext("…and {count} more plan", "…and {count} more plans", rest).format(
                count=number(rest)
            )
        )
    return lines


def after_a_fail() -> str:
    """After a /fail: what got in the way, and a plan for it (the button explains /plan)."""
    return _("What got in the way? A plan for when and what can get around it next time.")


def plan_button() -> str:
    return _("📝 Make a plan")


def how_to_plan() -> str:
    """The answer to the plan button (plain text, shown as an alert)."""
    return _(
        "Send /plan when: what in the group, e.g. /plan after breakfast, at my desk: 200 words. "
        "Your plan shows in /streak and in your reminders."
    )
