"""/top: current streaks, best streaks and the group streak, as much as the group shows;
``/top hide`` and ``/top show`` leave and rejoin it."""

from __future__ import annotations

from telegram import Update

from bot import texts
from bot.actions.board import Board, board, leave_board
from bot.domain.board import BoardMode, Ranked, Standings
from bot.domain.parsing import command_text
from bot.handlers.common import Context, group_command
from bot.outbox.split import fit_lines


async def top(update: Update, context: Context) -> None:
    async with group_command(update, context) as cmd:
        if cmd is None:
            return
        word = command_text(cmd.text).lower()
        if word in ("hide", "show"):
            await leave_board(cmd.uow, cmd.group, cmd.person, hidden=word == "hide")
            cmd.say(texts.board.board_hidden() if word == "hide" else texts.board.board_shown())
        elif word:
            cmd.say(texts.board.top_usage())
        else:
            for part in fit_lines(_board(await board(cmd.uow, cmd.group, cmd.person)).split("\n")):
                cmd.say(part)


def _board(shown: Board) -> str:
    if shown.mode is BoardMode.OFF:
        if shown.own_week is not None:
            return texts.targets.board_off(
                shown.group_streak, shown.own_current, shown.own_best, *shown.own_week
            )
        return texts.board.board_off(shown.group_streak, shown.own_current, shown.own_best)
    lines = [texts.board.leaderboard(shown.group_streak, _rows(shown.current), _rows(shown.best))]
    if shown.weekly.rows:
        rows = [(r.name, r.value, *shown.weeks[r.key]) for r in shown.weekly.rows]
        lines.append(texts.targets.weekly_board(rows))
    own = texts.board.board_own_places(_place(shown.current.own), _place(shown.best.own))
    if own:
        lines.append(own)
    if shown.hidden:
        lines.append(texts.board.board_you_are_hidden())
    return "\n".join(lines)


def _rows(shown: Standings) -> list[tuple[str, int]]:
    return [(row.name, row.value) for row in shown.rows]


def _place(row: Ranked | None) -> tuple[int, int] | None:
    return None if row is None else (row.place, row.value)
