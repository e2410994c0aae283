"""A soak: two ``habitloop run`` replicas on one PostgreSQL database behind one webhook,
against the fake Telegram in a process of its own, for a simulated week of many groups:
cues, recaps, weekly pictures, check-ins at the hours people send them, /stats pictures and
/export files. Every few simulated hours one replica is killed with SIGKILL in the middle of
its work and started again; PostgreSQL is restarted once, in the middle of a cue fan-out.

Time is simulated: every process (the replicas and the fake Telegram) reads its time of day
from one offset file through libfaketime, which the benchmark moves from one moment of the
day to the next (a cue, a wave of check-ins, a recap) once everything due has been done, so
a week takes minutes. It never moves the clock while a replica holds an unfinished update
(the inbox's holds are measured on that clock: a jump would hand a live replica's work to
the other), and only moves it past a post's hold once nothing else is left to do.

It prints check-ins sent, saved and confirmed (the reaction and the member named in a
confirmation); posts due, sent and doubled; /stats and /export answered; the inbox's rows
at the end and at most; each process's peak memory; and its verdict: nothing lost, nothing
doubled but what a kill left sent and not marked (the crash window, counted at each kill).

    python -m bench.bench_soak [--groups 200] [--members 5] [--days 7] [--kill-every 6]
        [--no-restart-postgres] [--database-url URL]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import re
import shlex
import signal
import socket
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import Any

if __package__ in {None, ""}:  # run as a file: make ``bot``, ``bench`` and ``tests`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import aiohttp
from aiohttp import web
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from bench.common import TOKEN, scratch_database
from bench.soak_telegram import SoakTelegram
from bot.store.posts import LEASE as POST_LEASE
from bot.web.server import WEBHOOK_PATH
from tests.wall_clock import SteppedWallClock

NAME = "habitloop_bench_soak"
DEFAULT_SERVER = "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
RESTART_POSTGRES = "pg_ctlcluster --skip-systemctl-redirect {version} main restart"
SECRET = "soak-webhook-secret"
# The first simulated day (a Monday), and when on it the groups add the bot.
FIRST_DAY = date(2026, 3, 2)
ADDED_AT = clock_time(6, 0)
# The groups' cue and recap times (a group's own, by its number), and the weekly picture
# (every fourth group) on Sundays.
CUES = (clock_time(7, 0), clock_time(8, 0), clock_time(9, 0))
RECAPS = (clock_time(21, 0), clock_time(22, 0))
WEEKLY_EVERY = 4
WEEKLY = (6, clock_time(18, 0))  # Sunday
# When people write, and how many of a day's check-ins come in each wave.
WAVES = (
    (clock_time(7, 20), 3),
    (clock_time(9, 30), 3),
    (clock_time(12, 30), 2),
    (clock_time(17, 45), 1),
    (clock_time(20, 15), 2),
    (clock_time(21, 40), 1),
)
CHECK_IN_CHANCE = 0.85  # a member's chance to check in on a day (the first always does)
STATS_CHANCE = 0.03  # a member's chance to ask for a picture on a day
EXPORT_CHANCE = 0.01
NOTES = ("", "", "", "wrote 500 words", "ran 5k", "20 minutes of piano")
# A replica's hold on its inbox rows (real seconds): a killed one's work is taken over soon.
LEASE_SECONDS = 4
TICK_SECONDS = 0.5
# Every reading of the clock reads the offset file (FAKETIME_NO_CACHE: a few microseconds
# each): a move is seen by every process at once. With libfaketime's cache (a second,
# counted in whole seconds) one process could read the old time for two seconds after
# another read the new one, and hold an update until a moment the other had passed.
# FAKETIME_FORCE_MONOTONIC_FIX=0: else libfaketime's wrapping of timed waits on condition
# variables breaks the GIL's hand-over, and a thread drawing a /stats picture holds the
# event loop for seconds (longer than a hold: the other replica takes the rows over).
FAKED = {"FAKETIME_NO_CACHE": "1", "FAKETIME_FORCE_MONOTONIC_FIX": "0"}
CLOCK_SEEN = 0.2
# Each moment is reached a little after its minute: the offset is in whole seconds.
PAST_THE_MINUTE = timedelta(seconds=2)
# What the benchmark waits for after each moment, at most (real seconds).
SETTLE_PATIENCE = 240.0
# After a kill, a post sent and not marked yet is the dead replica's (the crash window) if
# it is still not marked this much later: the live one marks a post as soon as it is sent,
# the dead one's hold lasts the post's lease (five minutes of the clock).
MARKS_WRITTEN = 1.0
UNFINISHED = (
    "SELECT count(*) FROM inbox WHERE handled_at IS NULL "
    "OR (reply IS NOT NULL AND replied_at IS NULL)"
)
UNFINISHED_ROWS = (
    "SELECT update_id, owner FROM inbox WHERE handled_at IS NULL "
    "OR (reply IS NOT NULL AND replied_at IS NULL)"
)
TICKS = re.compile(r"^habitloop_ticks_total ([0-9.e+]+)$", re.MULTILINE)
CALLS = re.compile(r"^habitloop_telegram_calls_total\{[^}]*\} ([0-9.e+]+)$", re.MULTILINE)
PENDING_POSTS = (
    "SELECT c.telegram_id, p.kind, p.day FROM posts p JOIN chats c ON c.id = p.chat_id "
    "WHERE p.state = 'pending'"
)


@dataclass(frozen=True)
class Options:
    groups: int
    members: int
    days: int
    kill_every: float  # simulated hours
    restart_postgres: bool
    restart_command: str
    seed: int
    as_json: bool


# -- the simulated week ------------------------------------------------------------------


@dataclass
class Moment:
    """A moment of the simulated week: what people say then (chat, user, text), and whether
    the bot posts by itself then."""

    at: datetime
    said: list[tuple[int, int, str]] = field(default_factory=list)
    posts: bool = False
    label: str = ""


@dataclass(frozen=True)
class Group:
    number: int
    chat_id: int
    members: list[int]

    @property
    def cue(self) -> clock_time:
        return CUES[self.number % len(CUES)]

    @property
    def recap(self) -> clock_time:
        return RECAPS[self.number % len(RECAPS)]

    @property
    def weekly(self) -> bool:
        return self.number % WEEKLY_EVERY == 0


def at(day: date, moment: clock_time) -> datetime:
    return datetime.combine(day, moment, tzinfo=UTC)


def settings_moment(groups: list[Group], owner: int) -> Moment:
    """Right after the bot was added: each group's owner sets its times."""
    said = []
    for group in groups:
        if group.cue != clock_time(9, 0):
            said.append((group.chat_id, owner, f"/settings cue {group.cue:%H:%M}"))
        if group.recap != clock_time(21, 0):
            said.append((group.chat_id, owner, f"/settings recap {group.recap:%H:%M}"))
        if group.weekly:
            said.append((group.chat_id, owner, f"/settings weekly sun {WEEKLY[1]:%H:%M}"))
    return Moment(at(FIRST_DAY, clock_time(6, 10)), said, label="settings")


