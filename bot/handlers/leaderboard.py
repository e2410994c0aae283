"""/top: current streaks, best streaks and the group streak, as much as the group shows
(``/settings board``, bot.domain.board); ``/top hide`` and ``/top show`` leave and rejoin it."""

from __future__ import annotations

from telegram import Update

from bot import texts
from bot.domain.board import BoardMode, Entry, Ranked, Standings, standings
from bot.domain.calendar import local_date
from bot.domain.parsing import command_text
from bot.handlers.common import Context, GroupCall, group_call
from bot.outbox.split import fit_lines
from bot.store.chats import rules_of
from bot.store.members import members_of
from bot.store.reports import group_streaks
from bot.store.standings import standings_of


async def top(update: Update, context: Context) -> None:
    async with group_call(update, context) as call:
        if call is None:
            return
        word = command_text(call.message.text).lower()
        if word == "hide":
            call.member.board_hidden = True
            call.say(texts.board.board_hidden())
        elif word == "show":
            call.member.board_hidden = False
            call.say(texts.board.board_shown())
        elif word:
            call.say(texts.board.top_usage())
        else:
            for part in fit_lines((await _board(call)).split("\n")):
                call.say(part)


async def _board(call: GroupCall) -> str:
    today = local_date(call.now, call.group_zone)
    members = await members_of(session=call.session, chat_id=call.chat.id)
    seen = await standings_of(
        session=call.session, members=members, rules=rules_of(call.chat), today=today
    )
    streak = (
        await group_streaks(session=call.session, chats=[call.chat], today={call.chat.id: today})
    )[call.chat.id]
    me = call.member
    if BoardMode(call.chat.board) is BoardMode.OFF:
        mine = seen.get(me.id)
        return texts.board.board_off(streak, mine.current if mine else 0, me.streak_best)
    listed = [m for m in members if not m.board_hidden]
    current = standings(
        [Entry(m.id, m.first_name, seen[m.id].current) for m in listed],
        me.id,
        BoardMode(call.chat.board),
    )
    best = standings(
        [Entry(m.id, m.first_name, m.streak_best) for m in listed],
        me.id,
        BoardMode(call.chat.board),
    )
    lines = [texts.board.leaderboard(streak, _rows(current), _rows(best))]
    own = texts.board.board_own_places(_place(current.own), _place(best.own))
    if own:
        lines.append(own)
    if me.board_hidden:
        lines.append(texts.board.board_you_are_hidden())
    return "\n".join(lines)


def _rows(shown: Standings) -> list[tuple[str, int]]:
    return [(row.name, row.value) for row in shown.rows]


def _place(row: Ranked | None) -> tuple[int, int] | None:
    return None if row is None else (row.place, row.value)
