"""The scheduler's tick when 10,000 groups have their cue in the same minute.

Run on demand, never in the test suite:

    python -m bench.bench_tick                      # SQLite, a temporary file
    python -m bench.bench_tick --database-url postgresql+asyncpg://user@host:5432/postgres
    python -m bench.bench_tick --groups 2000 --profile
    python -m bench.bench_tick --history 100        # the cue and recap by history length

The groups are made in the fake Telegram (the bot added to each) and written to the
database in bulk: every group has its cue at 09:00 UTC (no recap), three members with a
few days of check-ins, one of whom missed yesterday and holds a freeze, and the group's
day counts, so every query of the cue has rows to read. Then the clock is set to 09:00 and
``run_tick`` runs once, for real: it claims due groups in batches of ``BATCH`` (never all
groups at once), and for each one records the post, reads the cue's facts and sends the
message with the check-in button.

What it reports:

* the tick's wall time and the groups it posted to (all of them, or it fails);
* the tick's own cost per group: its wall time minus the time the fake Telegram spent
  answering sendMessage (measured around the in-process door), divided by the groups. That
  is the bot's side: database work, building the message and python-telegram-bot. The goal
  is under 2 ms per group, so 10,000 cues take under 20 seconds of the bot's time;
* the SQL statements per group and the time spent waiting for each kind;
* after each tick, fake time passes until the courier has sent every post, within
  Telegram's limits (30 messages a second overall), which the fake Telegram keeps too: the
  posts a second, from the fake Telegram's side (the posts over the seconds from the first
  to the last, the last one's counted), beside that ceiling; not part of the tick's cost;
* memory over five more ticks, one a day: the process's resident memory (now and peak) and,
  with ``--tracemalloc``, Python's own allocations, after each. The fake Telegram's copies
  of the posted messages are dropped after each tick, as they would live in Telegram;
* the posts a second over the six ticks: the median, and its share of 30 (goal: 95%).

``--profile`` also splits the first tick's own time by step (claiming, committing,
recording the post, reading the cue's facts, sending) and runs the second tick under
cProfile. cProfile slows everything and loses track across SQLAlchemy's greenlet switches,
so read its own-time column for hot leaf functions, not its cumulative one; on SQLite the
statements run on aiosqlite's thread, which it does not see (``epoll.poll`` is the wait).
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import gc
import io
import pstats
import statistics
import sys
import time
import tracemalloc
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import Any

if __package__ in {None, ""}:  # run as a file: make ``bot`` and ``bench`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert, select

from bench.common import (
    START,
    BenchBot,
    FakeTime,
    StatementTimes,
    chunks,
    describe,
    member_row,
    rss_mib,
    scratch_database,
)
from bench.common import start_bot as start_bench_bot
from bench.tick_history import run_history
from bot.clock import ManualClock
from bot.domain.streaks import Mark, Rules, StreakState, replay
from bot.jobs import tick as tick_module
from bot.jobs.tick import BATCH, TickReport, run_tick
from bot.outbox.limits import OVERALL_PER_SECOND
from bot.store.db import session_scope
from bot.store.models import Chat, ChatDay, CheckIn, Member

GOAL_MS = 2.0
# The share of Telegram's 30 messages a second the posts go out at, at least.
RATE_GOAL = 0.95
MEMORY_TICKS = 5
# Real seconds the courier may take to send a tick's posts before the run fails.
SEND_WITHIN = 900.0
CUE_AT = START  # 09:00 UTC: every group's cue
TODAY = CUE_AT.date()
# The rules every group has (the model's defaults), to give the members consistent states.
RULES = Rules(rest_weekdays=frozenset(), freeze_every=7, freeze_max=2, fail_counts=True)
# Each group's three members, by the days they checked in (relative to the cue's day): two
# came yesterday and the day before; the third came for nine days until the day before
# yesterday, earned a freeze, and missed yesterday, so the cue looks at whether it saved them.
HISTORIES: tuple[tuple[int, ...], ...] = ((-2, -1), (-2, -1), tuple(range(-10, -1)))


def member_days(offsets: Sequence[int]) -> dict[date, Mark]:
    return {TODAY + timedelta(days=n): Mark.DONE for n in offsets}


# -- setting up ------------------------------------------------------------------------


def make_groups(bench: BenchBot, count: int) -> list[int]:
    """``count`` supergroups in the fake Telegram with the bot in each; their chat ids."""
    owner = bench.tg.add_user("Owner", username="owner")
    ids = []
    for n in range(count):
        chat = bench.tg.add_group(f"Group {n}", creator=owner)
        bench.tg.add_bot(chat.id, by=owner)
        ids.append(chat.id)
    bench.tg.bot().queue.clear()  # the join updates: the groups go to the database directly
    bench.tg.rate_limits = True  # from here on, as Telegram: 30 messages a second overall
    return ids


async def fill_database(bench: BenchBot, telegram_ids: list[int]) -> None:
    """The groups, their members, check-ins and day counts, in bulk."""
    created = CUE_AT - timedelta(days=30)
    states: list[StreakState] = [replay(member_days(h), [], RULES) for h in HISTORIES]
    assert states[2].freezes > 0, "the third member should hold a freeze"
    async with session_scope(bench.services.sessions) as session:
        chat_rows = [
            {
                "telegram_id": telegram_id,
                "title": f"Group {n}",
                "is_forum": False,
                "active": True,
                "created_at": created,
                "cue_time": clock_time(9, 0),
                "recap_time": None,
                "next_cue_at": CUE_AT,
                "next_recap_at": None,
            }
            for n, telegram_id in enumerate(telegram_ids)
        ]
        for part in chunks(chat_rows):
            await session.execute(insert(Chat), part)
        chat_ids = list((await session.execute(select(Chat.id).order_by(Chat.id))).scalars())

        member_rows = [
            member_row(chat_id, 500_000_000 + chat_id * 10 + n, f"Member {n}", state, created)
            for chat_id in chat_ids
            for n, state in enumerate(states)
        ]
        for part in chunks(member_rows):
            await session.execute(insert(Member), part)
        members = (
            await session.execute(select(Member.id, Member.chat_id).order_by(Member.id))
        ).all()

        checkin_rows = []
        for n, (member_id, _) in enumerate(members):
            for day in member_days(HISTORIES[n % len(HISTORIES)]):
                checkin_rows.append(
                    {
                        "member_id": member_id,
                        "day": day,
                        "kind": Mark.DONE.value,
                        "note": "",
                        "created_at": datetime.combine(day, clock_time(9, 30), tzinfo=UTC),
                        "source": f"bench:{member_id}:{day.isoformat()}",
                    }
                )
        for part in chunks(checkin_rows):
            await session.execute(insert(CheckIn), part)

        counts: dict[date, int] = {}
        for history in HISTORIES:
            for day in member_days(history):
                counts[day] = counts.get(day, 0) + 1
        day_rows = [
            {"chat_id": chat_id, "day": day, "members": members_that_day}
            for chat_id in chat_ids
            for day, members_that_day in counts.items()
        ]
        for part in chunks(day_rows):
            await session.execute(insert(ChatDay), part)


# -- measuring -------------------------------------------------------------------------


async def timed_tick(
    bench: BenchBot, groups: int, statements: StatementTimes | None = None
) -> tuple[TickReport, float, float, Sending]:
    """One tick, then its posts sent: the tick's report, its wall seconds, the seconds the
    fake Telegram took answering during it, and the sending.

    The tick claims the posts and hands them to the courier, which sends them as Telegram's
    limits allow (30 a second overall): fake time passes until every one is out, outside
    the tick's own timing. The fake Telegram keeps those limits too: a post over them would
    be answered 429 and sent again, one call more than there are groups."""
    bench.calls.reset()
    sending = Sending()
    stop_watching = bench.tg.watch(
        lambda change: (
            sending.posted_at.append(bench.clock.now())
            if change.kind == "message" and change.message is not None and change.message.from_bot
            else None
        )
    )
    if statements is not None:
        statements.attach(bench.services.engine)
    started = time.perf_counter()
    try:
        report = await run_tick(bench.services)
        elapsed = time.perf_counter() - started
        fake_in_tick = bench.calls.seconds
        if statements is not None:
            statements.detach(bench.services.engine)
        started = time.perf_counter()
        await send_everything(bench, groups)
        sending.wall = time.perf_counter() - started
    finally:
        stop_watching()
    bench.tg.raise_for_problems()
    assert report.posted == groups, f"posted {report.posted} of {groups}"
    assert report.skipped_late == 0
    assert bench.calls.count == groups, f"{bench.calls.count} calls for {groups} groups"
    assert len(sending.posted_at) == groups, f"{len(sending.posted_at)} posts for {groups} groups"
    return report, elapsed, fake_in_tick, sending


@dataclass
class Sending:
    """A tick's posts going out: the fake moment of each (from the fake Telegram's side),
    and the wall seconds the courier took after the tick."""

    posted_at: list[datetime] = field(default_factory=list)
    wall: float = 0.0

    @property
    def seconds(self) -> float:
        """Fake seconds from the first post to the last."""
        return (max(self.posted_at) - min(self.posted_at)).total_seconds()

    @property
    def rate(self) -> float:
        """Posts a second: Telegram takes 30 in any second, so 30 at best, when every
        second from the first post's to the last one's is full (the last one's counts)."""
        return len(self.posted_at) / (self.seconds + 1)

    def line(self, groups: int) -> str:
        return (
            f"then sending the {groups:,} posts: the last went {self.seconds:.1f} s of fake "
            f"time after the first: {self.rate:.2f} a second, {self.rate / OVERALL_PER_SECOND:.1%} "
            f"of Telegram's {OVERALL_PER_SECOND} a second (the fake Telegram keeping that limit); "
            f"{self.wall:.2f} s wall, not part of the tick's cost"
        )


async def send_everything(bench: BenchBot, groups: int) -> None:
    """Let fake time pass until the courier has sent every post handed to it."""
    courier, budget = bench.services.courier, bench.services.budget
    fake = FakeTime(
        bench.clock, lambda: courier.units <= courier.asleep + budget.waiting, within=SEND_WITHIN
    )
    # One post per group at 30 a second overall, and a minute to spare.
    limit = bench.clock.now() + timedelta(seconds=groups / OVERALL_PER_SECOND + 60)
    await fake.pass_while(lambda: bool(courier.units), limit)
    assert not courier.units, f"{courier.units} posts still unsent"


def forget_posted_messages(bench: BenchBot) -> None:
    """Drop the fake Telegram's copies of what was posted: Telegram keeps them, not the bot."""
    for chat in bench.tg.chats.values():
        chat.messages.clear()


def memory_line() -> str:
    gc.collect()
    now, peak = rss_mib()
    line = f"RSS {now:7.1f} MiB (peak {peak:7.1f})"
    if tracemalloc.is_tracing():
        current, traced_peak = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        line += (
            f"   traced: {current / 2**20:5.1f} MiB held, "
            f"{traced_peak / 2**20:5.1f} MiB peak in the tick"
        )
    return line


class Phases:
    """Time per step of the tick, by wrapping the names ``bot.jobs.tick`` calls (only with
    ``--profile``): the claim, the transaction's end (commit), recording the post, reading
    the cue's facts, and sending (python-telegram-bot plus the fake Telegram)."""

    STEPS = ("claim_due", "record_posts", "cue_facts", "post_to_group")

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._saved: dict[str, Any] = {}

    def add(self, step: str, started: float) -> None:
        self.seconds[step] = self.seconds.get(step, 0.0) + time.perf_counter() - started

    def install(self) -> None:
        for name in (*self.STEPS, "session_scope"):
            self._saved[name] = getattr(tick_module, name)
        wrappers = {name: self._timed(name, self._saved[name]) for name in self.STEPS}
        wrappers["session_scope"] = self._timed_scope(self._saved["session_scope"])
        for name, wrapper in wrappers.items():
            setattr(tick_module, name, wrapper)

    def uninstall(self) -> None:
        for name, original in self._saved.items():
            setattr(tick_module, name, original)

    def _timed(self, step: str, function: Any) -> Any:
        async def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return await function(*args, **kwargs)
            finally:
                self.add(step, started)

        return timed

    def _timed_scope(self, scope: Any) -> Any:
        @asynccontextmanager
        async def timed(sessions: Any) -> AsyncIterator[Any]:
            started = time.perf_counter()
            manager = scope(sessions)
            session = await manager.__aenter__()
            self.add("session_scope: open", started)
            try:
                yield session
            except BaseException:
                await manager.__aexit__(*sys.exc_info())
                raise
            started = time.perf_counter()
            await manager.__aexit__(None, None, None)
            self.add("session_scope: commit and close", started)

        return timed

    def table(self, total: float, fake: float, groups: int) -> list[str]:
        steps = dict(self.seconds)
        steps["post_to_group"] = steps.get("post_to_group", 0.0) - fake
        steps = {
            f"{k} (without the fake)" if k == "post_to_group" else k: v for k, v in steps.items()
        }
        steps["the rest (session.get(Chat), texts, keyboard, loop)"] = (
            total - fake - sum(steps.values())
        )
        lines = [f"    {'ms/group':>9} {'share':>6}  step"]
        own = total - fake
        for step, seconds in sorted(steps.items(), key=lambda item: -item[1]):
            lines.append(f"    {seconds / groups * 1e3:>9.3f} {seconds / own:>6.0%}  {step}")
        return lines


def print_profile(profile: cProfile.Profile, top: int = 25) -> None:
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out)
    stats.strip_dirs().sort_stats("tottime").print_stats(top)
    print("\n".join(line for line in out.getvalue().splitlines()[4:] if line.strip()))


