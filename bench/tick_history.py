"""bench_tick's ``--history``: the cue and the recap per group, for members with 10 days of
history and for members with 1,000, in one run, side by side. Both should cost what the day
costs: the same for either.

Two sets of ``groups`` groups, made alike but for their members' history: three members each,
written in bulk with a check-in on every one of the last ``days`` days (the second member
missed the last three, so that checking in today is a comeback), their kept streak states as
those histories leave them, and the groups' day counts. The sets' posts fall at different
times, so each tick posts one set's: cues at 09:00 and 10:00 UTC, recaps at 20:00 and 21:00.
Each simulated day, two members of every group check in (the action itself, in a unit of work
of its own, as the /done handler makes it) between the cues and the recaps, so every recap
has someone who showed up, a comeback on the first day, and someone at risk. A tick's own
cost per group is its wall time less the fake Telegram's, over the groups; its posts are then
sent (fake time passing) outside that timing. The medians over ``rounds`` days are printed.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from typing import Any

from sqlalchemy import insert, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from bench.common import RULES, BenchBot, chunks, describe, member_row, start_bot
from bot.actions.checkin import CheckIn, NotRecorded, check_in
from bot.actions.places import GroupSeen, PersonSeen
from bot.clock import ManualClock
from bot.domain.streaks import Mark, replay
from bot.store.db import session_scope
from bot.store.models import Chat, ChatDay, Member
from bot.store.models import CheckIn as CheckInRow

HISTORIES = (10, 1_000)
MONDAY = datetime(2026, 3, 2, tzinfo=UTC)
# Each member's gap before today, in days: the second one's three make today a comeback.
MISSED = (0, 3, 0)
# Who checks in each day: the first two (the third stays at risk).
CHECKING_IN = (0, 1)
USER_IDS = 700_000_000
SEED_SECONDS = 600.0


@dataclass
class GroupSet:
    """One set of groups: its members' history, its post times, its per-group costs."""

    days: int
    cue_at: clock_time
    recap_at: clock_time
    telegram_ids: list[int] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    cue_ms: list[float] = field(default_factory=list)
    recap_ms: list[float] = field(default_factory=list)


async def run_history(
    database_url: str, groups: int, rounds: int, timed_tick: Any, forget: Any
) -> None:
    """``timed_tick`` and ``forget`` are bench_tick's own: one tick and its posts sent, and
    the fake Telegram's copies of them dropped."""
    today = MONDAY.date()
    bench = await start_bot(database_url, ManualClock(MONDAY + timedelta(hours=8)))
    sets = [
        GroupSet(HISTORIES[0], clock_time(9), clock_time(20)),
        GroupSet(HISTORIES[1], clock_time(10), clock_time(21)),
    ]
    print(
        f"the cue and the recap per group by history, {groups:,} groups a set, "
        f"against {describe(database_url)}"
    )
    try:
        owner = bench.tg.add_user("Owner", username="owner")
        for group_set in sets:
            for n in range(groups):
                title = f"{group_set.days} days, group {n}"
                chat = bench.tg.add_group(title, creator=owner)
                bench.tg.add_bot(chat.id, by=owner)
                group_set.telegram_ids.append(chat.id)
                group_set.titles.append(title)
        bench.tg.bot().queue.clear()  # the join updates: the rows are written directly
        bench.tg.rate_limits = True
        for group_set in sets:
            started = time.perf_counter()
            rows = await seed(bench, group_set, today)
            print(
                f"  {group_set.days:>5,} days: {rows:,} check-ins written in "
                f"{time.perf_counter() - started:.1f} s"
            )
        day = today
        for _ in range(rounds):
            for group_set in sets:
                bench.clock.set(at(day, group_set.cue_at))
                group_set.cue_ms.append(await own_ms(bench, groups, timed_tick, forget))
            bench.clock.set(at(day, clock_time(12)))
            for group_set in sets:
                await check_in_today(bench, group_set)
            for group_set in sets:
                bench.clock.set(at(day, group_set.recap_at))
                group_set.recap_ms.append(await own_ms(bench, groups, timed_tick, forget))
            day += timedelta(days=1)
        print(f"\nthe tick's own cost, ms per group, median of {rounds} days (min-max)")
        print(f"  {'history':>13}   {'cue':>22}   {'recap':>22}")
        for group_set in sets:
            print(
                f"  {group_set.days:>8,} days   {spread(group_set.cue_ms):>22}   "
                f"{spread(group_set.recap_ms):>22}"
            )
    finally:
        await bench.close()


def at(day: date, moment: clock_time) -> datetime:
    return datetime.combine(day, moment, tzinfo=UTC)


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):.3f} ({min(values):.3f}-{max(values):.3f})"


