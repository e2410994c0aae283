"""/done updates per second: the bot as ``habitloop run`` runs it, beside a bare echo bot.

Used by ``bench_done``. Both bots live in one fake Telegram: each member is in a group with
our bot and in another with the echo bot. A round is one new day on which every member sends
/done at once; a bot is done with a round when it has nothing left to do but wait (every
update handled, every reaction and reply out). Rounds alternate between the bots, so a
machine that gets busier for a while slows both.
"""

from __future__ import annotations

import cProfile
import io
import os
import pstats
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from bench.common import (
    ECHO_TOKEN,
    ECHO_USERNAME,
    START,
    TOKEN,
    FakeTime,
    StatementTimes,
    add_known_groups,
    echo_application,
    median,
    start_runtime,
    start_runtime_over_http,
    unfinished,
)
from bench.telegram_process import TelegramProcess
from bot.app import BotApplication
from bot.clock import ManualClock
from bot.faketelegram import Chat, FakeTelegram, User

# The production interval: a tick may fall in a round, as it would.
TICK_SECONDS = 30.0
BUSY_WITHIN = 60.0
# Days in a row behind each member: the streak is far from the next milestone (500).
HISTORY = 400
# Not the /done's own statements: the inbox keeping updates on receipt and marking them
# answered in batches, and the pool's ping (as tests/e2e/test_statements.py counts them).
BOOKKEEPING = re.compile(
    r"^(INSERT INTO inbox\b|UPDATE inbox SET (replied_at|handled_at)=\S+ WHERE inbox.update_id IN"
    r"|SELECT … FROM SELECT 1\b|BEGIN)",
    re.IGNORECASE,
)


@dataclass
class Side:
    """One bot's groups (one per member) and how it is known to be done."""

    groups: list[tuple[Chat, User]]
    time: FakeTime
    per_second: list[float] = field(default_factory=list)


@dataclass
class Comparison:
    ours: list[float]
    echo: list[float]
    statements: float  # per /done, all of them
    own_statements: float  # per /done, without the bookkeeping
    profile: str = ""


async def compare(database_url: str, *, members: int, rounds: int, profile: bool) -> Comparison:
    clock = ManualClock(START)
    tg = FakeTelegram(clock=clock)  # Telegram's limits on, as in production
    ours_user = tg.create_bot(TOKEN, username="habitloop_bot")
    echo_user = tg.create_bot(ECHO_TOKEN, username=ECHO_USERNAME)
    people = [tg.add_user(f"Member {n}") for n in range(members)]
    ours_groups = _groups(tg, people, ours_user)
    echo_groups = _groups(tg, people, echo_user)
    runtime, _ = await start_runtime(tg, database_url, clock, tick_seconds=TICK_SECONDS)
    echo_app, _ = echo_application(ECHO_TOKEN, tg.request(), tg.request())
    await _start_polling(echo_app)
    try:
        # Known members, far from any milestone: each /done is a normal day's.
        await add_known_groups(
            runtime.services.sessions,
            [(chat, [person]) for chat, person in ours_groups],
            cue_at=clock.now(),
            history=HISTORY,
        )
        ours = Side(
            ours_groups,
            FakeTime(clock, lambda: tg.updates_pending() == 0 and runtime.idle, BUSY_WITHIN),
        )
        echo = Side(
            echo_groups,
            FakeTime(
                clock,
                lambda: tg.updates_pending(echo_user) == 0 and unfinished(echo_app) == 0,
                BUSY_WITHIN,
            ),
        )
        day = clock.now() + timedelta(hours=3)
        await _round(tg, ours, day)  # warm-up: connections, caches
        await _round(tg, echo, day)
        for _ in range(rounds):
            day += timedelta(days=1)
            ours.per_second.append(await _round(tg, ours, day))
            echo.per_second.append(await _round(tg, echo, day))
        # Counted in a round of their own: listening to every statement costs time that
        # the timed rounds would otherwise be charged with.
        statements = StatementTimes()
        statements.attach(runtime.services.engine)
        await _round(tg, ours, day + timedelta(days=1))
        statements.detach(runtime.services.engine)
        # SQLite's BEGIN IMMEDIATE goes through the cursor; PostgreSQL's BEGIN does not.
        count = sum(n for key, n in statements.counts.items() if not key.startswith("BEGIN"))
        own = sum(n for key, n in statements.counts.items() if not BOOKKEEPING.match(key))
        result = Comparison(ours.per_second, echo.per_second, count / members, own / members)
        if profile:
            result.profile = await _profiled(tg, ours, clock, rounds)
        tg.raise_for_problems()
        return result
    finally:
        await _stop_polling(echo_app)
        await runtime.stop()


