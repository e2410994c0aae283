"""How long a /done takes as the member's history grows: it should not grow with it.

Run on demand, never in the test suite:

    python -m bench.bench_done                      # SQLite, a temporary file
    python -m bench.bench_done --database-url postgresql+asyncpg://user@host:5432/postgres

A /done moves the member's kept streak state forward in O(1) (bot.store.checkins); only a
late check-in or an undo replays the whole history. This shows it end to end. For one
member with 10, 1,000 and 100,000 past check-ins (one a day, inserted in bulk, the kept
state set by one replay) it times:

* the full path: the member writes /done in the fake Telegram, the real Application fetches
  it with getUpdates and handles it (database transaction, reaction, reply). Each /done is
  on a new day, so every one is a counted check-in that moves the streak.
* the application layer alone: one unit of work as the handler opens it, with
  ``bot.actions.checkin.check_in`` in it (the group and the member loaded and held, the
  entry, the streak), and ``check_in`` by itself.

Per size: a few warm-up calls, then ``--calls`` timed ones; the median and the 95th
percentile in milliseconds. Each size gets its own group and member, set up just before it
is timed, so the larger sizes also run against a larger ``checkins`` table.

Then updates per second, beside a baseline in the same run: the bot as ``habitloop run``
runs it (long polling, the inbox, the update processor, the courier) and a bare
python-telegram-bot bot that only sets a reaction and replies (the same two Telegram calls),
each against the same fake Telegram. ``--rounds`` rounds, each a new day on which
``--members`` known members, each in a group of their own, send /done at once; the bot is
done with a round when every reaction and reply is out. It prints the median of the rounds
twice: with the fake Telegram in this process (and the SQL statements per /done, all of
them and the /done's own, without the inbox's bookkeeping), and over HTTP with the fake
Telegram in a process of its own (bench.telegram_process), as production runs, with the
CPU per /done of this process. ``--profile`` runs our in-process rounds once more under
cProfile.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path

if __package__ in {None, ""}:  # run as a file: make ``bot`` and ``bench`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert, select

from bench.common import START, BenchBot, describe, median, percentile, scratch_database, start_bot
from bench.throughput import compare, compare_over_http, summary, summary_over_http
from bot.actions import checkin
from bot.actions.checkin import NotRecorded, check_in, replay_member
from bot.actions.places import GroupSeen, PersonSeen
from bot.actions.uow import UnitOfWork
from bot.clock import ManualClock
from bot.domain.streaks import Mark
from bot.faketelegram import Chat, User
from bot.store.chats import get_chat, rules_of
from bot.store.db import session_scope
from bot.store.models import ChatDay, CheckIn, Member

SIZES = (10, 1_000, 100_000)
# The echo bot's CPU per /done over ours, over HTTP on PostgreSQL: the goal.
GOAL = 0.5
WARM_UP = 5
INSERT_CHUNK = 10_000


@dataclass
class Timings:
    """Milliseconds per call."""

    full: list[float]
    fake: list[float]  # the part of ``full`` spent inside the fake Telegram
    transaction: list[float]
    check_in: list[float]


async def add_member_with_history(bench: BenchBot, chat: Chat, user: User, size: int) -> int:
    """The member's row, ``size`` DONE check-ins on the days up to today (one a day, each
    with its own ``source``), the group's day counts, and the kept state from one replay."""
    today = bench.clock.now().date()
    first = today - timedelta(days=size - 1)
    async with session_scope(bench.services.sessions) as session:
        chat_row = await get_chat(session=session, telegram_id=chat.id)
        assert chat_row is not None, "the bot should know the group once it was added"
        member = Member(
            chat_id=chat_row.id,
            user_id=user.id,
            first_name=user.first_name,
            username=user.username,
            joined_at=datetime.combine(first, clock_time(8), tzinfo=START.tzinfo),
        )
        session.add(member)
        await session.flush()
        for begin in range(0, size, INSERT_CHUNK):
            end = min(size, begin + INSERT_CHUNK)
            days = [first + timedelta(days=n) for n in range(begin, end)]
            await session.execute(
                insert(CheckIn),
                [
                    {
                        "member_id": member.id,
                        "day": day,
                        "kind": Mark.DONE.value,
                        "note": "",
                        "created_at": datetime.combine(day, clock_time(9), tzinfo=START.tzinfo),
                        "source": f"history:{member.id}:{day.isoformat()}",
                    }
                    for day in days
                ],
            )
            await session.execute(
                insert(ChatDay), [{"chat_id": chat_row.id, "day": d, "members": 1} for d in days]
            )
        uow = UnitOfWork(session, START, bench.services.default_zone)
        state = (await replay_member(uow, member, rules_of(chat_row), chat_row)).daily
        assert state.current == size
        assert state.last_day == today
        return member.id


async def full_path(
    bench: BenchBot, chat: Chat, user: User, calls: int
) -> tuple[list[float], list[float]]:
    """``calls`` /done messages, one a day, each through getUpdates and process_update."""
    full: list[float] = []
    fake: list[float] = []
    await bench.sent()  # what was answered before (the welcome) is out before counting
    replies_before = len(bench.tg.bot_messages(chat.id))
    for _ in range(calls):
        bench.clock.advance(timedelta(days=1))
        fake_before = bench.calls.seconds
        started = time.perf_counter()
        bench.tg.send(chat.id, user, "/done")
        handled = await bench.deliver()
        full.append((time.perf_counter() - started) * 1e3)
        fake.append((bench.calls.seconds - fake_before) * 1e3)
        assert handled == 1
    await bench.sent()
    bench.tg.raise_for_problems()
    assert len(bench.tg.bot_messages(chat.id)) - replies_before == calls, "one reply per /done"
    return full, fake