async def own_ms(bench: BenchBot, groups: int, timed_tick: Any, forget: Any) -> float:
    _report, elapsed, fake, _sending = await timed_tick(bench, groups)
    forget(bench)
    return float((elapsed - fake) / groups * 1e3)


async def seed(bench: BenchBot, group_set: GroupSet, today: date) -> int:
    """The set's groups, members, check-ins and day counts, in bulk; the check-ins written."""
    histories = [
        [today - timedelta(days=n) for n in range(group_set.days + missed, missed, -1)]
        for missed in MISSED
    ]
    states = [replay(dict.fromkeys(days, Mark.DONE), [], RULES) for days in histories]
    created = at(today, clock_time(0)) - timedelta(days=group_set.days + 30)
    written = 0
    # Hundreds of thousands of rows: longer than a unit of work's deadline.
    async with session_scope(bench.services.sessions, within=SEED_SECONDS) as session:
        chat_rows: list[dict[str, Any]] = [
            {
                "telegram_id": telegram_id,
                "title": title,
                "is_forum": False,
                "active": True,
                "created_at": created,
                "cue_time": group_set.cue_at,
                "recap_time": group_set.recap_at,
                "next_cue_at": at(today, group_set.cue_at),
                "next_recap_at": at(today, group_set.recap_at),
            }
            for telegram_id, title in zip(group_set.telegram_ids, group_set.titles, strict=True)
        ]
        for part in chunks(chat_rows):
            await session.execute(insert(Chat), part)
        chat_ids = list(
            (
                await session.execute(
                    select(Chat.id)
                    .where(Chat.telegram_id.in_(group_set.telegram_ids))
                    .order_by(Chat.id)
                )
            ).scalars()
        )
        member_rows = [
            member_row(chat_id, user_id(chat_id, n), f"Member {n}", state, created)
            for chat_id in chat_ids
            for n, state in enumerate(states)
        ]
        for part in chunks(member_rows):
            await session.execute(insert(Member), part)
        members = (
            await session.execute(
                select(Member.id, Member.user_id, Member.chat_id)
                .where(Member.chat_id.in_(chat_ids))
                .order_by(Member.id)
            )
        ).all()
        rows: list[dict[str, Any]] = []
        for member_id, member_user_id, chat_id in members:
            for day in histories[(member_user_id - user_id(chat_id, 0))]:
                rows.append(
                    {
                        "member_id": member_id,
                        "day": day,
                        "kind": Mark.DONE.value,
                        "note": "",
                        "created_at": at(day, clock_time(12)),
                        "source": f"history:{member_id}:{day.isoformat()}",
                    }
                )
            if len(rows) >= 20_000:
                written += await _insert_all(session, CheckInRow, rows)
        written += await _insert_all(session, CheckInRow, rows)
        counts: dict[date, int] = {}
        for days in histories:
            for day in days:
                counts[day] = counts.get(day, 0) + 1
        day_rows = [
            {"chat_id": chat_id, "day": day, "members": members_that_day}
            for chat_id in chat_ids
            for day, members_that_day in counts.items()
        ]
        await _insert_all(session, ChatDay, day_rows)
    # The planner's statistics, as a database that grew to this size over time has them
    # (left to autovacuum, the first ticks would be planned for tables still empty).
    async with bench.services.engine.connect() as connection:
        await connection.execution_options(isolation_level="AUTOCOMMIT")
        await connection.execute(text("ANALYZE"))
    return written


async def _insert_all(session: AsyncSession, model: Any, rows: list[dict[str, Any]]) -> int:
    """Insert ``rows`` in chunks, and empty the list; how many there were."""
    count = len(rows)
    for part in chunks(rows):
        await session.execute(insert(model), part)
    rows.clear()
    return count


def user_id(chat_id: int, n: int) -> int:
    return USER_IDS + chat_id * 10 + n


async def check_in_today(bench: BenchBot, group_set: GroupSet) -> None:
    """The members of ``CHECKING_IN`` check in, each in a unit of work, as /done does."""
    svc = bench.services
    now = bench.clock.now()
    async with session_scope(svc.sessions) as session:
        chats = (
            await session.execute(
                select(Chat.id, Chat.telegram_id, Chat.title).where(
                    Chat.telegram_id.in_(group_set.telegram_ids)
                )
            )
        ).all()
    for chat_id, telegram_id, title in chats:
        group = GroupSeen(telegram_id, title)
        for n in CHECKING_IN:
            person = PersonSeen(user_id(chat_id, n), f"Member {n}", None)
            source = f"bench:{person.user_id}:{now.date().isoformat()}"
            async with svc.work() as uow:
                outcome = await check_in(uow, group, person, CheckIn(Mark.DONE, "", now, source))
            assert not isinstance(outcome, NotRecorded), outcome
