"""Members' histories for the pictures (``/stats``, the weekly picture) and for ``/export``.

The pictures read whole histories or windows of them; ``/export`` reads a person's own
entries, breaks and goals with their group's title.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import bindparam, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.streaks import Mark, strongest_marks
from bot.domain.weeks import KeptBest, NamedHistory
from bot.store.checkins import MARKS
from bot.store.db import table_of
from bot.store.models import Break, Chat, CheckIn, Goal, Member, Target


def _strongest(rows: Iterable[tuple[int, date, str]]) -> dict[int, dict[date, Mark]]:
    """Days by member (``bot.domain.streaks.strongest_marks``)."""
    entries: dict[int, list[tuple[date, Mark]]] = defaultdict(list)
    for member_id, day, kind in rows:
        entries[member_id].append((day, MARKS[kind]))
    return {member_id: strongest_marks(days) for member_id, days in entries.items()}


async def group_histories(
    *, session: AsyncSession, chat_id: int, since: date, until: date
) -> list[dict[date, Mark]]:
    """Each member's days in ``since``..``until`` (members without one are left out)."""
    rows = await session.execute(
        select(CheckIn.member_id, CheckIn.day, CheckIn.kind)
        .join(Member, Member.id == CheckIn.member_id)
        .where(Member.chat_id == chat_id, CheckIn.day >= since, CheckIn.day <= until)
    )
    return list(_strongest(rows).values())


async def members_marks(
    *, session: AsyncSession, member_ids: Iterable[int], since: date, until: date | None = None
) -> dict[int, dict[date, Mark]]:
    """The members' days from ``since`` on (up to ``until``, if given), by member id (members
    without one are left out)."""
    days = CheckIn.day >= since if until is None else CheckIn.day.between(since, until)
    rows = await session.execute(
        select(CheckIn.member_id, CheckIn.day, CheckIn.kind).where(
            CheckIn.member_id.in_(list(member_ids)), days
        )
    )
    return _strongest(rows)


@dataclass(frozen=True, slots=True)
class MemberHistory:
    member_id: int
    history: NamedHistory
    hidden: bool  # left the board: counted, but not named


async def week_histories(
    *, session: AsyncSession, chat_id: int, since: date, until: date
) -> list[MemberHistory]:
    """Every member's days for a week's picture, with their name and best week kept: from
    ``since`` (the week and the days before it that "active" needs), and from a week before
    their kept best week's end where that is earlier (the weeks it doesn't cover yet); a
    member without one, their whole history (once: the picture keeps it)."""
    members = {
        m.id: m
        for m in (await session.execute(select(Member).where(Member.chat_id == chat_id))).scalars()
    }
    starts = {mid: _reads_from(m, since) for mid, m in members.items()}
    whole = [mid for mid, start in starts.items() if start is None]
    windowed = [mid for mid, start in starts.items() if start is not None]
    earliest = min((start for start in starts.values() if start is not None), default=since)
    rows = list(
        await session.execute(
            select(CheckIn.member_id, CheckIn.day, CheckIn.kind).where(
                CheckIn.member_id.in_(whole), CheckIn.day <= until
            )
        )
    )
    rows += [
        row
        for row in await session.execute(
            select(CheckIn.member_id, CheckIn.day, CheckIn.kind).where(
                CheckIn.member_id.in_(windowed), CheckIn.day >= earliest, CheckIn.day <= until
            )
        )
        if row[1] >= (starts[row[0]] or since)
    ]
    return [
        MemberHistory(
            mid,
            NamedHistory(members[mid].first_name, days, _kept(members[mid])),
            members[mid].board_hidden,
        )
        for mid, days in _strongest(rows).items()
    ]


# A kept best week stands for the weeks ending on or before its day: the next picture reads
# from the first day of the first week it doesn't cover.
_A_WEEK_BEFORE = timedelta(days=6)