@dataclass
class OverHttp:
    """Round by round: updates per second, and the bots' process CPU per update (ms)."""

    ours: list[float] = field(default_factory=list)
    echo: list[float] = field(default_factory=list)
    ours_cpu: list[float] = field(default_factory=list)
    echo_cpu: list[float] = field(default_factory=list)
    profile: list[tuple[str, float]] = field(default_factory=list)  # self time, top first


async def compare_over_http(
    database_url: str, *, members: int, rounds: int, spy_rounds: int = 0
) -> OverHttp:
    """The same rounds with the fake Telegram in a process of its own, both bots talking
    HTTP to it with python-telegram-bot's own client: what the bots' process does in
    production, where Telegram's work is done elsewhere."""
    clock = ManualClock(START)
    async with TelegramProcess(members) as telegram:
        runtime = await start_runtime_over_http(
            telegram.url, database_url, clock, tick_seconds=TICK_SECONDS
        )
        echo_app, _ = echo_application(ECHO_TOKEN, base_url=f"{telegram.url}/bot")
        await _start_polling(echo_app)
        try:
            seats = telegram.seats["ours"]
            await add_known_groups(
                runtime.services.sessions,
                [(seat.chat, [seat.person]) for seat in seats],
                cue_at=clock.now(),
                history=HISTORY,
            )
            ours_time = FakeTime(clock, lambda: runtime.idle, BUSY_WITHIN)
            result = OverHttp()
            day = clock.now() + timedelta(hours=3)
            for round_number in range(rounds + 1):  # the first warms up
                await ours_time.pass_to(day)
                ours_rate, ours_cpu = await _timed_round(telegram, "ours", day, members)
                echo_rate, echo_cpu = await _timed_round(telegram, "echo", day, members)
                if round_number:
                    result.ours.append(ours_rate)
                    result.echo.append(echo_rate)
                    result.ours_cpu.append(ours_cpu)
                    result.echo_cpu.append(echo_cpu)
                day += timedelta(days=1)
            if spy_rounds:
                with Spy() as spy:
                    for _ in range(spy_rounds):
                        await ours_time.pass_to(day)
                        await _timed_round(telegram, "ours", day, members)
                        day += timedelta(days=1)
                result.profile = spy.top()
            return result
        finally:
            await _stop_polling(echo_app)
            await runtime.stop()


async def _timed_round(
    telegram: TelegramProcess, side: str, day: datetime, members: int
) -> tuple[float, float]:
    """Updates per second, and this process's CPU milliseconds per update (the other bot
    only waits on its long poll meanwhile)."""
    started, cpu = time.perf_counter(), time.process_time()
    await telegram.round(side, day)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    return members / elapsed, cpu * 1e3 / members


def _groups(tg: FakeTelegram, people: list[User], bot: User) -> list[tuple[Chat, User]]:
    """A group for each member with ``bot`` in it (added quietly: no join updates)."""
    owner = tg.add_user("Owner")
    made = []
    for person in people:
        chat = tg.add_group(f"{person.first_name}'s", creator=owner)
        tg.add_member(chat.id, person)
        tg.add_bot(chat.id, by=owner, bot=bot)
        made.append((chat, person))
    tg.bot(bot).queue.clear()
    return made


async def _round(tg: FakeTelegram, side: Side, day: datetime) -> float:
    """Every member's /done at once; updates per second until the bot is done with them."""
    await side.time.pass_to(day)
    started = time.perf_counter()
    for chat, person in side.groups:
        tg.send(chat.id, person, "/done")
    await side.time.settle()
    elapsed = time.perf_counter() - started
    for chat, _ in side.groups:
        last = tg.bot_messages(chat.id)[-1]
        assert last.reply_to is not None, f"no reply in {chat.title}"
    return len(side.groups) / elapsed


