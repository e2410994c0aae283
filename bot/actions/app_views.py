"""What the Mini App shows, from the same actions as the commands: a member's year (``/stats``
and ``/streak``, with what they wrote each day), the group (``/top`` and ``/stats group``)
and the groups a person is in; on the group's page also its challenge (``/challenge``) and
this week's quest (the recap's bar). Who may see a group is the caller's to check (with
Telegram); what the group shows (``/settings board``, ``/top hide``) is ``/top``'s own rule,
for the challenge's members as for the streaks.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from bot.actions.board import Board, board
from bot.actions.challenges import ChallengeView, Standing, show_challenge
from bot.actions.figures import breaks_by_member, today_of
from bot.actions.goals import show_goal
from bot.actions.places import GroupSeen, PersonSeen
from bot.actions.quests import QuestProgress, quest_now
from bot.actions.stats import GroupStats, MemberStats, group_stats, member_stats
from bot.actions.streak import NoCheckIns, StreakCard, streak_of
from bot.actions.uow import UnitOfWork
from bot.domain.app_links import group_of_token
from bot.domain.board import TOP_ROWS, BoardMode
from bot.domain.member_days import DayKind, recent_kinds
from bot.domain.weeks import WEEK_DAYS
from bot.store.chats import chat_named_by, get_chat, rules_of
from bot.store.checkins import notes_since, proof_days
from bot.store.histories import members_marks
from bot.store.members import (
    find_member,
    groups_of_person,
    members_of,
    off_the_board,
)


@dataclass(frozen=True, slots=True)
class MyYear:
    stats: MemberStats
    card: StreakCard
    notes: dict[date, str]  # what the member wrote, by day, within the year shown
    proofs: dict[date, str]  # the media a day's check-in came with (ProofKind), by day
    goal: str | None  # their open goal (/goal)


@dataclass(frozen=True, slots=True)
class GroupView:
    board: Board
    stats: GroupStats
    # The last seven days (oldest first, ending on each one's today) of the members the
    # board shows, by their key in it (a member id).
    weeks: dict[int, tuple[DayKind, ...]]
    challenge: ChallengeView | None  # its standings: only the members the board may name
    quest: QuestProgress | None  # in a group with a weekly quest


async def groups_of(uow: UnitOfWork, user_id: int) -> list[GroupSeen]:
    """The groups where the person checked in or spoke to the bot."""
    rows = await groups_of_person(session=uow.session, user_id=user_id)
    return [GroupSeen(telegram_id, title, is_forum) for telegram_id, title, is_forum in rows]


async def group_named(uow: UnitOfWork, key: bytes, token: str) -> GroupSeen | None:
    """The group whose link token is ``token`` (one made before the group became a
    supergroup too); None for a token the bot did not make, or a group it is no longer in."""
    telegram_id = group_of_token(key, token)
    if telegram_id is None:
        return None
    chat = await chat_named_by(session=uow.session, telegram_id=telegram_id)
    if chat is None or not chat.active:
        return None
    return GroupSeen(chat.telegram_id, chat.title, chat.is_forum)


async def my_year(uow: UnitOfWork, group: GroupSeen, person: PersonSeen) -> MyYear | NoCheckIns:
    stats = await member_stats(uow, group, person, None)
    card = await streak_of(uow, group, person, None)
    if isinstance(stats, NoCheckIns) or isinstance(card, NoCheckIns):
        return NoCheckIns(person.first_name, person.is_bot)
    chat = await get_chat(session=uow.session, telegram_id=group.telegram_id)
    assert chat is not None
    member = await find_member(session=uow.session, chat_id=chat.id, user_id=person.user_id)
    assert member is not None
    notes = await notes_since(session=uow.session, member_id=member.id, since=stats.year.first)
    proofs = await proof_days(session=uow.session, member_id=member.id, since=stats.year.first)
    goal = await show_goal(uow, group, person)
    return MyYear(stats, card, notes, proofs, goal.text)


# The group page's grid: its last 12 weeks.
GRID_DAYS = 12 * 7


async def group_view(uow: UnitOfWork, group: GroupSeen, person: PersonSeen) -> GroupView:
    stats = await group_stats(uow, group, person, days=GRID_DAYS)
    shown = await board(uow, group, person)
    weeks = await _weeks(uow, group, shown)
    chat = await get_chat(session=uow.session, telegram_id=group.telegram_id)
    assert chat is not None  # board() entered it
    quest = await quest_now(uow, chat)
    challenge = await show_challenge(uow, group)
    if challenge is not None:
        hidden = await off_the_board(session=uow.session, chat_id=chat.id)
        standings = _as_board_shows(challenge.standings, hidden, shown.mode, person.user_id)
        challenge = replace(challenge, standings=standings)
    return GroupView(shown, stats, weeks, challenge, quest)


def _as_board_shows(
    standings: list[Standing], hidden: set[int], mode: BoardMode, caller: int
) -> list[Standing]:
    """A challenge's members as the board would list them: nobody who left it (``/top
    hide``), the first ``TOP_ROWS`` in ``top`` mode, nobody in ``off`` mode; the caller
    always sees their own line (as the board gives them their own figures)."""
    listed = [s for s in standings if s.user_id not in hidden]
    kept = {BoardMode.TOP: listed[:TOP_ROWS], BoardMode.ALL: listed, BoardMode.OFF: []}[mode]
    named = {s.user_id for s in kept} | {caller}
    return [s for s in standings if s.user_id in named]


async def _weeks(uow: UnitOfWork, group: GroupSeen, shown: Board) -> dict[int, tuple[DayKind, ...]]:
    """The week of each member the board names: as much as the group shows, no more."""
    rows = [*shown.current.rows, *([shown.current.own] if shown.current.own else [])]
    keys = {row.key for row in rows}
    chat = await get_chat(session=uow.session, telegram_id=group.telegram_id)
    if not keys or chat is None:
        return {}
    members = [m for m in await members_of(session=uow.session, chat_id=chat.id) if m.id in keys]
    today = {m.id: today_of(uow, m, chat) for m in members}
    first = min(today.values()) - timedelta(days=WEEK_DAYS - 1)
    marks = await members_marks(
        session=uow.session, member_ids=keys, since=first, until=max(today.values())
    )
    breaks = await breaks_by_member(uow, members, first, max(today.values()))
    rules = rules_of(chat)
    return {
        m.id: recent_kinds(marks.get(m.id, {}), breaks[m.id], rules, today[m.id], WEEK_DAYS)
        for m in members
    }