def _reads_from(member: Member, since: date) -> date | None:
    if member.best_week_until is None:
        return None
    return min(since, member.best_week_until - _A_WEEK_BEFORE)


def _kept(member: Member) -> KeptBest | None:
    if member.best_week_until is None:
        return None
    return KeptBest(member.best_week, member.best_week_until)


async def keep_best_weeks(*, session: AsyncSession, kept: Mapping[int, KeptBest]) -> None:
    """Keep each member's best week (by member id) after a weekly picture."""
    if kept:
        await session.execute(
            update(table_of(Member)).where(table_of(Member).c.id == bindparam("member_id")),
            [
                {"member_id": mid, "best_week": k.days, "best_week_until": k.until}
                for mid, k in kept.items()
            ],
        )


@dataclass(frozen=True, slots=True)
class ExportRow:
    """One line of a person's exported history."""

    day: date
    group: str
    kind: str  # "done", "fail", "break", "goal", "plan" or "target"
    note: str
    until: date | None  # a break's last day, a goal's day reached
    recorded_at: datetime
    proof: str = ""  # an entry's: the media it came with (bot.domain.proof.ProofKind)


async def export_rows(
    *, session: AsyncSession, user_id: int, chat_id: int | None = None
) -> list[ExportRow]:
    """The person's entries, breaks and targets (in one group, or in all). A target's row
    is dated by the first day of the week it is in force from; its note is the check-ins a
    week, or "daily"."""
    scope = [Member.user_id == user_id]
    if chat_id is not None:
        scope.append(Member.chat_id == chat_id)
    found: list[ExportRow] = []
    entries = await session.execute(
        select(
            CheckIn.day, Chat.title, CheckIn.kind, CheckIn.note, CheckIn.created_at, CheckIn.proof
        )
        .join(Member, Member.id == CheckIn.member_id)
        .join(Chat, Chat.id == Member.chat_id)
        .where(*scope)
    )
    found += [ExportRow(d, t, k, n, None, at, p or "") for d, t, k, n, at, p in entries]
    breaks = await session.execute(
        select(Break.start_day, Chat.title, Break.reason, Break.end_day, Break.created_at)
        .join(Member, Member.id == Break.member_id)
        .join(Chat, Chat.id == Member.chat_id)
        .where(*scope, Break.end_day >= Break.start_day)
    )
    found += [ExportRow(s, t, "break", r, e, at) for s, t, r, e, at in breaks]
    targets = await session.execute(
        select(Target.starts, Chat.title, Target.per_week, Target.set_at)
        .join(Member, Member.id == Target.member_id)
        .join(Chat, Chat.id == Member.chat_id)
        .where(*scope)
    )
    found += [
        ExportRow(s, t, "target", "daily" if n is None else str(n), None, at)
        for s, t, n, at in targets
    ]
    return found


async def goal_rows(
    *, session: AsyncSession, user_id: int, chat_id: int | None = None
) -> list[tuple[Goal, Member, Chat]]:
    """The person's goals (in one group, or in all), with their member row and group."""
    scope = [Member.user_id == user_id]
    if chat_id is not None:
        scope.append(Member.chat_id == chat_id)
    goals = await session.execute(
        select(Goal, Member, Chat)
        .join(Member, Member.id == Goal.member_id)
        .join(Chat, Chat.id == Member.chat_id)
        .where(*scope)
    )
    return [(goal, member, chat) for goal, member, chat in goals]


async def member_rows(
    *, session: AsyncSession, user_id: int, chat_id: int | None = None
) -> list[tuple[Member, Chat]]:
    """The person's member rows (in one group, or in all), with the group: what /export
    reads of them (their plan, their pair)."""
    scope = [Member.user_id == user_id]
    if chat_id is not None:
        scope.append(Member.chat_id == chat_id)
    rows = await session.execute(
        select(Member, Chat).join(Chat, Chat.id == Member.chat_id).where(*scope)
    )
    return [(member, chat) for member, chat in rows]
