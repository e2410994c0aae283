"""Challenges: the group's current one, who joined, their counted days inside it, and the
ones whose results are due.

A group has at most one challenge not finished (a partial unique index): starting a second
one is refused by the database, whatever races. Finishing is a conditional update, so the
results are written once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.store.checkins import counted_days
from bot.store.db import insert_for
from bot.store.models import Challenge, ChallengeMember, Chat, Member


async def current_challenge(*, session: AsyncSession, chat_id: int) -> Challenge | None:
    """The group's challenge not finished yet (coming, running or waiting for its results)."""
    result = await session.execute(
        select(Challenge).where(Challenge.chat_id == chat_id, Challenge.finished_at.is_(None))
    )
    return result.scalar_one_or_none()


async def current_challenges(
    *, session: AsyncSession, chat_ids: Sequence[int]
) -> dict[int, Challenge]:
    """The current challenge of each of these groups that has one, by chat row id."""
    if not chat_ids:
        return {}
    result = await session.execute(
        select(Challenge).where(
            Challenge.chat_id.in_(list(chat_ids)), Challenge.finished_at.is_(None)
        )
    )
    return {challenge.chat_id: challenge for challenge in result.scalars()}


async def add_challenge(*, session: AsyncSession, challenge: Challenge) -> bool:
    """Add the group's new challenge; False if it already has one (the database says)."""
    try:
        async with session.begin_nested():
            session.add(challenge)
            await session.flush()
    except IntegrityError:
        return False
    return True


async def join(*, session: AsyncSession, challenge_id: int, member_id: int, now: datetime) -> bool:
    """The member joins; False if they had already."""
    insert = insert_for(session)
    done = await session.execute(
        insert(ChallengeMember)
        .values(challenge_id=challenge_id, member_id=member_id, joined_at=now)
        .on_conflict_do_nothing(index_elements=["challenge_id", "member_id"])
        .returning(ChallengeMember.id)
    )
    return done.scalar_one_or_none() is not None


async def finish(
    *, session: AsyncSession, challenge_id: int, now: datetime, stopped: bool = False
) -> bool:
    """Finish the challenge if nothing else did; True when this call did."""
    done = await session.execute(
        update(Challenge)
        .where(Challenge.id == challenge_id, Challenge.finished_at.is_(None))
        .values(finished_at=now, stopped=stopped)
        .returning(Challenge.id)
    )
    return done.scalar_one_or_none() is not None


def postpone_results(challenge: Challenge, until: datetime) -> None:
    challenge.results_at = until


@dataclass(frozen=True, slots=True)
class Joined:
    """A member in a challenge, with their counted days inside it."""

    member: Member
    days: frozenset[date]


async def joined(
    *, session: AsyncSession, challenge: Challenge, kinds: Sequence[str], until: date | None = None
) -> list[Joined]:
    """Who joined ``challenge`` (in the order they joined), each with their days of entries
    of ``kinds`` from its first day to its last (or ``until``): the challenge's days only."""
    members = list(
        (
            await session.execute(
                select(Member)
                .join(ChallengeMember, ChallengeMember.member_id == Member.id)
                .where(ChallengeMember.challenge_id == challenge.id)
                .order_by(ChallengeMember.joined_at, ChallengeMember.id)
            )
        ).scalars()
    )
    last = challenge.last_day if until is None else min(until, challenge.last_day)
    days = await counted_days(
        session=session,
        member_ids=[m.id for m in members],
        first=challenge.first_day,
        last=last,
        kinds=kinds,
    )
    return [Joined(m, frozenset(days.get(m.id, ()))) for m in members]


async def results_due(
    *, session: AsyncSession, now: datetime, limit: int, left_out: Sequence[int] = ()
) -> list[tuple[Challenge, Chat]]:
    """Challenges of active groups whose results are due at ``now``, earliest first, but
    those in ``left_out`` (ids, seen already); nothing is held."""
    query = (
        select(Challenge, Chat)
        .join(Chat, Chat.id == Challenge.chat_id)
        .where(
            Chat.active.is_(True),
            Challenge.finished_at.is_(None),
            Challenge.results_at <= now,
        )
        .order_by(Challenge.results_at)
        .limit(limit)
    )
    if left_out:
        query = query.where(Challenge.id.not_in(list(left_out)))
    return [(row[0], row[1]) for row in (await session.execute(query)).all()]


async def joined_by(
    *, session: AsyncSession, user_id: int, chat_id: int | None = None
) -> list[tuple[Challenge, datetime, str]]:
    """The challenges the person joined (in one group, or in all): each with when they
    joined and the group's title (``/export``)."""
    scope = [Member.user_id == user_id]
    if chat_id is not None:
        scope.append(Member.chat_id == chat_id)
    rows = await session.execute(
        select(Challenge, ChallengeMember.joined_at, Chat.title)
        .join(ChallengeMember, ChallengeMember.challenge_id == Challenge.id)
        .join(Member, Member.id == ChallengeMember.member_id)
        .join(Chat, Chat.id == Member.chat_id)
        .where(*scope)
    )
    return [(challenge, joined_at, title) for challenge, joined_at, title in rows]
