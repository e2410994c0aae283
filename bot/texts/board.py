"""/top: the leaderboard, a member's own places on it, leaving it and coming back, and how
much of it a group shows (``/settings board``)."""

from __future__ import annotations

from bot.domain.board import TOP_ROWS
from bot.i18n import N_
from bot.i18n import gettext as _
from bot.texts.format import days, name, number


def leaderboard(
    group_streak: int, current: list[tuple[str, int]], best: list[tuple[str, int]]
) -> str:
    lines = [
        _("🏆 <b>Leaderboard</b>"),
        _("🔥 Group streak: {days}").format(days=days(group_streak)),
    ]
    if current:
        lines.append("\n" + _("<b>Current streaks</b>"))
        lines += [f"{i}. {name(n)}: {days(s)}" for i, (n, s) in enumerate(current, 1)]
    else:
        lines.append("\n" + _("No streak running right now. /done starts one!"))
    if best:
        lines.append("\n" + _("<b>Best streaks</b>"))
        lines += [f"{i}. {name(n)}: {days(s)}" for i, (n, s) in enumerate(best, 1)]
    return "\n".join(lines)


def board_own_places(current: tuple[int, int] | None, best: tuple[int, int] | None) -> str:
    """The caller's own places (place, days) when the lists don't reach them."""
    if current is not None and best is not None:
        # TRANSLATORS: the member's place on the board of current streaks (#12, with their
        # streak: "5 days") and on the board of best streaks.
        text = _("You: current #{place} ({days}), best #{best_place} ({best_days})")
    elif current is not None:
        text = _("You: current #{place} ({days})")
    elif best is not None:
        text = _("You: best #{best_place} ({best_days})")
    else:
        return ""
    place, streak = current or (0, 0)
    best_place, best_streak = best or (0, 0)
    return text.format(
        place=number(place),
        days=days(streak),
        best_place=number(best_place),
        best_days=days(best_streak),
    )


def board_off(group_streak: int, current: int, best: int) -> str:
    """/top in a group that shows no leaderboard."""
    return "\n".join(
        [
            _("🔥 Group streak: {days}").format(days=days(group_streak)),
            # TRANSLATORS: the member's own streak and best, e.g. "You: 5 days · best 9 days".
            _("You: {days} · best {best}").format(days=days(current), best=days(best)),
            _("(This group shows no leaderboard.)"),
        ]
    )


# --- leaving the board and coming back --------------------------------------------------


def top_usage() -> str:
    return _("Use /top for the leaderboard, /top hide to leave it, /top show to come back.")


def board_hidden() -> str:
    return _(
        "🙈 You're off the board. Your check-ins still count for the group streak. "
        "/top show brings you back."
    )


def board_shown() -> str:
    return _("🏆 You're back on the board.")


def board_you_are_hidden() -> str:
    return _("🙈 You're off the board (/top show to come back).")


# What /settings board shows, by the value typed.
_BOARD_MODES = {
    # TRANSLATORS: {count} is how many rows the board shows at the top (10).
    "top": N_("the top {count} and your own place"),
    "all": N_("everyone"),
    "off": N_("only the group streak and your own line"),
}


def board_mode(mode: str) -> str:
    """How much /top shows (``top``, ``all`` or ``off``), in words."""
    return _(_BOARD_MODES[mode]).format(count=TOP_ROWS)
