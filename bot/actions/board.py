"""``/top``: current and best streaks and the group streak, as much as the group shows
(``/settings board``, ``bot.domain.board``); ``/top hide`` and ``/top show`` leave the board
and come back (the member's check-ins still count for the group streak)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.actions.figures import group_figures, standings
from bot.actions.places import GroupSeen, PersonSeen, enter
from bot.actions.uow import UnitOfWork
from bot.domain.board import BoardMode, Entry, Standings
from bot.domain.board import standings as ranked
from bot.domain.zones import group_today
from bot.store.members import members_of


@dataclass(frozen=True, slots=True)
class Board:
    mode: BoardMode
    group_streak: int
    current: Standings  # empty lists when the board is off
    best: Standings
    own_current: int  # the caller's own figures
    own_best: int
    hidden: bool  # the caller left the board
    # Members with a weekly target this week, in weeks: their list, and each one's week so
    # far (check-ins, target) by member id (the rows' keys); the caller's own week, if any.
    weekly: Standings
    weeks: dict[int, tuple[int, int]]
    own_week: tuple[int, int] | None


async def board(uow: UnitOfWork, group: GroupSeen, person: PersonSeen) -> Board:
    place = await enter(uow, group, person)
    chat, me = place.chat, place.member
    members = await members_of(session=uow.session, chat_id=chat.id)
    seen = await standings(uow, members, {chat.id: chat})
    today = group_today(uow.now, chat.timezone, uow.default_zone)
    streak = (await group_figures(uow, [chat], {chat.id: today}))[chat.id].streak
    mode = BoardMode(chat.board)
    listed = [m for m in members if not m.board_hidden]
    weeks = {m.id: week for m in members if (week := seen[m.id].week_so_far) is not None}
    current = ranked(
        [
            Entry(m.id, m.first_name, seen[m.id].standing.current)
            for m in listed
            if m.id not in weeks
        ],
        me.id,
        mode,
    )
    weekly = ranked(
        [Entry(m.id, m.first_name, seen[m.id].standing.current) for m in listed if m.id in weeks],
        me.id,
        mode,
    )
    best = ranked([Entry(m.id, m.first_name, m.streak_best) for m in listed], me.id, mode)
    mine = seen.get(me.id)
    return Board(
        mode=mode,
        group_streak=streak,
        current=current,
        best=best,
        own_current=mine.standing.current if mine else 0,
        own_best=me.weekly_best if me.id in weeks else me.streak_best,
        hidden=me.board_hidden,
        weekly=weekly,
        weeks=weeks,
        own_week=weeks.get(me.id),
    )


async def leave_board(uow: UnitOfWork, group: GroupSeen, person: PersonSeen, hidden: bool) -> None:
    """``/top hide`` (``hidden``) or ``/top show``."""
    place = await enter(uow, group, person)
    place.member.board_hidden = hidden
