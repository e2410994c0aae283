"""/streak and /break: a member's card (streak, best, freezes, the last days as coloured
squares), and the days off that keep a streak waiting.

A break's reason is kept as long as a goal (``goals.GOAL_MAX_CHARS``); the date it ends on
comes in written by ``format.short_date``.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.i18n import gettext as _
from bot.i18n import ngettext
from bot.texts import targets
from bot.texts.format import days, name, number, one_stop, typed


def streak_card(
    first_name: str,
    streak: int,
    best: int,
    freezes: int,
    dots: str,
    active: int,
    window: int,
    at_risk: bool,
    on_break_until: str | None,
    week: tuple[int, int] | None = None,
) -> str:
    """``week``: this week's check-ins and target, for a member with a weekly target (the
    streak and best are then in weeks)."""
    if week is None:
        head = _("🔥 <b>{name}</b>: {days} · best {best}").format(
            name=name(first_name), days=days(streak), best=days(best)
        )
    else:
        head = _("🔥 <b>{name}</b>: {weeks} · best {best}").format(
            name=name(first_name), weeks=targets.weeks(streak), best=targets.weeks(best)
        )
    lines = [head]
    if week is not None:
        lines.append(_("🎯 {progress}").format(progress=targets.progress(*week)))
    if freezes:
        lines.append(_("🧊 freezes: {count}").format(count=number(freezes)))
    lines.append(_("Last 7 days: {dots}").format(dots=dots))
    lines.append(
        ngettext(
            "Last {window} days: {active}/{window}", "Last {window} days: {active}/{window}", window
        ).format(window=number(window), active=number(active))
    )
    if on_break_until:
        lines.append(_("☕ on a break until {date}").format(date=on_break_until))
    elif at_risk and week is not None:
        lines.append(_("⏳ This week needs every day left: /done"))
    elif at_risk:
        lines.append(_("⏳ Not checked in today yet: /done"))
    return "\n".join(lines)


_DOTS = {
    "checked_in": "🟩",
    "fail_counted": "🟨",
    "rest": "💤",
    "break": "💤",
    "open": "▫️",
    "frozen": "🧊",
}


# A day checked in with proof (a photo, a video...), in place of its square.
_PROVED = "📸"


def dots(kinds: Sequence[str], proved: Sequence[bool] = ()) -> str:
    """A row of days (bot.domain.member_days.DayKind values) as coloured squares; a missed day,
    a fail that doesn't count and a day before the first are blank; a day checked in with
    proof (``proved``, day by day) is a camera."""
    shown = [_DOTS.get(kind, "⬜") for kind in kinds]
    for index, had_proof in enumerate(proved):
        if had_proof and kinds[index] == "checked_in":
            shown[index] = _PROVED
    return "".join(shown)


def no_checkins_yet(first_name: str, is_bot: bool) -> str:
    if is_bot:
        return _("Bots don't keep streaks. Reply to a member's message with /streak.")
    return _("{name} has no check-ins in this group yet. /done starts a streak.").format(
        name=name(first_name)
    )


# --- breaks -----------------------------------------------------------------------------


def break_started(first_name: str, days_off: int, until: str, reason: str) -> str:
    if reason:
        # TRANSLATORS: {until} is a date, e.g. "Mon, Mar 9"; {reason} is what the member wrote.
        text = ngettext(
            "☕ {name} is taking a break for {count} day ({reason}), back by {until}. "
            "Their streak waits for them.",
            "☕ {name} is taking a break for {count} days ({reason}), back by {until}. "
            "Their streak waits for them.",
            days_off,
        )
    else:
        # TRANSLATORS: {until} is a date, e.g. "Mon, Mar 9".
        text = ngettext(
            "☕ {name} is taking a break for {count} day, back by {until}. "
            "Their streak waits for them.",
            "☕ {name} is taking a break for {count} days, back by {until}. "
            "Their streak waits for them.",
            days_off,
        )
    said = text.format(
        name=name(first_name), count=number(days_off), reason=typed(reason), until=until
    )
    return one_stop(said, until)


def break_usage(max_days: int) -> str:
    # TRANSLATORS: "3d" is typed as it is (d for days); translate the example reason.
    return _(
        "Use /break <i>N</i>d <i>reason</i>, with N from 1 to {max}, e.g. /break 3d travelling"
    ).format(max=number(max_days))
