"""What the end-to-end benchmarks share: a scratch database, the bot against the fake
Telegram in process, a door that measures the fake's own time, and a few statistics.

Nothing here is used by the bot or the tests.
"""

from __future__ import annotations

import asyncio
import math
import resource
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import event, insert, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine
from telegram import Update
from telegram._utils.defaultvalue import DEFAULT_NONE
from telegram._utils.types import ODVInput
from telegram.error import RetryAfter
from telegram.ext import ApplicationBuilder, ContextTypes, MessageHandler, filters
from telegram.request import BaseRequest, RequestData

from bot.app import BotApplication, build_application
from bot.clock import Clock, ManualClock
from bot.config import Settings
from bot.domain.calendar import DayKeyState
from bot.domain.streaks import Mark, Rules, StreakState, replay
from bot.domain.weekly_streaks import WeeklyState
from bot.faketelegram import Chat as FakeChat
from bot.faketelegram import FakeRequest, FakeTelegram
from bot.faketelegram import User as FakeUser
from bot.runtime import Runtime
from bot.services import SERVICES_KEY, Services
from bot.store.db import SessionFactory, make_engine, session_scope
from bot.store.members import kept_columns
from bot.store.migrate import upgrade_to_head
from bot.store.models import Chat as ChatRow
from bot.store.models import ChatDay, CheckIn, Member

TOKEN = "123456789:AAHabitloopBenchTokenAbcdefghijklmno"
BOT_USERNAME = "habitloop_bot"
# The baseline: a bare python-telegram-bot bot that answers every message the same two ways.
ECHO_TOKEN = "987654321:AAEchoBaselineTokenAbcdefghijklmnopq"
ECHO_USERNAME = "echo_baseline_bot"
ECHO_REACTION = "👍"
# A Monday, 09:00 UTC: the instant the benchmarks start at.
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
# Turns of the event loop the courier may take to send what a /done answered.
SENT_WITHIN_TURNS = 10_000


# -- the database ----------------------------------------------------------------------


@contextmanager
def scratch_database(server_url: str | None, name: str) -> Iterator[str]:
    """A freshly migrated database for one run, removed afterwards.

    Without ``server_url``: a SQLite file in a temporary directory. With a PostgreSQL URL:
    a database named ``name`` on that server, created empty and dropped at the end (the
    URL's own database is only used to connect); each script has its own name, so two
    benchmarks can run on one server at once. Blocking: call it outside the event loop.
    """
    if server_url is None:
        with tempfile.TemporaryDirectory(prefix="habitloop-bench-") as folder:
            url = f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}"
            upgrade_to_head(url)
            yield url
        return
    if not server_url.startswith("postgresql+asyncpg://"):
        raise SystemExit("--database-url must be a postgresql+asyncpg:// URL")
    drop = f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'
    asyncio.run(_admin(server_url, drop))
    asyncio.run(_admin(server_url, f'CREATE DATABASE "{name}"'))
    scratch = make_url(server_url).set(database=name)
    scratch_url = scratch.render_as_string(hide_password=False)
    try:
        upgrade_to_head(scratch_url)
        yield scratch_url
    finally:
        asyncio.run(_admin(server_url, drop))


async def _admin(server_url: str, statement: str) -> None:
    engine = make_engine(server_url)
    try:
        async with engine.connect() as conn:
            conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
            await conn.execute(text(statement))
    finally:
        await engine.dispose()