def week(groups: list[Group], days: int, rng: random.Random) -> list[Moment]:
    """Every moment of ``days`` days, in order: the posts' times, and the waves of people."""
    moments: list[Moment] = []
    weights = [w for _, w in WAVES]
    for n in range(days):
        day = FIRST_DAY + timedelta(days=n)
        post_times = {*CUES, *RECAPS}
        if day.weekday() == WEEKLY[0] and any(g.weekly for g in groups):
            post_times.add(WEEKLY[1])
        for moment in sorted(post_times):
            moments.append(Moment(at(day, moment), posts=True, label=f"posts {moment:%H:%M}"))
        waves = [Moment(at(day, moment), label=f"wave {moment:%H:%M}") for moment, _ in WAVES]
        for group in groups:
            for m, person in enumerate(group.members):
                if m == 0 or rng.random() < CHECK_IN_CHANCE:
                    note = rng.choice(NOTES)
                    wave = rng.choices(waves, weights)[0]
                    wave.said.append((group.chat_id, person, f"/done {note}".strip()))
                if rng.random() < STATS_CHANCE:
                    rng.choice(waves).said.append((group.chat_id, person, "/stats"))
                if rng.random() < EXPORT_CHANCE:
                    rng.choice(waves).said.append((group.chat_id, person, "/export"))
        for wave in waves:
            rng.shuffle(wave.said)
        moments.extend(waves)
    moments.sort(key=lambda m: m.at)
    return moments


def posts_due(groups: list[Group], days: int) -> set[tuple[int, str, str]]:
    """(chat, kind, day) of every post the week owes: a welcome, each day's cue and recap
    (every group has a check-in every day: no recap is left out as quiet), the weekly
    pictures."""
    due = set()
    for group in groups:
        due.add((group.chat_id, "welcome", FIRST_DAY.isoformat()))
        for n in range(days):
            day = FIRST_DAY + timedelta(days=n)
            due.add((group.chat_id, "cue", day.isoformat()))
            due.add((group.chat_id, "recap", day.isoformat()))
            if group.weekly and day.weekday() == WEEKLY[0]:
                due.add((group.chat_id, "weekly", day.isoformat()))
    return due