async def run(database_url: str, groups: int, profile: bool, trace: bool) -> None:
    bench = await start_bench_bot(database_url, ManualClock(CUE_AT - timedelta(hours=1)))
    print(f"tick with {groups:,} groups due at once, against {describe(database_url)}")
    try:
        started = time.perf_counter()
        telegram_ids = make_groups(bench, groups)
        made = time.perf_counter() - started
        await fill_database(bench, telegram_ids)
        print(
            f"set-up: {made:.1f} s for the groups in the fake Telegram, "
            f"{time.perf_counter() - started - made:.1f} s for the database rows"
        )
        print(f"before the first tick: {memory_line()}\n")

        bench.clock.set(CUE_AT)
        statements = StatementTimes()
        phases = Phases() if profile else None
        if phases is not None:
            phases.install()
        report, elapsed, fake, sending = await timed_tick(bench, groups, statements)
        if phases is not None:
            phases.uninstall()

        own_ms = (elapsed - fake) / groups * 1e3
        count, waited = statements.total()
        verdict = "within" if own_ms < GOAL_MS else "OVER"
        print(f"first tick: {elapsed:.2f} s, posted to {report.posted:,} groups")
        print(
            f"  fake Telegram answering sendMessage: {fake:.2f} s "
            f"({fake / groups * 1e3:.3f} ms/group)"
        )
        print(f"  the tick's own cost: {own_ms:.3f} ms/group ({verdict} the goal of {GOAL_MS} ms)")
        print(
            f"  of which in the database driver: {waited / groups * 1e3:.3f} ms/group, "
            f"{count / groups:.2f} statements/group"
        )
        claims = sum(n for key, n in statements.counts.items() if "next_cue_at IS NOT NULL" in key)
        print(
            f"  groups claimed in {claims} queries of at most {BATCH} rows: "
            "the tick never loads all groups at once"
        )
        print("  statements, the most expensive first (time inside the driver call):")
        print("\n".join(statements.table(groups)))
        if phases is not None:
            print("  the tick's own time by step (--profile):")
            print("\n".join(phases.table(elapsed, fake, groups)))

        print(sending.line(groups))
        rates = [sending.rate]
        forget_posted_messages(bench)
        print(f"\nafter the first tick: {memory_line()}")
        if trace:
            tracemalloc.start()
        print(f"{MEMORY_TICKS} more ticks, one a day (memory after each):")
        for day in range(1, MEMORY_TICKS + 1):
            bench.clock.advance(timedelta(hours=24))
            profiler = cProfile.Profile() if profile and day == 1 else None
            if profiler is not None:
                profiler.enable()
            report, elapsed, fake, sending = await timed_tick(bench, groups)
            if profiler is not None:
                profiler.disable()
            forget_posted_messages(bench)
            rates.append(sending.rate)
            own = (elapsed - fake) / groups * 1e3
            print(
                f"  day +{day}: {report.posted:,} posted in {elapsed:6.2f} s, "
                f"own {own:.3f} ms/group, sent at {sending.rate:.2f}/s   {memory_line()}"
                + ("   (under cProfile)" if profiler is not None else "")
            )
            if profiler is not None:
                print("  cProfile of that tick, by own time (top 25):")
                print_profile(profiler)
        print(
            f"posts sent a second over the {len(rates)} ticks: median "
            f"{statistics.median(rates):.2f} ({min(rates):.2f}-{max(rates):.2f}), "
            f"{statistics.median(rates) / OVERALL_PER_SECOND:.1%} of Telegram's "
            f"{OVERALL_PER_SECOND} (goal: {RATE_GOAL:.0%})"
        )
    finally:
        if tracemalloc.is_tracing():
            tracemalloc.stop()
        await bench.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--groups", type=int, default=10_000, help="groups due at once")
    parser.add_argument(
        "--database-url",
        help="a PostgreSQL server (postgresql+asyncpg://...) to make a scratch database "
        "on; SQLite in a temporary file when omitted",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="time the first tick's steps, and run the second under cProfile",
    )
    parser.add_argument(
        "--history",
        type=int,
        default=0,
        metavar="GROUPS",
        help="instead: the cue and the recap per group for members with 10 and with 1,000 "
        "days of history, GROUPS groups each (bench/tick_history.py)",
    )
    parser.add_argument(
        "--rounds", type=int, default=5, help="with --history: days, for the medians"
    )
    parser.add_argument(
        "--tracemalloc",
        action="store_true",
        help="also trace Python's allocations during the memory ticks (slows them down)",
    )
    args = parser.parse_args()
    with scratch_database(args.database_url, "habitloop_bench_tick") as url:
        if args.history:
            asyncio.run(
                run_history(url, args.history, args.rounds, timed_tick, forget_posted_messages)
            )
        else:
            asyncio.run(run(url, args.groups, args.profile, args.tracemalloc))


if __name__ == "__main__":
    main()
