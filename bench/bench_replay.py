"""How long a change of a group's streak rules takes for a big group, and the memory it needs.

Run on demand, never in the test suite:

    python -m bench.bench_replay                      # SQLite, a temporary file
    python -m bench.bench_replay --database-url postgresql+asyncpg://user@host:5432/postgres

Changing rest days, freezes or whether /fail counts replays every member of the group
(bot.actions.group_replay.replay_group). This sets up one group of ``--members`` members (2,000 by
default), each with a year of history (a check-in most days, an honest fail now and then, a
few missed days, one break each), then times, over ``--rounds`` rounds each:

* **streaming**: ``replay_group`` as the bot runs it (one streaming query in member order, one
  query for the breaks, batched writes);
* **per member**: the previous way, for comparison in the same run: for each member, a query
  for their history and one for their breaks, then the replay and an ORM update.

Each round is its own transaction, rolled back, so every round replays the same data. It
prints the median and the spread in seconds, and the peak of Python's allocations during one
more round of each (tracemalloc, which slows that round; not part of the timings). The goal
is under 2 s for 2,000 members with a year each, on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import time
import tracemalloc
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from zoneinfo import ZoneInfo

if __package__ in {None, ""}:  # run as a file: make ``bot`` and ``bench`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from bench.common import START, describe, median, scratch_database
from bot.actions.group_replay import replay_group
from bot.actions.uow import UnitOfWork
from bot.domain import streaks
from bot.domain.streaks import Mark
from bot.store.breaks import member_breaks
from bot.store.chats import rules_of
from bot.store.checkins import history
from bot.store.db import SessionFactory, make_engine, make_session_factory, session_scope
from bot.store.members import keep_state
from bot.store.models import Break, Chat, CheckIn, Member

INSERT_CHUNK = 20_000


async def set_up(session: AsyncSession, members: int, days: int, seed: int) -> Chat:
    """One group, ``members`` members with ``days`` days of history each."""
    rng = random.Random(seed)
    now = START
    chat = Chat(telegram_id=-1_002_000_000_001, title="Big group", created_at=now)
    session.add(chat)
    await session.flush()
    first = now.date() - timedelta(days=days - 1)
    await session.execute(
        insert(Member),
        [
            {
                "chat_id": chat.id,
                "user_id": 100_000_000 + n,
                "first_name": f"Member {n}",
                "joined_at": now,
            }
            for n in range(members)
        ],
    )
    ids = list(
        (await session.execute(select(Member.id).where(Member.chat_id == chat.id))).scalars()
    )
    rows: list[dict[str, object]] = []
    breaks: list[dict[str, object]] = []
    for member_id in ids:
        for offset in range(days):
            day = first + timedelta(days=offset)
            roll = rng.random()
            if roll < 0.08:
                continue  # a missed day
            rows.append(
                {
                    "member_id": member_id,
                    "day": day,
                    "kind": (Mark.FAIL if roll < 0.12 else Mark.DONE).value,
                    "note": "",
                    "created_at": datetime.combine(day, clock_time(9), tzinfo=now.tzinfo),
                    "source": f"bench:{member_id}:{offset}",
                }
            )
            if len(rows) >= INSERT_CHUNK:
                await session.execute(insert(CheckIn), rows)
                rows = []
        start = first + timedelta(days=rng.randrange(days))
        breaks.append(
            {
                "member_id": member_id,
                "start_day": start,
                "end_day": start + timedelta(days=rng.randrange(1, 10)),
                "reason": "",
                "created_at": now,
            }
        )
    if rows:
        await session.execute(insert(CheckIn), rows)
    await session.execute(insert(Break), breaks)
    return chat


async def per_member(session: AsyncSession, chat: Chat) -> None:
    """The previous way: two queries and an ORM update per member."""
    rules = rules_of(chat)
    members = (await session.execute(select(Member).where(Member.chat_id == chat.id))).scalars()
    for member in members:
        days = await history(session=session, member_id=member.id)
        breaks = await member_breaks(session=session, member_id=member.id)
        keep_state(member, streaks.replay(days, breaks, rules))
        member.last_entry_day = max(days) if days else None
    await session.flush()


async def streaming(session: AsyncSession, chat: Chat) -> None:
    await replay_group(UnitOfWork(session, START, ZoneInfo("UTC")), chat)


Way = Callable[[AsyncSession, Chat], Awaitable[None]]


async def one_round(sessions: SessionFactory, chat_id: int, way: Way, *, traced: bool) -> float:
    """One replay in a transaction that is rolled back; seconds, or peak MiB when traced."""
    async with sessions() as session:
        chat = (await session.execute(select(Chat).where(Chat.id == chat_id))).scalar_one()
        chat.rest_days = 0b1000000  # Sundays rest: a rules change
        if traced:
            tracemalloc.start()
        started = time.perf_counter()
        await way(session, chat)
        elapsed = time.perf_counter() - started
        if traced:
            peak = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
            await session.rollback()
            return peak
        await session.rollback()
        return elapsed


async def run(database_url: str, members: int, days: int, rounds: int) -> None:
    engine = make_engine(database_url)
    sessions = make_session_factory(engine)
    try:
        began = time.perf_counter()
        async with session_scope(sessions) as session:
            chat = await set_up(session, members, days, seed=7)
            chat_id = chat.id
        print(
            f"replaying a group of {members:,} members x {days} days against "
            f"{describe(database_url)} (set-up {time.perf_counter() - began:.1f} s)"
        )
        print(f"{'':>12} {'median s':>9} {'min s':>7} {'max s':>7} {'peak MiB':>9}")
        for name, way in (("streaming", streaming), ("per member", per_member)):
            seconds = [await one_round(sessions, chat_id, way, traced=False) for _ in range(rounds)]
            peak = await one_round(sessions, chat_id, way, traced=True)
            print(
                f"{name:>12} {median(seconds):>9.2f} {min(seconds):>7.2f} {max(seconds):>7.2f} "
                f"{peak:>9.1f}"
            )
        await check_equal(sessions, chat_id)
    finally:
        await engine.dispose()


async def check_equal(sessions: SessionFactory, chat_id: int) -> None:
    """Both ways leave every member in the same state."""
    states: list[list[tuple[object, ...]]] = []
    for way in (streaming, per_member):
        async with sessions() as session:
            chat = (await session.execute(select(Chat).where(Chat.id == chat_id))).scalar_one()
            chat.rest_days = 0b1000000
            await way(session, chat)
            await session.flush()
            rows = await session.execute(
                select(
                    Member.id,
                    Member.streak_current,
                    Member.streak_best,
                    Member.freezes,
                    Member.streak_last_day,
                    Member.last_entry_day,
                )
                .where(Member.chat_id == chat_id)
                .order_by(Member.id)
            )
            states.append([tuple(row) for row in rows])
            await session.rollback()
    assert states[0] == states[1], "the two ways disagree"
    print("both ways leave every member in the same state")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", help="a PostgreSQL server; SQLite when omitted")
    parser.add_argument("--members", type=int, default=2_000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with scratch_database(args.database_url, "habitloop_bench_replay") as url:
        asyncio.run(run(url, args.members, args.days, args.rounds))


if __name__ == "__main__":
    main()
