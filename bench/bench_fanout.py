"""The cue fan-out on the wall clock: groups whose cue is due now, posted as in production.

Run on demand, never in the test suite:

    python -m bench.bench_fanout [--groups 300] [--rounds 3] [--database-url URL]

``bench_tick`` measures the fan-out in fake time, where the bot's own work takes no time:
there, the courier's rate is the send budget's alone. Here the bot runs on the system clock
against the fake Telegram keeping Telegram's limits on the same clock (30 messages in any
second), so the bot's work takes what it takes, as in production: the tick claiming and
writing the posts competes with the courier sending them, and each post's check that it is
still this process's (a database round trip) comes between its turn in the budget and its
send. Each round writes ``--groups`` new groups (three known members each) whose cue is due
at once, runs the tick, and waits until the courier has sent every post. Per round, and the
median over the rounds:

* **posts/s**: from the fake Telegram's side, the posts over the seconds from the first to
  the last (the last one's second counted, as ``bench_tick`` counts), and the share of 30;
* **429s**: sends the fake refused for Telegram's limits (the bot waits and sends again);
  the goal is none, whatever the machine's load;
* **tick s**: the tick's own wall time (the first posts go out while it runs).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

if __package__ in {None, ""}:  # run as a file: make ``bot`` and ``bench`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from prometheus_client import REGISTRY

from bench.common import (
    BOT_USERNAME,
    TOKEN,
    add_known_groups,
    describe,
    scratch_database,
    start_application,
)
from bot.clock import SystemClock
from bot.faketelegram import FakeTelegram
from bot.jobs.tick import run_tick
from bot.outbox.limits import OVERALL_PER_SECOND
from bot.services import SERVICES_KEY, Services

MEMBERS = 3
HISTORY = 3  # days of check-ins behind each member
# Real seconds the courier may take to send a round's posts before the run fails: Telegram's
# pace, and as much again for a busy machine.
SLACK = 2.0


@dataclass(frozen=True)
class Round:
    rate: float  # posts a second, from the fake's side
    refused: int  # 429s
    tick: float  # the tick's wall seconds

    def line(self, number: int) -> str:
        return (
            f"  round {number}: {self.rate:6.2f} posts/s ({self.rate / OVERALL_PER_SECOND:6.1%})"
            f"   429s {self.refused:4d}   tick {self.tick:6.2f} s"
        )


def refused_so_far() -> int:
    """The 429 answers the bot has heard in this process."""
    return int(REGISTRY.get_sample_value("habitloop_telegram_retry_after_total") or 0)


async def one_round(tg: FakeTelegram, services: Services, groups: int) -> Round:
    owner = tg.add_user("Owner")
    crowd = []
    for n in range(groups):
        members = [tg.add_user(f"Member {n}.{m}") for m in range(MEMBERS)]
        chat = tg.add_group(f"Group {n}", creator=owner)
        for member in members:
            tg.add_member(chat.id, member)
        tg.add_bot(chat.id, by=owner)
        crowd.append((chat, members))
    tg.bot().queue.clear()  # the join updates: the groups go to the database directly
    now = datetime.now(UTC)
    await add_known_groups(services.sessions, crowd, cue_at=now, history=HISTORY)

    posted: list[float] = []
    stop = tg.watch(
        lambda change: (
            posted.append(time.perf_counter())
            if change.kind == "message" and change.message is not None and change.message.from_bot
            else None
        )
    )
    refused = refused_so_far()
    try:
        started = time.perf_counter()
        report = await run_tick(services)
        tick = time.perf_counter() - started
        deadline = started + SLACK * groups / OVERALL_PER_SECOND + 60
        while services.courier.units:
            assert time.perf_counter() < deadline, f"{services.courier.units} posts unsent"
            await asyncio.sleep(0.05)
    finally:
        stop()
    assert report.posted == groups, f"posted {report.posted} of {groups}"
    assert len(posted) == groups, f"{len(posted)} posts for {groups} groups"
    rate = len(posted) / (max(posted) - min(posted) + 1)
    return Round(rate, refused_so_far() - refused, tick)


async def run(database_url: str, groups: int, rounds: int) -> None:
    clock = SystemClock()
    tg = FakeTelegram(clock=clock)  # Telegram's limits on, on the wall clock
    tg.create_bot(TOKEN, username=BOT_USERNAME)
    app, _ = await start_application(tg, database_url, clock)
    services = app.bot_data[SERVICES_KEY]
    assert isinstance(services, Services)
    print(f"cue fan-out on the wall clock: {groups:,} groups due at once, {describe(database_url)}")
    try:
        results = []
        for number in range(1, rounds + 1):
            result = await one_round(tg, services, groups)
            results.append(result)
            print(result.line(number))
            for chat in tg.chats.values():  # Telegram keeps them, not the bot
                chat.messages.clear()
        rate = statistics.median(r.rate for r in results)
        refused = statistics.median(r.refused for r in results)
        print(
            f"median of {rounds}: {rate:.2f} posts/s ({rate / OVERALL_PER_SECOND:.1%} of "
            f"Telegram's {OVERALL_PER_SECOND}), 429s {refused:g}"
        )
    finally:
        await app.shutdown()
        await services.engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--groups", type=int, default=300, help="groups due at once, a round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--database-url",
        help="a PostgreSQL server (postgresql+asyncpg://...) to make a scratch database "
        "on; SQLite in a temporary file when omitted",
    )
    args = parser.parse_args()
    with scratch_database(args.database_url, "habitloop_bench_fanout") as url:
        asyncio.run(run(url, args.groups, args.rounds))


if __name__ == "__main__":
    main()
