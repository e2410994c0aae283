"""/challenge: a challenge with an end, started, shown, joined and stopped; its line in the
daily cue; its results when it ends."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from bot.i18n import gettext as _
from bot.i18n import ngettext
from bot.texts.format import LISTED_PEOPLE, listed, name, number, on_off, short_date, typed

_USAGE = "/challenge 30d No sugar"


def title(text: str) -> str:
    return f"<b>{typed(text)}</b>"


def rules(days: int, weekly_target: int | None, freezes: bool, late_join: bool) -> str:
    """What the challenge asks, in a line: every day or N a week, freezes, late joining."""
    if weekly_target is None:
        asks = ngettext("every day for {count} day", "every day for {count} days", days).format(
            count=number(days)
        )
    else:
        weeks = days // 7
        asks = ngettext(
            "{target} days a week for {count} week",
            "{target} days a week for {count} weeks",
            weeks,
        ).format(target=number(weekly_target), count=number(weeks))
    return _("{asks} · freezes: {freezes} · joining late: {late}").format(
        asks=asks, freezes=on_off(freezes), late=on_off(late_join)
    )


def period(first: date, last: date) -> str:
    return _("{first} – {last}").format(first=short_date(first), last=short_date(last))


def started(text: str, first: date, last: date, rules_line: str) -> str:
    return _(
        "🏁 New challenge: {title}\n{period}\n{rules}\nTap the button to join. "
        "/challenge shows everyone's progress."
    ).format(title=title(text), period=period(first, last), rules=rules_line)


def join_button() -> str:
    return _("🏁 Join the challenge")


def day_of(day: int, days: int) -> str:
    return _("Day {day} of {days}").format(day=number(day), days=number(days))


def starts_on(first: date) -> str:
    return _("Starts {date}").format(date=short_date(first))


def standing(first_name: str, met: int, units: int, weekly: bool, still_in: bool) -> str:
    """A member's line in /challenge: how many days (weeks) they met, and whether they are
    still in for every one."""
    mark = "🔥" if still_in else "·"
    return f"{mark} {name(first_name)}: " + met_of(met, units, weekly)


def met_of(met: int, units: int, weekly: bool) -> str:
    """How far a member is: "12 of 30 days" (the app's row, /challenge's line)."""
    if weekly:
        said = ngettext("{met} of {count} week", "{met} of {count} weeks", units)
    else:
        said = ngettext("{met} of {count} day", "{met} of {count} days", units)
    return said.format(met=number(met), count=number(units))


def shown(text: str, when: str, rules_line: str, lines: Sequence[str], open_to_join: bool) -> str:
    """/challenge: the challenge, which day it is, and everyone in it."""
    out = [f"🏁 {title(text)}", when, rules_line]
    if lines:
        out += lines[:LISTED_PEOPLE]
        rest = len(lines) - LISTED_PEOPLE
        if rest > 0:
            out.append(
                ngettext("…and {count} more", "…and {count} more", rest).format(count=number(rest))
            )
    else:
        out.append(_("Nobody has joined yet."))
    if open_to_join:
        out.append(_("Join with the button, or /challenge join."))
    return "\n".join(out)


def no_challenge() -> str:
    return _(
        "No challenge is running. Admins start one with {usage} "
        "(or 4w 3/week Gym; add from 2027-01-05, freezes on, late on)."
    ).format(usage=_USAGE)


def not_admin() -> str:
    return _("Only the group's admins can start or stop a challenge. /challenge shows it.")


def bad_length() -> str:
    return _("Start with how long: 2 to 366 days (30d) or weeks (4w). E.g. {usage}").format(
        usage=_USAGE
    )


def no_title() -> str:
    return _("Give the challenge a name, e.g. {usage}").format(usage=_USAGE)


def title_too_long(limit: int) -> str:
    return _("Keep the challenge's name under {max} characters.").format(max=number(limit))


def bad_target() -> str:
    return _("A weekly target is 1/week to 6/week, over whole weeks: /challenge 4w 3/week Gym")


def bad_start() -> str:
    return _("A challenge starts from tomorrow to a year ahead: from 2027-01-05 (year-month-day).")


def one_at_a_time(current: str) -> str:
    return _(
        "This group has a challenge already: {title}. One at a time: "
        "/challenge stop ends it (admins)."
    ).format(title=title(current))


def stopped(text: str) -> str:
    return _("🏁 The challenge {title} is stopped. No results this time.").format(title=title(text))


def nothing_to_stop() -> str:
    return _("No challenge is running, so there is nothing to stop.")


def joined(first_name: str, text: str, first: date) -> str:
    return _("🏁 {name} joined {title} (from {date}).").format(
        name=name(first_name), title=title(text), date=short_date(first)
    )


def join_toast(text: str) -> str:
    """A join button's answer (plain text)."""
    return _("You're in: {title}. Good luck!").format(title=text)


def already_in(text: str) -> str:
    """The answer to a second join; ``text`` the title as the answer shows it (plain in a
    toast, ``title()`` in a message)."""
    return _("You're in {title} already.").format(title=text)


def join_closed(text: str) -> str:
    """It started, and late joining is off; ``text`` as in ``already_in``."""
    return _("{title} has started; joining is closed.").format(title=text)


def join_none() -> str:
    """The button's challenge is over, or none runs."""
    return _("That challenge is over.")


def cue_line(text: str, day: int, days: int, still_in: Sequence[str]) -> str:
    """The cue's line while a challenge runs: which day it is and who is still in."""
    line = _("🏁 {title}: day {day} of {days}.").format(
        title=title(text), day=number(day), days=number(days)
    )
    if still_in:
        line += " " + _("Still in: {names}.").format(names=listed([name(n) for n in still_in]))
    return line


def results(
    text: str,
    completed: Sequence[str],
    closest: Sequence[str],
    closest_met: int,
    units: int,
    weekly: bool,
    total: int,
) -> str:
    """The results when a challenge ends (a picture's caption: kept short)."""
    lines = [_("🏁 {title} is over!").format(title=title(text))]
    if completed:
        lines.append(
            _("🏆 Every day: {names}").format(names=listed([name(n) for n in completed]))
            if not weekly
            else _("🏆 Every week: {names}").format(names=listed([name(n) for n in completed]))
        )
    else:
        lines.append(_("Nobody made every day this time."))
    if closest:
        said = (
            ngettext("{met} of {count} week", "{met} of {count} weeks", units)
            if weekly
            else ngettext("{met} of {count} day", "{met} of {count} days", units)
        ).format(met=number(closest_met), count=number(units))
        lines.append(
            _("🥈 Closest: {names} ({said})").format(
                names=listed([name(n) for n in closest]), said=said
            )
        )
    lines.append(
        ngettext(
            "Together: {count} check-in. Well done, everyone!",
            "Together: {count} check-ins. Well done, everyone!",
            total,
        ).format(count=number(total))
    )
    return "\n".join(lines)
