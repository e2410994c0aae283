"""What replaying a whole group reads and writes (bot.actions.group_replay decides).

One query streams the group's histories, a member at a time, and another reads its breaks;
the states rebuilt are written back in batches. So a group of thousands of members costs a
few statements, and memory holds one batch of histories and one batch of results at a time,
never the group's whole history.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import AsyncIterator
from datetime import date
from typing import Any
from typing import cast as typed

from sqlalchemy import (
    Table,
    bindparam,
    case,
    delete,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain import streaks
from bot.domain.streaks import Rules, StreakState
from bot.domain.weekly_streaks import WeeklyState
from bot.store.chats import forget_group_run
from bot.store.checkins import counting_kinds
from bot.store.db import iso_date
from bot.store.members import weekly_columns
from bot.store.models import Break, ChatDay, CheckIn, Member

# Members read from the stream at a time, and member states written per statement.
FETCH_ROWS = 500
WRITE_BATCH = 500

_MEMBERS = typed(Table, Member.__table__)
_CHECKINS = typed(Table, CheckIn.__table__)
_KEPT = (
    update(_MEMBERS)
    .where(_MEMBERS.c.id == bindparam("member_id"))
    .values(
        streak_current=bindparam("new_current"),
        streak_best=bindparam("new_best"),
        streak_last_day=bindparam("new_last_day"),
        streak_run_start=bindparam("new_run_start"),
        freezes=bindparam("new_freezes"),
        streak_best_before_run=bindparam("new_best_before_run"),
        streak_previous_day=bindparam("new_previous_day"),
        last_entry_day=bindparam("new_last_entry_day"),
        weekly_current=bindparam("new_weekly_current"),
        weekly_best=bindparam("new_weekly_best"),
        weekly_last_week=bindparam("new_weekly_last_week"),
        weekly_run_start=bindparam("new_weekly_run_start"),
        weekly_freezes=bindparam("new_weekly_freezes"),
        weekly_best_before_run=bindparam("new_weekly_best_before_run"),
        weekly_last_day=bindparam("new_weekly_last_day"),
        weekly_check_ins=bindparam("new_weekly_check_ins"),
    )
)


async def rewrite_chat_days(*, session: AsyncSession, chat_id: int, counts: Counter[date]) -> None:
    """How many members showed up on each day, from scratch."""
    await forget_group_run(session=session, chat_id=chat_id)
    await session.execute(delete(ChatDay).where(ChatDay.chat_id == chat_id))
    if counts:
        await session.execute(
            insert(ChatDay),
            [{"chat_id": chat_id, "day": day, "members": n} for day, n in counts.items()],
        )


async def reload_members(*, session: AsyncSession, chat_id: int) -> None:
    """The states were written behind the ORM's back: the members this session holds read
    them again."""
    for loaded in list(session.identity_map.values()):
        if isinstance(loaded, Member) and loaded.chat_id == chat_id:
            await session.refresh(loaded)


async def breaks_by_member(
    *, session: AsyncSession, chat_id: int
) -> dict[int, list[streaks.Break]]:
    rows = await session.execute(
        select(Break.member_id, Break.start_day, Break.end_day)
        .join(Member, Member.id == Break.member_id)
        .where(Member.chat_id == chat_id, Break.end_day >= Break.start_day)
    )
    found: dict[int, list[streaks.Break]] = defaultdict(list)
    for member_id, start, end in rows:
        found[member_id].append(streaks.Break(start, end))
    return found


async def counted_days(
    *, session: AsyncSession, chat_id: int, rules: Rules
) -> AsyncIterator[tuple[int, set[date], date]]:
    """Each member's counted days and latest entry day, one member at a time.

    The database joins each member's counted days into one string (``group_concat`` on
    SQLite, ``string_agg`` on PostgreSQL), so the stream carries one row per member instead
    of one per entry: the difference between seconds and a fraction of one for a big group.
    """
    counted = case((_CHECKINS.c.kind.in_(counting_kinds(rules)), _CHECKINS.c.day))
    members = select(_MEMBERS.c.id).where(_MEMBERS.c.chat_id == chat_id).scalar_subquery()
    stream = await session.stream(
        select(
            _CHECKINS.c.member_id,
            func.aggregate_strings(iso_date(counted), ","),
            func.max(_CHECKINS.c.day),
        )
        .where(_CHECKINS.c.member_id.in_(members))
        .group_by(_CHECKINS.c.member_id)
        .execution_options(yield_per=FETCH_ROWS)
    )
    async for partition in stream.partitions():
        for member_id, joined, latest in partition:
            days = {date.fromisoformat(day) for day in joined.split(",")} if joined else set()
            yield member_id, days, latest


def kept_row(
    member_id: int, state: StreakState, weekly: WeeklyState, last_entry_day: date
) -> dict[str, Any]:
    """A member's rebuilt states, as ``write_kept`` takes them."""
    return {
        **{f"new_{column}": value for column, value in weekly_columns(weekly).items()},
        "member_id": member_id,
        "new_current": state.current,
        "new_best": state.best,
        "new_last_day": state.last_day,
        "new_run_start": state.run_start,
        "new_freezes": state.freezes,
        "new_best_before_run": state.best_before_run,
        "new_previous_day": state.previous_day,
        "new_last_entry_day": last_entry_day,
    }


async def write_kept(*, session: AsyncSession, batch: list[dict[str, Any]]) -> None:
    """Write a batch of ``kept_row``s."""
    if batch:
        await session.execute(_KEPT, batch)