# -- the processes -----------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def habitloop_command() -> list[str]:
    script = Path(sys.executable).parent / "habitloop"
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [sys.executable, "-m", "bot"]


def peak_mib(pid: int) -> float | None:
    """The process's peak resident memory so far (VmHWM), while it lives."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return None


@dataclass
class Life:
    """One process of a replica: from its start to its kill (or the end)."""

    pid: int
    started: datetime  # simulated
    ended: datetime | None = None
    how: str = "running"
    peak: float = 0.0

    @property
    def alive_now(self) -> bool:
        return self.ended is None


class Replica:
    """One replica (``habitloop run`` on its own webhook port), started again after each kill."""

    def __init__(self, name: str, env: dict[str, str], folder: Path) -> None:
        self.name = name
        self.port = free_port()
        self.env = {**env, "WEBHOOK_PORT": str(self.port)}
        self.folder = folder
        self.process: asyncio.subprocess.Process | None = None
        self.lives: list[Life] = []
        self.log = folder / f"replica-{name}-0.log"
        self.starting: asyncio.Task[None] | None = None

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.returncode is None

    async def start(self, now: datetime) -> None:
        self.log = self.folder / f"replica-{self.name}-{len(self.lives)}.log"
        with self.log.open("wb") as sink:
            self.process = await asyncio.create_subprocess_exec(
                *habitloop_command(),
                "run",
                cwd=self.folder,
                env=self.env,
                stdin=asyncio.subprocess.DEVNULL,
                stdout=sink,
                stderr=asyncio.subprocess.STDOUT,
            )
        self.lives.append(Life(self.process.pid, now))
        deadline = time.monotonic() + 60
        while "running as @" not in self.log.read_text(errors="replace"):
            if self.process.returncode is not None or time.monotonic() > deadline:
                raise RuntimeError(f"replica {self.name} did not start: see {self.log}")
            await asyncio.sleep(0.1)

    def watch_memory(self) -> None:
        if self.alive and self.lives:
            assert self.process is not None
            found = peak_mib(self.process.pid)
            if found is not None:
                self.lives[-1].peak = max(self.lives[-1].peak, found)

    async def ticks(self, http: aiohttp.ClientSession) -> float | None:
        """The ticks this process has finished (its /metrics), or None if it does not
        answer (starting, or dead)."""
        found = await self._metrics(http)
        return None if found is None else found[0]

    async def calls(self, http: aiohttp.ClientSession) -> float | None:
        """The Bot API calls this process has made, whatever their outcome (a 429 too)."""
        found = await self._metrics(http)
        return None if found is None else found[1]

    async def _metrics(self, http: aiohttp.ClientSession) -> tuple[float, float] | None:
        if not self.alive:
            return None
        try:
            async with http.get(f"http://127.0.0.1:{self.port}/metrics") as reply:
                page = await reply.text()
        except (aiohttp.ClientError, OSError, TimeoutError):
            return None
        ticks = TICKS.search(page)
        calls = sum(float(found) for found in CALLS.findall(page))
        return (float(ticks.group(1)) if ticks else 0.0), calls

    async def end(self, how: signal.Signals, now: datetime) -> int:
        if self.starting is not None:
            await self.starting
            self.starting = None
        assert self.process is not None
        self.watch_memory()
        self.process.send_signal(how)
        code = await asyncio.wait_for(self.process.wait(), 30)
        self.lives[-1].ended = now
        self.lives[-1].how = "killed" if how is signal.SIGKILL else f"stopped ({code})"
        return code


class Balancer:
    """What stands in front of the replicas (a load balancer): each update Telegram posts
    goes to the next replica, or to the other when that one does not answer; with none
    answering, Telegram hears 502 and posts it again."""

    def __init__(self, replicas: list[Replica]) -> None:
        self._replicas = replicas
        self._turn = 0
        # Who took each update (answered Telegram's post with 2xx): its holder, unless
        # it died and another took it over.
        self.taken: dict[int, Life] = {}
        self._http: aiohttp.ClientSession | None = None
        self._runner: web.AppRunner | None = None
        self.url = ""

    async def start(self) -> str:
        self._http = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30))
        app = web.Application()
        app.router.add_post(WEBHOOK_PATH, self._forward)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        port = free_port()
        await web.TCPSite(self._runner, "127.0.0.1", port).start()
        self.url = f"http://127.0.0.1:{port}"
        return self.url

    async def _forward(self, request: web.Request) -> web.Response:
        assert self._http is not None
        body = await request.read()
        headers = {k: v for k, v in request.headers.items() if k.lower().startswith("x-telegram")}
        headers["Content-Type"] = "application/json"
        self._turn += 1
        for n in range(len(self._replicas)):
            replica = self._replicas[(self._turn + n) % len(self._replicas)]
            if not replica.alive:
                continue
            url = f"http://127.0.0.1:{replica.port}{WEBHOOK_PATH}"
            try:
                async with self._http.post(url, data=body, headers=headers) as reply:
                    answer = await reply.read()
                if 200 <= reply.status < 300 and replica.lives:
                    self.taken[json.loads(body)["update_id"]] = replica.lives[-1]
                return web.Response(status=reply.status, body=answer)
            except (aiohttp.ClientError, OSError, TimeoutError):
                continue
        return web.Response(status=502, text="no replica answered")

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
        if self._http is not None:
            await self._http.close()


class Database:
    """The replicas' database, read beside them."""

    def __init__(self, url: str) -> None:
        self._engine: AsyncEngine = create_async_engine(url, pool_pre_ping=True)

    async def rows(self, sql: str) -> list[tuple[Any, ...]]:
        async with self._engine.connect() as conn:
            return [tuple(row) for row in await conn.execute(text(sql))]

    async def count(self, sql: str) -> int:
        [(number,)] = await self.rows(sql)
        return int(number)

    async def close(self) -> None:
        await self._engine.dispose()