def describe(url: str) -> str:
    """The database, for the report (no password)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return "SQLite (temporary file)"
    return f"PostgreSQL ({parsed.render_as_string(hide_password=True)})"


# -- the bot against the fake Telegram -------------------------------------------------


class TimedRequest(FakeRequest):
    """The in-process door, counting the calls and the time the fake spends answering them.

    Everything between PTB handing over a call and getting Telegram's JSON back happens
    inside the fake, so subtracting ``seconds`` from a measurement leaves the bot's side.
    """

    def __init__(self, world: FakeTelegram) -> None:
        super().__init__(world)
        self.seconds = 0.0
        self.count = 0

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = DEFAULT_NONE,
        write_timeout: ODVInput[float] = DEFAULT_NONE,
        connect_timeout: ODVInput[float] = DEFAULT_NONE,
        pool_timeout: ODVInput[float] = DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        started = time.perf_counter()
        try:
            return await super().do_request(
                url,
                method,
                request_data,
                read_timeout,
                write_timeout,
                connect_timeout,
                pool_timeout,
            )
        finally:
            self.seconds += time.perf_counter() - started
            self.count += 1
            self.calls.clear()  # the base class lists every call; a benchmark makes many

    def reset(self) -> None:
        self.seconds, self.count = 0.0, 0


@dataclass
class BenchBot:
    """The real Application wired to a fake Telegram and a manual clock."""

    tg: FakeTelegram
    app: BotApplication
    clock: ManualClock
    calls: TimedRequest
    offset: int = 0

    @property
    def services(self) -> Services:
        found = self.app.bot_data[SERVICES_KEY]
        assert isinstance(found, Services)
        return found

    async def deliver(self) -> int:
        """Hand every pending update to the bot, in order, as long polling would."""
        handled = 0
        while updates := await self.app.bot.get_updates(offset=self.offset, timeout=0):
            self.offset = updates[-1].update_id + 1
            for update in updates:
                await self.app.process_update(update)
                handled += 1
        return handled

    async def sent(self) -> None:
        """Wait until the courier has sent every answer handed to it (it sends after the
        handler returns; with the fake's limits off, nothing waits for the clock)."""
        for _ in range(SENT_WITHIN_TURNS):
            if not self.services.courier.units:
                return
            await asyncio.sleep(0)
        raise AssertionError("the courier is still sending")

    async def close(self) -> None:
        await self.app.shutdown()
        await self.services.engine.dispose()


async def start_bot(database_url: str, clock: ManualClock) -> BenchBot:
    """The whole bot, initialized, against a new fake Telegram (no rate limits anywhere)."""
    tg = FakeTelegram(clock=clock, rate_limits=False)
    tg.create_bot(TOKEN, username=BOT_USERNAME)
    app, calls = await start_application(tg, database_url, clock)
    return BenchBot(tg, app, clock, calls)


async def start_application(
    tg: FakeTelegram, database_url: str, clock: Clock
) -> tuple[BotApplication, TimedRequest]:
    """The Application alone, initialized, against ``tg`` (which has the bot) on ``clock``;
    the door its calls go through, timed."""
    settings = Settings.model_validate({"bot_token": TOKEN, "database_url": database_url})
    calls = TimedRequest(tg)
    app = build_application(settings, request=calls, updates_request=tg.request(), clock=clock)
    await app.initialize()
    return app, calls


async def start_runtime(
    tg: FakeTelegram, database_url: str, clock: ManualClock, *, tick_seconds: float
) -> tuple[Runtime, TimedRequest]:
    """The bot exactly as ``habitloop run`` runs it (rate limiter, update processor, inbox,
    courier, the ticker firing the tick every ``tick_seconds`` real seconds, long polling),
    with only the fake's doors and the clock handed in."""
    settings = Settings.model_validate(
        {"bot_token": TOKEN, "database_url": database_url, "tick_seconds": tick_seconds}
    )
    calls = TimedRequest(tg)
    runtime = await Runtime.start(
        settings, request=calls, updates_request=tg.request(), clock=clock, poll_seconds=1
    )
    return runtime, calls


async def start_runtime_over_http(
    telegram_url: str, database_url: str, clock: ManualClock, *, tick_seconds: float
) -> Runtime:
    """The bot as ``habitloop run`` runs it, talking HTTP to a Telegram at ``telegram_url``
    with python-telegram-bot's own client, as in production; only the clock is handed in."""
    settings = Settings.model_validate(
        {
            "bot_token": TOKEN,
            "database_url": database_url,
            "tick_seconds": tick_seconds,
            "telegram_api_url": telegram_url,
        }
    )
    return await Runtime.start(settings, clock=clock, poll_seconds=1)


# -- the baseline ------------------------------------------------------------------------


@dataclass
class EchoCounts:
    handled: int = 0
    refused: int = 0  # calls Telegram answered with 429 (the bare bot does not retry)


def echo_application(
    token: str,
    request: BaseRequest | None = None,
    updates_request: BaseRequest | None = None,
    *,
    base_url: str | None = None,
) -> tuple[BotApplication, EchoCounts]:
    """The least a bot can do with a /done: python-telegram-bot's defaults, one handler that
    sets a reaction and replies, no database. What our bot does beyond that is its own cost.
    A call Telegram refuses for its limits is counted and dropped, as a bare bot would.
    Without ``request``s, it talks HTTP to ``base_url`` (python-telegram-bot's own client)."""
    counts = EchoCounts()

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        assert message is not None
        name = message.from_user.first_name if message.from_user else "?"
        for call in (message.set_reaction(ECHO_REACTION), message.reply_text(f"✅ {name}")):
            try:
                await call
            except RetryAfter:
                counts.refused += 1
        counts.handled += 1

    builder = ApplicationBuilder().token(token)
    if base_url is not None:
        builder = builder.base_url(base_url)
    if request is not None:
        builder = builder.request(request)
    if updates_request is not None:
        builder = builder.get_updates_request(updates_request)
    app: BotApplication = builder.build()
    app.add_handler(MessageHandler(filters.ALL, echo))
    return app, counts


# -- moving fake time as the bot lives it ------------------------------------------------


class FakeTime:
    """Moves the manual clock the way time passes for a running bot: to each moment
    something sleeps until (a limit's window, a retry), letting the bot do all it can at
    each moment before the clock moves on. ``quiet()`` says the bot has nothing to do but
    wait for the clock."""

    def __init__(self, clock: ManualClock, quiet: Callable[[], bool], within: float) -> None:
        self.clock = clock
        self._quiet = quiet
        self._within = within  # real seconds the bot may stay busy before the run fails

    async def settle(self) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self._within
        quiet_for = 0
        while quiet_for < 3:  # quiet across a few turns of the loop, not by chance
            await asyncio.sleep(0)
            quiet_for = quiet_for + 1 if self._quiet() else 0
            if loop.time() > deadline:
                raise AssertionError(f"the bot is still busy after {self._within} s")
            if quiet_for == 0:
                await asyncio.sleep(0.001)  # the bot waits for the database or the fake

    async def pass_to(self, target: datetime) -> None:
        await self.settle()
        while (wake := self.clock.next_wake()) is not None and wake <= target:
            self.clock.set(wake)
            await self.settle()
        if target > self.clock.now():
            self.clock.set(target)
        await self.settle()

    async def pass_while(self, busy: Callable[[], bool], limit: datetime) -> None:
        """Move from wake to wake while ``busy()``, never past ``limit``: the clock stops
        where the work ended, not at a moment picked beforehand."""
        await self.settle()
        while busy() and (wake := self.clock.next_wake()) is not None and wake <= limit:
            self.clock.set(wake)
            await self.settle()


def unfinished(app: BotApplication) -> int:
    """Updates given to the Application and not yet handled (asyncio.Queue's own count)."""
    count: int = getattr(app.update_queue, "_unfinished_tasks", 0)
    return count


# -- statements ------------------------------------------------------------------------


@dataclass
class StatementTimes:
    """SQL statements sent while attached, grouped by their first words, with their time
    (measured around the driver call, so it includes the round trip)."""

    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)

    def attach(self, engine: AsyncEngine) -> None:
        sync = engine.sync_engine
        event.listen(sync, "before_cursor_execute", self._before)
        event.listen(sync, "after_cursor_execute", self._after)

    def detach(self, engine: AsyncEngine) -> None:
        sync = engine.sync_engine
        event.remove(sync, "before_cursor_execute", self._before)
        event.remove(sync, "after_cursor_execute", self._after)

    def _before(self, conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        conn.info.setdefault("bench_started", []).append(time.perf_counter())

    def _after(self, conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        started = conn.info.get("bench_started")
        if not started:
            return  # under way when this was attached: not counted
        elapsed = time.perf_counter() - started.pop()
        key = statement_key(statement)
        self.counts[key] = self.counts.get(key, 0) + 1
        self.seconds[key] = self.seconds.get(key, 0.0) + elapsed

    def total(self) -> tuple[int, float]:
        return sum(self.counts.values()), sum(self.seconds.values())

    def table(self, per: int) -> list[str]:
        """The statements, the most expensive first, with count and milliseconds per ``per``."""
        rows = sorted(self.seconds, key=lambda k: -self.seconds[k])
        lines = [f"    {'per group':>9} {'ms/group':>9}  statement"]
        for key in rows:
            lines.append(
                f"    {self.counts[key] / per:>9.2f} {self.seconds[key] * 1e3 / per:>9.3f}  {key}"
            )
        return lines


def statement_key(statement: str) -> str:
    """A short name for a statement: its verb and table, plus its WHERE for SELECTs."""
    words = " ".join(statement.split())
    upper = words.upper()
    if upper.startswith("SELECT"):
        source = words[upper.find(" FROM ") + 6 :] if " FROM " in upper else words
        return ("SELECT … FROM " + source)[:96]
    return words[:72]


# -- bulk rows --------------------------------------------------------------------------

CHUNK = 2_000  # rows per bulk INSERT call


def chunks(rows: list[dict[str, Any]], size: int = CHUNK) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


# The rules every group has (the model's defaults), to give the members consistent states.
RULES = Rules(rest_weekdays=frozenset(), freeze_every=7, freeze_max=2, fail_counts=True)


async def add_known_groups(
    sessions: SessionFactory,
    groups: Sequence[tuple[FakeChat, Sequence[FakeUser]]],
    *,
    cue_at: datetime,
    history: int,
) -> None:
    """The groups' rows in bulk, each with its cue at ``cue_at`` (no recap), and their
    members, each with a check-in on each of the ``history`` days before ``cue_at``'s and the
    kept streak state that follows: the members a normal day's /done comes from."""
    today = cue_at.date()
    days = [today - timedelta(days=n) for n in range(history, 0, -1)]
    state = replay(dict.fromkeys(days, Mark.DONE), [], RULES)
    created = cue_at - timedelta(days=history + 30)
    async with session_scope(sessions) as session:
        chat_rows = [
            {
                "telegram_id": chat.id,
                "title": chat.title,
                "is_forum": False,
                "active": True,
                "created_at": created,
                "cue_time": cue_at.timetz().replace(tzinfo=None),
                "recap_time": None,
                "next_cue_at": cue_at,
                "next_recap_at": None,
            }
            for chat, _ in groups
        ]
        for part in chunks(chat_rows):
            await session.execute(insert(ChatRow), part)
        telegram_ids = [chat.id for chat, _ in groups]
        rows = await session.execute(
            select(ChatRow.telegram_id, ChatRow.id).where(ChatRow.telegram_id.in_(telegram_ids))
        )
        row_of = {telegram_id: chat_id for telegram_id, chat_id in rows}
        member_rows = [
            member_row(
                row_of[chat.id], person.id, person.first_name, state, created, person.username
            )
            for chat, people in groups
            for person in people
        ]
        for part in chunks(member_rows):
            await session.execute(insert(Member), part)
        member_ids = await session.execute(
            select(Member.id, Member.chat_id).where(Member.chat_id.in_(list(row_of.values())))
        )
        checkin_rows = []
        day_counts: dict[tuple[int, date], int] = {}
        for member_id, chat_id in member_ids:
            for day in days:
                checkin_rows.append(
                    {
                        "member_id": member_id,
                        "day": day,
                        "kind": Mark.DONE.value,
                        "note": "",
                        "created_at": datetime.combine(day, cue_at.timetz()),
                        "source": f"bench:{member_id}:{day.isoformat()}",
                    }
                )
                day_counts[chat_id, day] = day_counts.get((chat_id, day), 0) + 1
        for part in chunks(checkin_rows):
            await session.execute(insert(CheckIn), part)
        day_rows = [
            {"chat_id": chat_id, "day": day, "members": count}
            for (chat_id, day), count in day_counts.items()
        ]
        for part in chunks(day_rows):
            await session.execute(insert(ChatDay), part)


# -- numbers ---------------------------------------------------------------------------


def percentile(values: Sequence[float], fraction: float) -> float:
    """The nearest-rank percentile (``fraction`` in 0..1) of ``values``."""
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def rss_mib() -> tuple[float, float]:
    """The process's resident memory now and at its peak, in MiB (Linux; elsewhere the
    current figure is the peak)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return peak, peak
    return pages * resource.getpagesize() / 2**20, peak


def member_row(
    chat_id: int,
    user_id: int,
    first_name: str,
    state: StreakState,
    joined_at: datetime,
    username: str | None = None,
) -> dict[str, object]:
    """A member's row for a bulk insert, with the kept states as a check-in leaves them."""
    return {
        "chat_id": chat_id,
        "user_id": user_id,
        "first_name": first_name,
        "username": username,
        "joined_at": joined_at,
        **kept_columns(state, WeeklyState(), DayKeyState(last_day=state.last_day)),
    }
