"""The minute the bot exists for: 1,000 groups' cue at once, then every member's /done.

Run on demand, never in the test suite:

    python -m bench.bench_burst                     # 1,000 groups of 20, SQLite
    python -m bench.bench_burst --groups 100        # a quicker, smaller run
    python -m bench.bench_burst --database-url postgresql+asyncpg://user@host:5432/postgres

``--groups`` groups of ``--members`` members, all known to the bot (four days in a row
behind them, so today's /done is an ordinary one), have their cue at 09:00 UTC. The bot runs
as ``habitloop run`` runs it (``bot.runtime.Runtime``: rate limiter, update processor,
inbox, courier, long polling, and the ticker firing the tick), against the fake Telegram
with its limits on: 30 messages a second overall, 20 a minute into one group. Then each
member sends /done at a random second of the next ten minutes of the fake clock.

The fake clock moves as it does in the end-to-end tests: second by second, and to every
moment the bot sleeps until in between, the bot doing all it can at each moment first. So
the fake time from a /done to its reaction is what the bot made it wait (its limits, its
queues), and the wall time is what the work cost.

It prints the wall time, the updates handled per second, the check-ins confirmed (a
reaction on each /done, and the member named in a reply), p50/p99 of the fake time from a
/done to its reaction, and the most bot messages one group got in any minute. Then the same
traffic (one more day, the same members at the same seconds) goes through a bare
python-telegram-bot bot that sets a reaction and replies, for its updates per second.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import random
import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

if __package__ in {None, ""}:  # run as a file: make ``bot`` and ``bench`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import func, select

from bench.common import (
    BOT_USERNAME,
    START,
    TOKEN,
    FakeTime,
    add_known_groups,
    describe,
    echo_application,
    median,
    percentile,
    scratch_database,
    start_runtime,
    unfinished,
)
from bot.clock import ManualClock
from bot.faketelegram import Chat, FakeTelegram, User
from bot.faketelegram.world import Change
from bot.store.db import session_scope
from bot.store.models import CheckIn

GROUPS = 1_000
MEMBERS = 20
CUE_AT = START  # 09:00 UTC, every group's cue
MINUTES = 10  # every member checks in within this many minutes after the cue
STEP = timedelta(seconds=1)  # the fake clock's step: Telegram dates messages in seconds
DRAIN = timedelta(minutes=15)  # time for the last replies to go out, waiting for the limits
TICK_SECONDS = 1.0  # real seconds between the ticker's ticks
BUSY_WITHIN = 120.0  # real seconds the bot may take at one moment of fake time
SEED = 9

GOAL_P99 = 2.0  # seconds of fake time from a /done to its reaction
GOAL_PER_GROUP = 20  # bot messages into one group in any minute (Telegram's limit)

HISTORY = 4  # days in a row before the cue's, each checked in: today is day 5


@dataclass
class Crowd:
    groups: list[tuple[Chat, list[User]]]

    @property
    def people(self) -> int:
        return sum(len(people) for _, people in self.groups)


@dataclass
class Seen:
    """What the fake Telegram showed during one run, stamped with the fake clock."""

    sent: dict[tuple[int, int], datetime] = field(default_factory=dict)  # each /done
    reacted: dict[tuple[int, int], datetime] = field(default_factory=dict)
    bot_messages: dict[int, list[datetime]] = field(default_factory=lambda: defaultdict(list))
    cues: int = 0

    def watcher(self, clock: ManualClock, bot_id: int) -> Callable[[Change], None]:
        def on_change(change: Change) -> None:
            message = change.message
            if message is None or change.chat is None:
                return
            if change.kind == "reaction":
                self.reacted.setdefault((change.chat.id, message.message_id), clock.now())
            elif change.kind == "message" and _from(message.sender, bot_id) and not message.service:
                self.bot_messages[change.chat.id].append(clock.now())
                self.cues += bool(message.buttons)

        return on_change

    def latencies(self) -> list[float]:
        return [
            (self.reacted[key] - at).total_seconds()
            for key, at in self.sent.items()
            if key in self.reacted
        ]

    def most_in_a_minute(self) -> int:
        """The most bot messages one group got within any 60 seconds (Telegram's window)."""
        most = 0
        for times in self.bot_messages.values():
            first = 0
            for last, moment in enumerate(times):
                while times[first] <= moment - timedelta(minutes=1):
                    first += 1
                most = max(most, last - first + 1)
        return most


# The members' names: group and member number, so no name is part of another.
NAME = re.compile(r"\bG\d+M\d+\b")


def _from(sender: User | None, bot_id: int) -> bool:
    return sender is not None and sender.id == bot_id


# -- setting up ------------------------------------------------------------------------


def make_crowd(tg: FakeTelegram, groups: int, members: int) -> Crowd:
    """The groups in the fake Telegram, each with its members and the bot."""
    owner = tg.add_user("Owner", username="owner")
    made = []
    for g in range(groups):
        chat = tg.add_group(f"Group {g}", creator=owner)
        people = [tg.add_user(f"G{g}M{m}") for m in range(members)]
        for person in people:
            tg.add_member(chat.id, person)
        tg.add_bot(chat.id, by=owner)
        made.append((chat, people))
    tg.bot().queue.clear()  # the join updates: the groups go to the database directly
    return Crowd(made)


def plan(crowd: Crowd, span: timedelta) -> dict[int, list[tuple[Chat, User]]]:
    """Who sends /done at which second of ``span`` after the cue, the same on every run."""
    chance = random.Random(SEED)
    seconds = int(span / STEP)
    at: dict[int, list[tuple[Chat, User]]] = defaultdict(list)
    for chat, people in crowd.groups:
        for person in people:
            at[chance.randint(1, seconds)].append((chat, person))
    return at


# -- one run ---------------------------------------------------------------------------


async def burst(
    tg: FakeTelegram,
    time_: FakeTime,
    schedule: dict[int, list[tuple[Chat, User]]],
    start: datetime,
    span: timedelta,
    seen: Seen,
) -> float:
    """Every planned /done at its second from ``start``, then until the bot is done; the
    wall seconds it took."""
    began = time.perf_counter()
    for second in range(1, int(span / STEP) + 1):
        if second % 60 == 0:
            print(
                f"  … {second // 60} fake minutes: {len(seen.sent):,} /done sent, "
                f"{len(seen.reacted):,} reactions, {time.perf_counter() - began:.0f} s",
                file=sys.stderr,
            )
        await time_.pass_to(start + second * STEP)
        for chat, person in schedule.get(second, []):
            message = tg.send(chat.id, person, "/done")
            seen.sent[(chat.id, message.message_id)] = time_.clock.now()
    await time_.pass_to(start + span + DRAIN)
    return time.perf_counter() - began


@dataclass
class Ours:
    """What our bot's run left behind, beside what the fake Telegram showed."""

    seen: Seen
    wall: float
    saved: int  # check-ins in the database for the day
    named: int  # members named in a reply
    outcomes: dict[str, int]  # the courier's messages, by how they ended
    merged: int  # confirmations that went out merged with others


async def run_ours(
    tg: FakeTelegram, database_url: str, clock: ManualClock, crowd: Crowd, span: timedelta
) -> Ours:
    runtime, _ = await start_runtime(tg, database_url, clock, tick_seconds=TICK_SECONDS)
    seen = Seen()
    stop = tg.watch(seen.watcher(clock, tg.bot().user.id))
    try:
        await add_known_groups(
            runtime.services.sessions, crowd.groups, cue_at=CUE_AT, history=HISTORY
        )
        time_ = FakeTime(clock, lambda: tg.updates_pending() == 0 and runtime.idle, BUSY_WITHIN)
        await time_.pass_to(CUE_AT)
        # The ticker ticks on real time: wait for it to hand every cue to the courier.
        deadline = time.perf_counter() + BUSY_WITHIN
        while seen.cues + runtime.services.courier.outstanding < len(crowd.groups):
            assert time.perf_counter() < deadline, "the ticker did not post the cues"
            await asyncio.sleep(0.01)
        wall = await burst(tg, time_, plan(crowd, span), CUE_AT, span, seen)
        tg.raise_for_problems()
        counts = runtime.services.courier.counts
        return Ours(
            seen,
            wall,
            await checkins_on(runtime.services.sessions, CUE_AT.date()),
            named_in_replies(tg, crowd),
            dict(counts.by_outcome),
            counts.merged,
        )
    finally:
        stop()
        await runtime.stop()


def named_in_replies(tg: FakeTelegram, crowd: Crowd) -> int:
    """Members the bot named in their group, alone ("🔥 G3M7: day 5") or merged with others
    ("✅ G3M7 5 · G3M12 5")."""
    named = 0
    for chat, people in crowd.groups:
        said = {n for m in tg.bot_messages(chat.id) for n in NAME.findall(m.text or "")}
        named += sum(1 for person in people if person.first_name in said)
    return named


async def checkins_on(sessions: Any, day: date) -> int:
    async with session_scope(sessions) as session:
        query = select(func.count()).select_from(CheckIn).where(CheckIn.day == day)
        return int((await session.execute(query)).scalar_one())


async def run_echo(
    tg: FakeTelegram, clock: ManualClock, crowd: Crowd, start: datetime, span: timedelta
) -> tuple[Seen, float, int]:
    """The same traffic through the bare bot; its wall seconds and the calls refused."""
    app, counts = echo_application(TOKEN, tg.request(), tg.request())
    await app.initialize()
    updater = app.updater
    assert updater is not None
    await updater.start_polling(poll_interval=0, timeout=timedelta(seconds=1))
    await app.start()
    seen = Seen()
    stop = tg.watch(seen.watcher(clock, tg.bot().user.id))
    try:
        time_ = FakeTime(
            clock, lambda: tg.updates_pending() == 0 and unfinished(app) == 0, BUSY_WITHIN
        )
        await time_.pass_to(start)
        wall = await burst(tg, time_, plan(crowd, span), start, span, seen)
        assert counts.handled == crowd.people, f"the echo bot handled {counts.handled}"
    finally:
        stop()
        await updater.stop()
        await app.stop()
        await app.shutdown()
    return seen, wall, counts.refused


def report(name: str, seen: Seen, wall: float, people: int) -> None:
    latencies = seen.latencies()
    print(
        f"  {name:<10} {wall:>8.1f} {people / wall:>9.1f} {len(latencies):>10,} "
        f"{median(latencies):>7.3f} {percentile(latencies, 0.99):>7.3f} "
        f"{max(latencies):>7.3f} {seen.most_in_a_minute():>10}"
    )


async def run(database_url: str, groups: int, members: int, minutes: int) -> None:
    span = timedelta(minutes=minutes)
    clock = ManualClock(CUE_AT - timedelta(minutes=5))
    tg = FakeTelegram(clock=clock)  # Telegram's flood limits on, as in production
    tg.create_bot(TOKEN, username=BOT_USERNAME)
    crowd = make_crowd(tg, groups, members)
    print(
        f"{groups:,} groups of {members} members, cue at 09:00 UTC, every member's /done "
        f"within {minutes} minutes after it; against {describe(database_url)}; "
        "the fake Telegram's limits on (30 messages a second, 20 a minute a group)\n"
    )
    ours = await run_ours(tg, database_url, clock, crowd, span)
    echo_start = CUE_AT + timedelta(days=1)
    clock.set(echo_start - timedelta(minutes=5))
    echo, echo_wall, refused = await run_echo(tg, clock, crowd, echo_start, span)

    people = crowd.people
    print(
        f"  {'bot':<10} {'wall s':>8} {'updates/s':>9} {'reactions':>10} "
        f"{'p50 s':>7} {'p99 s':>7} {'max s':>7} {'most/min':>10}"
    )
    report("ours", ours.seen, ours.wall, people)
    report("echo", echo, echo_wall, people)
    print(
        f"\n  (fake seconds from a /done to its reaction; most/min: the most bot messages "
        f"one group got in any minute; the echo bot's calls refused with 429: {refused:,})"
    )
    print(
        f"  ours: {ours.saved:,} check-ins saved, {ours.named:,} members named in a reply, "
        f"{ours.merged:,} confirmations merged; messages by outcome: {ours.outcomes}"
    )
    latencies = ours.seen.latencies()
    confirmed = min(len(latencies), ours.saved, ours.named)
    checks = [
        (confirmed == people, f"every check-in confirmed ({confirmed:,} of {people:,})"),
        (percentile(latencies, 0.99) < GOAL_P99, f"p99 /done→reaction under {GOAL_P99:.0f} s"),
        (ours.seen.most_in_a_minute() <= GOAL_PER_GROUP, "no group over 20 messages a minute"),
    ]
    for met, goal in checks:
        print(f"  {'met' if met else 'MISSED'}: {goal}")
    print(f"  ours at {echo_wall / ours.wall:.0%} of the echo bot's updates/s")


def main() -> None:
    # A tick still busy when the next is due is skipped; APScheduler says so at WARNING each
    # time, which in a busy minute is most of the time and buries the figures.
    logging.getLogger("apscheduler").setLevel(logging.ERROR)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--groups", type=int, default=GROUPS, help="groups (default 1000)")
    parser.add_argument("--members", type=int, default=MEMBERS, help="members each (default 20)")
    parser.add_argument(
        "--minutes", type=int, default=MINUTES, help="minutes the /dones come in (default 10)"
    )
    parser.add_argument(
        "--database-url",
        help="a PostgreSQL server (postgresql+asyncpg://...) to make a scratch database "
        "on; SQLite in a temporary file when omitted",
    )
    args = parser.parse_args()
    with scratch_database(args.database_url, "habitloop_bench_burst") as url:
        asyncio.run(run(url, args.groups, args.members, args.minutes))


if __name__ == "__main__":
    main()