# -- the run -----------------------------------------------------------------------------


@dataclass
class Run:
    options: Options
    clock: SteppedWallClock
    tg: SoakTelegram
    db: Database
    replicas: list[Replica]
    balancer: Balancer
    http: aiohttp.ClientSession
    rng: random.Random
    window_answers: set[int] = field(default_factory=set)
    window_posts: set[tuple[int, str, str]] = field(default_factory=set)
    kills: int = 0
    kill_times: list[datetime] = field(default_factory=list)
    postgres_restarts: int = 0
    inbox_most: int = 0
    clock_pushes: int = 0  # moves past a post's hold, to let a dead replica's posts go
    stuck: list[str] = field(default_factory=list)

    def now(self) -> datetime:
        return self.clock.now()

    async def watch_memory(self) -> None:
        while True:
            for replica in self.replicas:
                replica.watch_memory()
            await asyncio.sleep(0.5)

    async def settle(self, label: str) -> None:
        """Until every update is handled and answered, every post due sent, the bot has said
        nothing new for a moment, and each replica has run two whole ticks since the clock
        moved (a tick may work for seconds, drawing weekly pictures, before it posts)."""
        began = time.monotonic()
        last, still_since = -1, time.monotonic()
        first_ticks: dict[int, float] = {}  # by process
        # Before the clock moves past a post's hold: each live replica's loop runs (it
        # finished two ticks) and none of them has called Telegram since the bot went quiet.
        calls_seen: float | None = None
        quiet_ticks: dict[int, float] = {}
        while True:
            try:
                unfinished = await self.db.count(UNFINISHED)
                pending = len(await self.db.rows(PENDING_POSTS))
            except Exception:  # the database restarting: look again
                await asyncio.sleep(0.3)
                continue
            progress = await self.tg.call("progress")
            calls = await self._calls()
            if progress["bot_messages"] != last or calls != calls_seen:
                last, still_since = progress["bot_messages"], time.monotonic()
                calls_seen = calls
                quiet_ticks = {}
            still = time.monotonic() - still_since
            busy = unfinished or progress["undelivered"]
            if not busy and not pending and still >= 0.6 and await self._ticked(first_ticks):
                break
            if not busy and pending and still >= 3.0 and await self._ticked(quiet_ticks):
                # Held by a replica that was killed (or waiting for another attempt): its
                # hold is on the clock. Nothing else is left to do: let the hold run out.
                # Never while a live replica still works (a slow one, its loop starved on
                # a loaded machine, a send waiting out Telegram's 429): its holds would run
                # out under it, and the other replica would send its posts too.
                self.clock.step(POST_LEASE + timedelta(seconds=30))
                self.clock_pushes += 1
                still_since = time.monotonic() + CLOCK_SEEN
                quiet_ticks = {}
            if time.monotonic() - began > SETTLE_PATIENCE:
                self.stuck.append(
                    f"{label}: {unfinished} inbox rows unfinished, {pending} posts pending, "
                    f"{progress['undelivered']} updates undelivered"
                )
                break
            await asyncio.sleep(0.2)
        self.inbox_most = max(self.inbox_most, await self.db.count("SELECT count(*) FROM inbox"))

    async def _calls(self) -> float:
        """The Bot API calls the live replicas have made, all told."""
        found = [await replica.calls(self.http) for replica in self.replicas]
        return sum(n for n in found if n is not None)

    async def _ticked(self, first: dict[int, float]) -> bool:
        """Whether each live replica has finished two ticks since ``first`` saw it."""
        ticked = True
        for replica in self.replicas:
            count = await replica.ticks(self.http)
            if count is None or replica.process is None:
                continue
            seen = first.setdefault(replica.process.pid, count)
            ticked = ticked and count >= seen + 2
        return ticked

    async def kill_one(self, victim: Replica, delay: float) -> None:
        """SIGKILL in the middle of the work, then what it had sent and not marked (the
        crash window), then the replica starts again."""
        await asyncio.sleep(delay)
        await victim.end(signal.SIGKILL, self.now())
        self.kills += 1
        self.kill_times.append(self.now())
        self.window_answers |= await self._answers_in_the_window()
        posts = await self._posts_sent_not_marked()
        await asyncio.sleep(MARKS_WRITTEN)  # the live replica marks the posts it sent
        self.window_posts |= posts & await self._posts_sent_not_marked()
        # It starts while the other takes over its work (awaited before its next end).
        victim.starting = asyncio.create_task(victim.start(self.now()))

    async def _answers_in_the_window(self) -> set[int]:
        """Updates not finished, not held by a live replica, and answered (a reaction, a
        reply): the dead one sent their answers and did not live to mark them."""
        rows = await self.db.rows(UNFINISHED_ROWS)
        live = {
            owner
            for update_id, owner in rows
            if (taker := self.balancer.taken.get(update_id)) is not None and taker.alive_now
        }
        dead = [update_id for update_id, owner in rows if owner not in live]
        seen = await self.tg.call("seen", {"updates": dead, "posts": []})
        return set(seen["updates"])

    async def _posts_sent_not_marked(self) -> set[tuple[int, str, str]]:
        pending = [[c, k, d.isoformat()] for c, k, d in await self.db.rows(PENDING_POSTS)]
        seen = await self.tg.call("seen", {"updates": [], "posts": pending})
        return {(c, k, d) for c, k, d in seen["posts"]}

    async def restart_postgres(self, delay: float) -> None:
        await asyncio.sleep(delay)
        command = await asyncio.create_subprocess_exec(
            *shlex.split(self.options.restart_command),
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
        )
        out, _ = await command.communicate()
        if command.returncode != 0:
            raise RuntimeError(f"restarting PostgreSQL failed: {out.decode(errors='replace')}")
        self.postgres_restarts += 1


