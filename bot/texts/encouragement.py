"""Encouragement: /cheer, and the comebacks after a missed day ("never miss twice")."""

from __future__ import annotations

from collections.abc import Sequence

from bot.i18n import gettext as _
from bot.i18n import ngettext
from bot.texts.format import days, listed, name, number


def cheer_usage() -> str:
    return _("Reply to someone's message with /cheer to cheer them on. 👏")


def cheer_self() -> str:
    return _(
        "You can't cheer yourself on, but you can cheer others: reply to their message with /cheer."
    )


def cheer_bot() -> str:
    return _("Bots don't need cheers. Reply to a member's message with /cheer.")


def cheer_anonymous() -> str:
    return _("That message was sent as the group, so I can't tell whom to cheer.")


def cheer_already() -> str:
    return _("You already cheered that message. 💙")


def cheering_on(giver: str, cheered: str) -> str:
    """After a /fail: one of the first cheers on it, told to the group."""
    # TRANSLATORS: {giver} replied /cheer to the /fail of {name}.
    return _("💙 {giver} is cheering {name} on").format(giver=name(giver), name=name(cheered))


def cheers_received(count: int) -> str:
    return ngettext("👏 Cheers received: {count}", "👏 Cheers received: {count}", count).format(
        count=number(count)
    )


# --- comebacks --------------------------------------------------------------------------


def comeback(first_name: str, missed: int) -> str:
    """A member is back after ``missed`` missed days (rest days and breaks are not missed)."""
    if missed == 1:
        # TRANSLATORS: "Never miss twice" is the habit rule: one missed day is fine, two in a
        # row not.
        said = _("↩️ Comeback! {name} is back after a missed day. Never miss twice 💪")
    else:
        # TRANSLATORS: {count} (2 or more) days missed in a row before this check-in; rest
        # days and breaks are not among them. "One day at a time": encouragement to start again.
        said = ngettext(
            "↩️ Comeback! {name} is back after {count} missed day. One day at a time 💪",
            "↩️ Comeback! {name} is back after {count} missed days. One day at a time 💪",
            missed,
        )
    return said.format(name=name(first_name), count=number(missed))


def comebacks_today(comebacks: Sequence[tuple[str, int]]) -> list[str]:
    """The recap's line of the day's comebacks, each name with the days they missed before
    (none when nobody came back)."""
    if not comebacks:
        return []
    # TRANSLATORS: {names} is a list of names, each followed by the number of days that
    # member missed before coming back today: "Ann (7), Bob (1)".
    said = _("↩️ Back after missed days: {names} 💪")
    return [said.format(names=listed([f"{name(n)} ({number(m)})" for n, m in comebacks]))]


def never_miss_twice(current: int, best: int) -> str:
    # TRANSLATORS: /streak: the run of days without two misses in a row, now and its record;
    # {days} and {best} are numbers of days ("5 days").
    return _("🔁 Never missed twice in a row: {days} · record {best}").format(
        days=days(current), best=days(best)
    )
