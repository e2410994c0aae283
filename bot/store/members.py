"""Members of a group and the streak and day-key state kept on them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, exists, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

from bot.domain.calendar import DayKeyState
from bot.domain.streaks import StreakState
from bot.domain.weekly_streaks import WeeklyState
from bot.store.db import insert_for, table_of
from bot.store.models import Chat, Member, Target


def state_of(member: Member) -> StreakState:
    return StreakState(
        current=member.streak_current,
        best=member.streak_best,
        last_day=member.streak_last_day,
        run_start=member.streak_run_start,
        freezes=member.freezes,
        best_before_run=member.streak_best_before_run,
        previous_day=member.streak_previous_day,
    )


def keep_state(member: Member, state: StreakState) -> None:
    _set(member, _streak_columns(state))


def weekly_state_of(member: Member) -> WeeklyState:
    return WeeklyState(
        current=member.weekly_current,
        best=member.weekly_best,
        last_week=member.weekly_last_week,
        run_start=member.weekly_run_start,
        freezes=member.weekly_freezes,
        best_before_run=member.weekly_best_before_run,
        last_day=member.weekly_last_day,
        week_check_ins=member.weekly_check_ins,
    )


def keep_weekly_state(member: Member, state: WeeklyState) -> None:
    _set(member, weekly_columns(state))


def weekly_columns(state: WeeklyState) -> dict[str, object]:
    """The member's columns that hold a weekly state, with its values."""
    return {
        "weekly_current": state.current,
        "weekly_best": state.best,
        "weekly_last_week": state.last_week,
        "weekly_run_start": state.run_start,
        "weekly_freezes": state.freezes,
        "weekly_best_before_run": state.best_before_run,
        "weekly_last_day": state.last_day,
        "weekly_check_ins": state.week_check_ins,
    }


def _streak_columns(state: StreakState) -> dict[str, object]:
    """The member's columns that hold a streak state, with its values."""
    return {
        "streak_current": state.current,
        "streak_best": state.best,
        "streak_last_day": state.last_day,
        "streak_run_start": state.run_start,
        "freezes": state.freezes,
        "streak_best_before_run": state.best_before_run,
        "streak_previous_day": state.previous_day,
    }


def _day_key_columns(state: DayKeyState) -> dict[str, object]:
    """The member's columns that hold a day-key state, with its values."""
    return {
        "last_entry_day": state.last_day,
        "day_added_at": state.added_at,
        "prior_day_added_at": state.prior_added_at,
        "day_added_zone": state.added_zone,
        "prior_day_added_zone": state.prior_added_zone,
    }


def kept_columns(
    state: StreakState, weekly: WeeklyState, day_key: DayKeyState
) -> dict[str, object]:
    """The member's columns that keep the three states, with their values."""
    return {**_streak_columns(state), **weekly_columns(weekly), **_day_key_columns(day_key)}


def _set(member: Member, values: dict[str, object]) -> None:
    for column, value in values.items():
        setattr(member, column, value)


# The member's row with the lock a check-in takes, and without; built once (see PerDialect).
_MEMBER = (
    select(Member)
    .where(Member.chat_id == bindparam("chat_id"), Member.user_id == bindparam("user_id"))
    .execution_options(populate_existing=True)
)
_MEMBER_LOCKED = _MEMBER.with_for_update(key_share=True)

_members = table_of(Member).c
# What a check-in changes on the member's row, written with plain Core: an ORM flush of the
# same row costs several times the statement.
_KEPT_COLUMNS = tuple(kept_columns(StreakState(), WeeklyState(), DayKeyState()))
_KEEP = (
    update(table_of(Member))
    .where(_members.id == bindparam("member_id"))
    .values({_members[column]: bindparam(column) for column in _KEPT_COLUMNS})
)


async def save_kept_states(
    *,
    session: AsyncSession,
    member: Member,
    state: StreakState,
    weekly: WeeklyState,
    day_key: DayKeyState,
) -> None:
    """Write the member's streak states and day-key state now, in one UPDATE, and hold them
    on ``member`` as saved (the session has nothing left to flush for them)."""
    values = kept_columns(state, weekly, day_key)
    await session.execute(_KEEP, {"member_id": member.id, **values})
    for key, value in values.items():
        set_committed_value(member, key, value)


def day_key_state_of(member: Member) -> DayKeyState:
    return DayKeyState(
        last_day=member.last_entry_day,
        added_at=member.day_added_at,
        prior_added_at=member.prior_day_added_at,
        added_zone=member.day_added_zone,
        prior_added_zone=member.prior_day_added_zone,
    )


def keep_day_key_state(member: Member, state: DayKeyState) -> None:
    _set(member, _day_key_columns(state))