async def soak(url: str, options: Options, folder: Path) -> dict[str, Any]:
    rng = random.Random(options.seed)
    clock = SteppedWallClock(folder / "clock-offset")
    clock.set(at(FIRST_DAY, ADDED_AT))
    faked = {**os.environ, **clock.env(), **FAKED, "PYTHONUNBUFFERED": "1"}
    started = time.monotonic()
    async with SoakTelegram(faked) as tg:
        replica_env = {
            **{k: v for k, v in faked.items() if not _bot_setting(k)},
            "BOT_TOKEN": TOKEN,
            "DATABASE_URL": url,
            "TELEGRAM_API_URL": tg.url,
            "WEBHOOK_LISTEN": "127.0.0.1",
            "WEBHOOK_SECRET": SECRET,
            "INBOX_LEASE_SECONDS": str(LEASE_SECONDS),
            "TICK_SECONDS": str(TICK_SECONDS),
            "LOG_LEVEL": os.environ.get("SOAK_LOG_LEVEL", "INFO"),
        }
        replicas = [Replica(name, replica_env, folder) for name in "AB"]
        balancer = Balancer(replicas)
        balancer_url = await balancer.start()
        for replica in replicas:
            replica.env["WEBHOOK_URL"] = balancer_url
        db = Database(url)
        http = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10))
        run = Run(options, clock, tg, db, replicas, balancer, http, rng)
        watching = asyncio.create_task(run.watch_memory())
        try:
            await asyncio.gather(*(replica.start(clock.now()) for replica in replicas))
            world = await tg.call("groups", {"groups": options.groups, "members": options.members})
            groups = [Group(n, g["chat_id"], g["members"]) for n, g in enumerate(world["groups"])]
            await run.settle("welcomes")
            moments = [settings_moment(groups, world["owner"]), *week(groups, options.days, rng)]
            await live(run, moments)
            # The last day ends: every answer and post out, then both replicas stop.
            clock.set(at(FIRST_DAY + timedelta(days=options.days - 1), clock_time(23, 30)))
            await asyncio.sleep(CLOCK_SEEN)
            await run.settle("the end")
            inbox_end = await db.count("SELECT count(*) FROM inbox")
            for replica in replicas:
                await replica.end(signal.SIGTERM, clock.now())
            states = dict(await db.rows("SELECT state, count(*) FROM posts GROUP BY state"))
            saved = await db.count("SELECT count(*) FROM checkins")
            tally = await tg.call("tally")
        finally:
            watching.cancel()
            for replica in replicas:
                if replica.alive:
                    await replica.end(signal.SIGKILL, clock.now())
            await balancer.stop()
            await http.close()
            await db.close()
    return judge(
        run,
        groups,
        tally,
        saved=saved,
        inbox_end=inbox_end,
        states={str(k): int(v) for k, v in states.items()},
        wall=time.monotonic() - started,
    )