async def _profiled(tg: FakeTelegram, side: Side, clock: ManualClock, rounds: int) -> str:
    profiler = cProfile.Profile()
    for _ in range(rounds):
        day = clock.now() + timedelta(days=1)
        await side.time.pass_to(day)
        profiler.enable()
        await _round(tg, side, day)
        profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.strip_dirs().sort_stats("tottime").print_stats(30)
    return "\n".join(line for line in out.getvalue().splitlines()[4:] if line.strip())


async def _start_polling(app: BotApplication) -> None:
    await app.initialize()
    assert app.updater is not None
    await app.updater.start_polling(poll_interval=0, timeout=timedelta(seconds=1))
    await app.start()


async def _stop_polling(app: BotApplication) -> None:
    assert app.updater is not None
    await app.updater.stop()
    await app.stop()
    await app.shutdown()


def summary(result: Comparison, rounds: int, members: int) -> list[str]:
    return [
        f"updates per second, /done by {members} known members at once, median of {rounds} "
        "rounds (min–max)",
        "the fake Telegram in the bots' process:",
        *rates(result.ours, result.echo),
        f"SQL statements per /done: {result.own_statements:.2f} its own "
        f"({result.statements:.2f} with the inbox's bookkeeping)",
    ]


def rates(ours: list[float], echo: list[float]) -> list[str]:
    ratio = median(ours) / median(echo)
    return [
        f"  ours  {median(ours):8.1f}   ({min(ours):.1f}–{max(ours):.1f})",
        f"  echo  {median(echo):8.1f}   ({min(echo):.1f}–{max(echo):.1f})",
        f"  ours / echo: {ratio:.2f}",
    ]


def summary_over_http(result: OverHttp, goal: float) -> list[str]:
    ours_cpu, echo_cpu = median(result.ours_cpu), median(result.echo_cpu)
    lines = [
        "the fake Telegram in a process of its own, both bots over HTTP, as in production:",
        *rates(result.ours, result.echo),
        f"  CPU of the bots' process per /done: ours {ours_cpu:.2f} ms, echo {echo_cpu:.2f} ms "
        f"(echo / ours: {echo_cpu / ours_cpu:.2f})",
        f"the goal on PostgreSQL, over HTTP: echo's CPU per /done / ours at least {goal}",
    ]
    if result.profile:
        lines.append("where our process's time goes over HTTP (py-spy, self time, top ten):")
        lines += [f"  {share:5.1f}%  {frame}" for frame, share in result.profile]
    return lines


class Spy:
    """py-spy sampling this process (its own threads too) while the block runs: the share
    of samples each function was the one running (self time)."""

    def __enter__(self) -> Spy:
        self._file = tempfile.NamedTemporaryFile(suffix=".txt", delete=False)
        self._file.close()
        spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
        options = ["--rate", "250", "--format", "raw", "--threads", "--nonblocking"]
        self._process = subprocess.Popen(
            [spy, "record", "--pid", str(os.getpid()), *options, "--output", self._file.name],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(1.0)  # py-spy attaches before the rounds begin
        return self

    def __exit__(self, *_: object) -> None:
        self._process.send_signal(signal.SIGINT)
        self._process.wait(timeout=30)

    def top(self, count: int = 10) -> list[tuple[str, float]]:
        """The functions most often on top of the stack, with their share of the samples."""
        leaves: Counter[str] = Counter()
        for line in Path(self._file.name).read_text(encoding="utf-8").splitlines():
            stack, _, samples = line.rpartition(" ")
            if stack and samples.isdigit():
                leaves[_frame(stack.rsplit(";", 1)[-1])] += int(samples)
        if not os.environ.get("HABITLOOP_KEEP_SPY"):
            Path(self._file.name).unlink(missing_ok=True)
        else:
            print("py-spy's samples:", self._file.name)
        total = sum(leaves.values()) or 1
        return [(frame, 100 * n / total) for frame, n in leaves.most_common(count)]


def _frame(frame: str) -> str:
    """``function (path/to/module.py:line)`` as ``function (package/module.py)``."""
    name, _, where = frame.partition(" (")
    path = where.rstrip(")").rsplit(":", 1)[0]
    parts = Path(path).parts
    for root in ("site-packages", "bot", "lib"):
        if root in parts:
            index = len(parts) - 1 - parts[::-1].index(root)
            path = "/".join(parts[index + (root != "bot") :])
            break
    return f"{name} ({path})"