async def ensure_member(
    *,
    session: AsyncSession,
    chat_id: int,
    user_id: int,
    first_name: str,
    username: str | None,
    now: datetime,
    lock: bool = False,
) -> Member:
    """The member's row, created on first sight; ``lock`` holds it for this transaction
    so two check-ins of one member are applied one after the other.

    Read first: a known member (nearly every update) costs one statement.
    """
    query = _MEMBER_LOCKED if lock else _MEMBER
    keys = {"chat_id": chat_id, "user_id": user_id}
    member = (await session.execute(query, keys)).scalar_one_or_none()
    if member is None:
        insert = insert_for(session)
        await session.execute(
            insert(Member)
            .values(
                chat_id=chat_id,
                user_id=user_id,
                first_name=first_name[:255],
                username=username,
                joined_at=now,
            )
            .on_conflict_do_nothing(index_elements=["chat_id", "user_id"])
        )
        member = (await session.execute(query, keys)).scalar_one()
    refresh_member(member, first_name=first_name, username=username)
    return member


def refresh_member(member: Member, *, first_name: str, username: str | None) -> None:
    """Keep the person's name as Telegram shows it now (written only when it changed)."""
    if member.first_name != first_name[:255] or member.username != username:
        member.first_name, member.username = first_name[:255], username


# Whether any target (the group's default, or the member's own) was ever set: nearly no
# member has one, and a check-in then needs no query for them.
_HAS_TARGETS = (
    exists()
    .where(
        Target.chat_id == Chat.id, or_(Target.member_id.is_(None), Target.member_id == Member.id)
    )
    .label("has_targets")
)
# A group's row and a person's row in it, read together: nearly every update in a group
# comes from someone the bot knows, and one statement is a round trip less than two.
_KNOWN = (
    select(Chat, Member, _HAS_TARGETS)
    .join(Member, Member.chat_id == Chat.id)
    .where(Chat.telegram_id == bindparam("telegram_id"), Member.user_id == bindparam("user_id"))
    .execution_options(populate_existing=True)
)
# For a check-in: the group's row held against a change of its rules first, then the
# member's row (PostgreSQL locks in the order named; SQLite's transactions take turns). A
# check-in never waits for another member's, nor for the tick claiming the group's posts.
_KNOWN_LOCKED = _KNOWN.suffix_with(
    "FOR KEY SHARE OF chats FOR NO KEY UPDATE OF members", dialect="postgresql"
)


@dataclass(frozen=True, slots=True)
class Known:
    chat: Chat
    member: Member
    has_targets: bool  # False: no target was ever set for them (every day counts)


async def known_member(
    *, session: AsyncSession, telegram_chat_id: int, user_id: int, lock: bool = False
) -> Known | None:
    """The group's row and the person's row in it, when both exist; ``lock`` holds the
    member's row as ``ensure_member`` does, and the group's as ``get_chat``'s ``share``.
    None: use ``ensure_chat`` and ``ensure_member``."""
    query = _KNOWN_LOCKED if lock else _KNOWN
    keys = {"telegram_id": telegram_chat_id, "user_id": user_id}
    row = (await session.execute(query, keys)).first()
    return None if row is None else Known(row[0], row[1], bool(row[2]))


async def is_member(*, session: AsyncSession, telegram_chat_id: int, user_id: int) -> bool:
    """Whether the person has a member row in the group (by the group's Telegram id)."""
    result = await session.execute(
        select(Member.id)
        .join(Chat, Chat.id == Member.chat_id)
        .where(Chat.telegram_id == telegram_chat_id, Member.user_id == user_id)
    )
    return result.first() is not None


async def find_member(
    *, session: AsyncSession, chat_id: int, user_id: int, lock: bool = False
) -> Member | None:
    """The person's row in the group, None if they have none; ``lock`` as ``ensure_member``."""
    query = _MEMBER_LOCKED if lock else _MEMBER
    result = await session.execute(query, {"chat_id": chat_id, "user_id": user_id})
    return result.scalar_one_or_none()


async def members_of(*, session: AsyncSession, chat_id: int) -> list[Member]:
    """Everyone who ever checked in or spoke to the bot in the group."""
    result = await session.execute(
        select(Member).where(Member.chat_id == chat_id, Member.last_entry_day.is_not(None))
    )
    return list(result.scalars())


async def off_the_board(*, session: AsyncSession, chat_id: int) -> set[int]:
    """The user ids of the group's members who left the board (/top hide), checked in or
    not."""
    result = await session.execute(
        select(Member.user_id).where(Member.chat_id == chat_id, Member.board_hidden.is_(True))
    )
    return set(result.scalars())


async def member_by_username(
    *, session: AsyncSession, chat_id: int, username: str
) -> Member | None:
    """The member of the group with this @username (any case), if the bot knows one."""
    result = await session.execute(
        select(Member)
        .where(Member.chat_id == chat_id, func.lower(Member.username) == username.lower())
        .limit(1)
    )
    return result.scalar_one_or_none()


async def groups_of_person(*, session: AsyncSession, user_id: int) -> list[tuple[int, str, bool]]:
    """The groups (Telegram id, title, is a forum) where the person has a member row."""
    result = await session.execute(
        select(Chat.telegram_id, Chat.title, Chat.is_forum)
        .join(Member, Member.chat_id == Chat.id)
        .where(Member.user_id == user_id, Chat.active.is_(True))
        .order_by(Chat.title, Chat.telegram_id)
    )
    return [(telegram_id, title, is_forum) for telegram_id, title, is_forum in result]