def _bot_setting(name: str) -> bool:
    settings = {
        "BOT_TOKEN",
        "DATABASE_URL",
        "DATABASE_TIMEOUT",
        "TELEGRAM_API_URL",
        "DEFAULT_TIMEZONE",
        "LOG_LEVEL",
        "LOG_FORMAT",
        "WEBHOOK_URL",
        "WEBHOOK_LISTEN",
        "WEBHOOK_PORT",
        "WEBHOOK_SECRET",
        "TICK_SECONDS",
        "INBOX_LEASE_SECONDS",
        "METRICS_PORT",
        "METRICS_LISTEN",
    }
    return name.upper() in settings


async def live(run: Run, moments: list[Moment]) -> None:
    """Each moment in turn: the clock moves there, people say what they say, the bot does
    what is due; a kill now and then, in the middle of it, and PostgreSQL's restart once."""
    options = run.options
    kill_every = timedelta(hours=options.kill_every)
    next_kill = moments[0].at + kill_every
    victims = 0
    middle = FIRST_DAY + timedelta(days=(options.days - 1) // 2)
    restart_at = next(
        (m for m in moments if m.posts and m.at.date() == middle and m.at.hour >= 9), None
    )
    for moment in moments:
        run.clock.set(moment.at + PAST_THE_MINUTE)
        await asyncio.sleep(CLOCK_SEEN)
        if moment.said:
            await run.tg.call("say", {"said": [list(s) for s in moment.said]})
        disruptions = []
        if moment.at >= next_kill and options.kill_every > 0:
            next_kill += kill_every
            victim = run.replicas[victims % len(run.replicas)]
            victims += 1
            # In the middle of the work: the fan-out of posts comes at the next tick.
            delay = run.rng.uniform(0.1, 1.5) + (2 * TICK_SECONDS if moment.posts else 0)
            disruptions.append(run.kill_one(victim, delay))
        if moment is restart_at and options.restart_postgres:
            disruptions.append(run.restart_postgres(2 * TICK_SECONDS + 0.5))
        if disruptions:
            await asyncio.gather(*disruptions)
        await run.settle(f"{moment.at:%a %H:%M} {moment.label}")


# -- what the replicas said --------------------------------------------------------------

HELD = "nothing lost, nothing doubled beyond the crash window"
TOOK_OVER = "took over what a stopped replica left"
# A dead replica's rows are taken over once their hold ran out: within the lease and a few
# seconds of its kill. A take-over later than that took a live replica's rows.
AFTER_A_KILL = timedelta(seconds=LEASE_SECONDS + 15)


def take_overs(replicas: list[Replica], kills: list[datetime]) -> tuple[int, list[str]]:
    """The take-overs the replicas logged while running: how many came after a kill, and
    the lines of those that did not."""
    after_kill, otherwise = 0, []
    for replica in replicas:
        for log in sorted(replica.folder.glob(f"replica-{replica.name}-*.log")):
            for line in log.read_text(errors="replace").splitlines():
                if TOOK_OVER not in line:
                    continue
                when = datetime.fromisoformat(line[:19]).replace(tzinfo=UTC)
                if any(kill <= when <= kill + AFTER_A_KILL for kill in kills):
                    after_kill += 1
                else:
                    otherwise.append(f"{log.name}: {line}")
    return after_kill, otherwise


# -- the verdict -------------------------------------------------------------------------


def judge(
    run: Run,
    groups: list[Group],
    tally: dict[str, Any],
    *,
    saved: int,
    inbox_end: int,
    states: dict[str, int],
    wall: float,
) -> dict[str, Any]:
    options = run.options
    said = tally["said"]
    done = [s for s in said if s["text"].startswith("/done")]
    named = {(chat, key): n for chat, key, n in tally["named"]}

    def times_named(s: dict[str, Any]) -> int:
        return int(named.get((s["chat_id"], f"{s['day']}|{s['user']}"), 0))

    confirmed = [s for s in done if s["reactions"] >= 1 and times_named(s) >= 1]
    done_doubled = {s["update_id"] for s in done if s["reactions"] > 1 or times_named(s) > 1}
    others = [s for s in said if not s["text"].startswith(("/done", "/stats", "/export"))]
    others_doubled = {s["update_id"] for s in others if len(s["replies"]) > 1}
    asked = ("/stats", "/export")  # answered with a picture, a file, or a text
    files = {}
    files_doubled: set[int] = set()
    for command in asked:
        wanted = [s for s in said if s["text"] == command]
        # A text when there is nothing to show yet (no check-in, nothing to export).
        got = [s for s in wanted if s["replies"]]
        twice = {s["update_id"] for s in wanted if len(s["replies"]) > 1}
        files_doubled |= twice
        files[command] = {"sent": len(wanted), "answered": len(got), "doubled": len(twice)}

    due = posts_due(groups, options.days)
    posted = {(c, k, d): n for c, k, d, n in tally["posts"]}
    posts_missing = sorted(due - set(posted))
    posts_doubled = {key for key, n in posted.items() if n > 1}
    unexpected = {key: n for key, n in posted.items() if key not in due}

    answers_doubled = done_doubled | files_doubled | others_doubled
    beyond_window = sorted(answers_doubled - run.window_answers)
    posts_beyond = sorted(posts_doubled - run.window_posts)
    problems = []
    if saved != len(done):
        problems.append(f"{len(done)} check-ins sent, {saved} saved")
    if len(confirmed) != len(done):
        shown = [_describe(s) for s in done if s not in confirmed][:3]
        problems.append(f"{len(done) - len(confirmed)} check-ins not confirmed, e.g. {shown}")
    for command in asked:
        unanswered = [s for s in said if s["text"] == command and not s["replies"]]
        if unanswered:
            shown = [_describe(s) for s in unanswered[:3]]
            problems.append(f"{command}: {len(unanswered)} not answered, e.g. {shown}")
    if posts_missing:
        problems.append(f"{len(posts_missing)} posts due not sent, e.g. {posts_missing[:3]}")
    if unexpected:
        problems.append(f"posts not due: {sorted(unexpected.items())[:3]}")
    if beyond_window:
        shown = [_describe(s) for s in said if s["update_id"] in beyond_window][:5]
        problems.append(
            f"{len(beyond_window)} answers doubled outside the crash window, e.g. {shown}"
        )
    if posts_beyond:
        kinds = Counter(f"{kind} {day}" for _, kind, day in posts_beyond)
        problems.append(
            f"{len(posts_beyond)} posts doubled outside the crash window: {dict(kinds)}"
        )
    problems.extend(run.stuck)
    after_kills, from_the_living = take_overs(run.replicas, run.kill_times)
    return {
        "groups": options.groups,
        "members": options.members,
        "days": options.days,
        "wall_seconds": round(wall, 1),
        "kills": run.kills,
        "postgres_restarts": run.postgres_restarts,
        "clock_pushes": run.clock_pushes,
        "check_ins": {
            "sent": len(done),
            "saved": saved,
            "confirmed": len(confirmed),
            "doubled": len(done_doubled),
        },
        "files": files,
        "posts": {
            "due": len(due),
            "sent": len(due & set(posted)),
            "doubled": len(posts_doubled),
            "by_kind": dict(Counter(k for _, k, _ in due & set(posted))),
            "states": states,
        },
        "crash_window": {
            "answers": len(run.window_answers),
            "answers_doubled": len(answers_doubled & run.window_answers),
            "posts": len(run.window_posts),
            "posts_doubled": len(posts_doubled & run.window_posts),
        },
        "inbox": {"end": inbox_end, "most": run.inbox_most},
        "take_overs": {"after_kills": after_kills, "otherwise": from_the_living},
        "memory": [
            {
                "replica": replica.name,
                "pid": life.pid,
                "from": life.started.isoformat(),
                "to": life.ended.isoformat() if life.ended else None,
                "how": life.how,
                "peak_mib": round(life.peak, 1),
            }
            for replica in run.replicas
            for life in replica.lives
        ],
        "problems": problems,
        "verdict": "held" if not problems else "failed",
    }


def _describe(said: dict[str, Any]) -> str:
    return (
        f"update {said['update_id']} {said['text']!r} by {said['user']} on {said['day']}: "
        f"{said['reactions']} reactions, replies {said['replies']}"
    )


# -- the report --------------------------------------------------------------------------


def report(result: dict[str, Any]) -> Iterator[str]:
    c, p, w = result["check_ins"], result["posts"], result["crash_window"]
    yield (
        f"soak: {result['groups']} groups of {result['members']}, {result['days']} days, "
        f"two replicas on PostgreSQL, {result['kills']} kills, "
        f"{result['postgres_restarts']} PostgreSQL restarts, {result['wall_seconds']:.0f} s"
    )
    yield (
        f"  check-ins   sent {c['sent']:,}  saved {c['saved']:,}  confirmed {c['confirmed']:,}"
        f"  doubled {c['doubled']}"
    )
    for command, f in result["files"].items():
        yield (
            f"  {command:<10}  sent {f['sent']:,}  answered {f['answered']:,}"
            f"  doubled {f['doubled']}"
        )
    kinds = ", ".join(f"{n:,} {k}" for k, n in sorted(p["by_kind"].items()))
    yield f"  posts       due {p['due']:,}  sent {p['sent']:,} ({kinds})  doubled {p['doubled']}"
    states = ", ".join(f"{n:,} {s}" for s, n in sorted(p["states"].items()))
    yield f"              in the posts table: {states}"
    yield (
        f"  crash window (sent by a killed replica, not marked): {w['answers']} answers, "
        f"{w['posts']} posts; of them sent again: {w['answers_doubled']} answers, "
        f"{w['posts_doubled']} posts"
    )
    t = result["take_overs"]
    yield (
        f"  take-overs  {t['after_kills']} of a killed replica's work, "
        f"{len(t['otherwise'])} of a live one's"
    )
    for line in t["otherwise"]:
        yield f"    {line}"
    inbox = result["inbox"]
    yield f"  inbox rows  at the end {inbox['end']:,}  at most {inbox['most']:,}"
    for name in sorted({m["replica"] for m in result["memory"]}):
        lives = [m for m in result["memory"] if m["replica"] == name]
        peaks = [m["peak_mib"] for m in lives]
        longest = max(lives, key=_lifetime)
        yield (
            f"  replica {name}: {len(lives)} processes, peak memory {min(peaks):.0f}-"
            f"{max(peaks):.0f} MiB; the longest lived ({_lifetime(longest) / 3600:.0f} h "
            f"simulated) {longest['peak_mib']:.0f} MiB"
        )
    for problem in result["problems"]:
        yield f"  PROBLEM: {problem}"
    held = result["verdict"] == "held"
    yield f"  verdict: {HELD if held else 'FAILED'}"


def _lifetime(life: dict[str, Any]) -> float:
    if life["to"] is None:
        return 0.0
    return (
        datetime.fromisoformat(life["to"]) - datetime.fromisoformat(life["from"])
    ).total_seconds()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--groups", type=int, default=200)
    parser.add_argument("--members", type=int, default=5, help="members a group")
    parser.add_argument("--days", type=int, default=7)
    parser.add_argument(
        "--kill-every", type=float, default=6.0, help="simulated hours between kills (0: none)"
    )
    parser.add_argument(
        "--restart-postgres",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="restart PostgreSQL once, in the middle of a cue fan-out (on by default)",
    )
    parser.add_argument(
        "--restart-command",
        default="",
        help=f"how to restart it (default: {RESTART_POSTGRES!r}, the version from /etc/postgresql)",
    )
    parser.add_argument(
        "--database-url", default=os.environ.get("TEST_DATABASE_URL") or DEFAULT_SERVER
    )
    parser.add_argument("--database-name", default=NAME, help="the scratch database's name")
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON line")
    parser.add_argument("--logs", type=Path, help="keep the replicas' logs in this folder")
    args = parser.parse_args()
    command = args.restart_command or RESTART_POSTGRES.format(version=_postgres_version())
    options = Options(
        groups=args.groups,
        members=args.members,
        days=args.days,
        kill_every=args.kill_every,
        restart_postgres=args.restart_postgres,
        restart_command=command,
        seed=args.seed,
        as_json=args.json,
    )
    with (
        tempfile.TemporaryDirectory(prefix="habitloop-soak-") as scratch,
        scratch_database(args.database_url, args.database_name) as url,
    ):
        folder = args.logs or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        result = asyncio.run(soak(url, options, folder))
    if options.as_json:
        print(json.dumps(result))
    else:
        for line in report(result):
            print(line)
    sys.exit(0 if result["verdict"] == "held" else 1)


def _postgres_version() -> str:
    with contextlib.suppress(OSError):
        versions = sorted(os.listdir("/etc/postgresql"))
        if versions:
            return versions[-1]
    return "15"


if __name__ == "__main__":
    main()