async def store_only(
    bench: BenchBot, chat: Chat, user: User, calls: int
) -> tuple[list[float], list[float]]:
    """``calls`` check-ins straight into the application layer, one a day, as the /done
    handler makes them: the whole unit of work, and ``check_in`` inside it."""
    svc = bench.services
    group = GroupSeen(chat.id, chat.title or "")
    person = PersonSeen(user.id, user.first_name, user.username)
    transaction: list[float] = []
    checking: list[float] = []
    for _ in range(calls):
        now = bench.clock.advance(timedelta(days=1))
        started = time.perf_counter()
        async with svc.work() as uow:
            before = time.perf_counter()
            entry = checkin.CheckIn(Mark.DONE, "", now, f"store:{user.id}:{now.date().isoformat()}")
            outcome = await check_in(uow, group, person, entry)
            checking.append((time.perf_counter() - before) * 1e3)
            assert not isinstance(outcome, NotRecorded)
            assert outcome.counted
        transaction.append((time.perf_counter() - started) * 1e3)
    return transaction, checking


async def streak_of(bench: BenchBot, member_id: int) -> tuple[int, date | None]:
    async with session_scope(bench.services.sessions) as session:
        row = (
            await session.execute(
                select(Member.streak_current, Member.streak_last_day).where(Member.id == member_id)
            )
        ).one()
        return row[0], row[1]


async def run(database_url: str, rate_url: str, http_url: str, args: argparse.Namespace) -> None:
    if args.sizes:
        await by_history(database_url, args.calls, args.sizes)
        print()
    result = await compare(rate_url, members=args.members, rounds=args.rounds, profile=args.profile)
    print("\n".join(summary(result, args.rounds, args.members)))
    over_http = await compare_over_http(
        http_url, members=args.members, rounds=args.rounds, spy_rounds=args.spy
    )
    print("\n".join(summary_over_http(over_http, GOAL)))
    if result.profile:
        print("our rounds again under cProfile, by own time (top 30):")
        print(result.profile)


async def by_history(database_url: str, calls: int, sizes: tuple[int, ...]) -> None:
    bench = await start_bot(database_url, ManualClock(START))
    print(f"/done against {describe(database_url)}: {WARM_UP} warm-up and {calls} timed calls")
    print("per size, one new day per call; milliseconds per call, median / p95\n")
    header = (
        f"{'past check-ins':>15} {'setup s':>8} │ {'/done full path':>17} {'in fake TG':>10} │ "
        f"{'store transaction':>17} {'check_in()':>15}"
    )
    print(header)
    print("─" * len(header))
    try:
        for size in sizes:
            user = bench.tg.add_user(f"Member{size}", username=f"member_{size}")
            chat = bench.tg.add_group(f"History of {size}", creator=user)
            bench.tg.add_bot(chat.id, by=user)
            await bench.deliver()

            set_up = time.perf_counter()
            member_id = await add_member_with_history(bench, chat, user, size)
            set_up = time.perf_counter() - set_up

            await full_path(bench, chat, user, WARM_UP)
            full, fake = await full_path(bench, chat, user, calls)
            await store_only(bench, chat, user, WARM_UP)
            transaction, checking = await store_only(bench, chat, user, calls)

            current, last_day = await streak_of(bench, member_id)
            expected = size + 2 * (WARM_UP + calls)
            assert current == expected, f"streak {current}, expected {expected}"
            assert last_day == bench.clock.now().date()
            timings = Timings(full, fake, transaction, checking)
            print(
                f"{size:>15,} {set_up:>8.1f} │ {_pair(timings.full):>17} "
                f"{median(timings.fake):>10.2f} │ {_pair(timings.transaction):>17} "
                f"{_pair(timings.check_in):>15}"
            )
    finally:
        await bench.close()


def _pair(values: list[float]) -> str:
    return f"{median(values):.2f} / {percentile(values, 0.95):.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        help="a PostgreSQL server (postgresql+asyncpg://...) to make a scratch database "
        "on; SQLite in a temporary file when omitted",
    )
    parser.add_argument("--calls", type=int, default=200, help="timed calls per size")
    parser.add_argument(
        "--sizes",
        type=lambda s: tuple(int(n) for n in s.split(",") if n),
        default=SIZES,
        help="past check-ins, comma-separated (default 10,1000,100000; empty: skip)",
    )
    parser.add_argument("--rounds", type=int, default=9, help="rounds per bot, updates/s")
    parser.add_argument("--members", type=int, default=20, help="/dones per round (at most 30)")
    parser.add_argument(
        "--profile", action="store_true", help="run our rounds once more under cProfile"
    )
    parser.add_argument(
        "--spy",
        type=int,
        default=0,
        metavar="ROUNDS",
        help="after the rounds over HTTP, this many more of ours sampled by py-spy: the top "
        "ten functions by self time",
    )
    args = parser.parse_args()
    if not 1 <= args.members <= 30:
        # A round's replies go out at one instant of the fake clock, which allows 30.
        parser.error("--members: 1 to 30 (Telegram allows 30 messages a second overall)")
    # A database for each part: the groups of one are not in the way of another's.
    with (
        scratch_database(args.database_url, "habitloop_bench_done") as url,
        scratch_database(args.database_url, "habitloop_bench_done_rate") as rate_url,
        scratch_database(args.database_url, "habitloop_bench_done_http") as http_url,
    ):
        asyncio.run(run(url, rate_url, http_url, args))


if __name__ == "__main__":
    main()
