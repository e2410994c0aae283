"""``habitloop sandbox``: the bot, a fake Telegram and a page to play it, in one process.

The runner starts the real bot on a fresh SQLite file (or reopens the one ``--database``
names: ``resume``) against a fake Telegram, serves the fake's HTTP door on loopback with the
page and the time controls, and builds the ready scene. It needs no token and talks to
nothing beyond this machine (``guard``). "Reset" starts over: fresh database, fresh world,
the ready scene, the clock back to the morning.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import shutil
import signal
import socket
import sys
import tempfile
from collections.abc import Awaitable, Callable
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from aiohttp import web

from bot.clock import ManualClock, SystemClock
from bot.config import Settings
from bot.faketelegram.actions import FakeTelegram
from bot.faketelegram.server import FakeTelegramServer
from bot.sandbox.guard import loopback_only
from bot.sandbox.live import LiveBot
from bot.sandbox.page import add_page
from bot.sandbox.resume import Known, UnusableDatabase, has_data, what_it_knows
from bot.sandbox.scene import build_scene
from bot.sandbox.timetravel import (
    TimeMachine,
    TimeTravelRefused,
    Trip,
    clock_time,
    duration,
    next_due,
)
from bot.store.migrate import upgrade_to_head

log = logging.getLogger(__name__)

HOST = "127.0.0.1"
DEFAULT_PORT = 8090
# Shaped like a token so the bot accepts it; the fake Telegram is the only one that sees it.
SANDBOX_TOKEN = "1000000001:SANDBOX-habitloop-not-a-real-token"
BOT_USERNAME = "habitloop_bot"
APP_NAME = "app"  # the Mini App's short name, as /newapp would have registered it
# The scene starts at 08:00 today, an hour before the default cue.
SCENE_TIME = time(8, 0)
# A reopened database's clock starts this long after the last thing the bot recorded.
RESUME_AFTER = timedelta(minutes=1)

Jump = Callable[[LiveBot, dict[str, Any]], Awaitable[Trip]]


class SandboxError(Exception):
    """The sandbox can't start as asked; the message says why."""


def free_port() -> int:
    """A port on loopback nothing listens on now (the bot's web server takes it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def _sqlite_url(path: Path) -> str:
    return f"sqlite+aiosqlite:///{path}"


class SandboxRunner:
    """Start with ``await runner.start()`` (returns the page's address), end with ``stop``."""

    def __init__(
        self,
        *,
        port: int = DEFAULT_PORT,
        database: Path | None = None,
        zone: str = "UTC",
        start: datetime | None = None,
        follow_real_time: bool = True,
    ) -> None:
        try:
            self.zone = ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError):
            raise SandboxError(f"{zone!r} is not an IANA time zone, e.g. Europe/Berlin") from None
        try:
            # A file of the person's own is reopened with its data; a new one starts fresh.
            self._reopen = database is not None and has_data(database)
        except UnusableDatabase as exc:
            raise SandboxError(str(exc)) from None
        self.port = port
        self.url = ""
        self._fixed_start = start
        self._follow = follow_real_time
        self._workdir = Path(tempfile.mkdtemp(prefix="habitloop-sandbox-"))
        # Named by the person (--database): the page names it before Reset wipes it.
        self.kept_file = database
        self.database = database or self._workdir / "habitloop.db"
        self._template = self._workdir / "template.db"
        self.clock = ManualClock(self._scene_start())
        self.tg = FakeTelegram(self.clock, rate_limits=False)
        self.time = TimeMachine(self.clock, self.tg, self.zone)
        # The bot's own web server serves the Mini App on loopback, as it would behind a
        # host's HTTPS proxy; the fake Telegram opens it when a button for it is tapped.
        self.app_port = free_port()
        self.app_url = f"http://{HOST}:{self.app_port}/app"
        self.settings = Settings.model_validate(
            {
                "bot_token": SANDBOX_TOKEN,
                "database_url": _sqlite_url(self.database),
                "default_timezone": zone,
                "metrics_port": self.app_port,
                "metrics_listen": HOST,
                "mini_app_url": self.app_url,
                "mini_app_name": APP_NAME,
            }
        )
        self._server: FakeTelegramServer | None = None
        self._live: LiveBot | None = None
        self._guard = contextlib.ExitStack()

    @property
    def reopened(self) -> bool:
        """Started on a database that already held the bot's data (``--database``)."""
        return self._reopen

    @property
    def bot(self) -> LiveBot:
        if self._live is None:
            raise RuntimeError("the sandbox is not running")
        return self._live

    def _scene_start(self) -> datetime:
        if self._fixed_start is not None:
            return self._fixed_start
        today = SystemClock().now().astimezone(self.zone).date()
        return datetime.combine(today, SCENE_TIME, tzinfo=self.zone)

    # -- life cycle ---------------------------------------------------------------------

    async def start(self) -> str:
        self._guard.enter_context(loopback_only())
        try:
            # Migrated once; every start and reset copies it (Alembic runs its own loop).
            await asyncio.to_thread(upgrade_to_head, _sqlite_url(self._template))
            self._server = FakeTelegramServer(self.tg, self._add_routes)
            self.url = await self._server.start(HOST, self.port)
            await self._begin(reopen=self._reopen)
        except BaseException:
            await self.stop()
            raise
        if self._follow:
            self.time.follow_real_time()
        return self.url

    async def _begin(self, *, reopen: bool = False) -> None:
        """A fresh database (or, with ``reopen``, the file's own, migrated) and the bot on
        it, then the ready scene."""
        if reopen:
            url = _sqlite_url(self.database)
            await asyncio.to_thread(upgrade_to_head, url)
            known = await what_it_knows(url)
        else:
            await asyncio.to_thread(self._fresh_database)
            known = Known(None, None)
        if known.last_moment is not None:
            self.clock.set(max(self.clock.now(), known.last_moment + RESUME_AFTER))
        self.tg.create_bot(SANDBOX_TOKEN, username=BOT_USERNAME, first_name="Habitloop")
        self.tg.register_web_app(APP_NAME, self.app_url)
        if known.last_update_id is not None:
            self.tg.bot().queue.next_id = known.last_update_id + 1
        self._live = await LiveBot.start(self.tg, self.settings, self.clock)
        build_scene(self.tg)
        # The bot has taken in its group (and scheduled its cue) before anyone clicks.
        await self._live.settled()

    def _fresh_database(self) -> None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{self.database}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(self._template, self.database)

    async def reset(self) -> None:
        async with self.time.held():
            if self._live is not None:
                await self._live.stop()
                self._live = None
            await self.tg.reset()
            self.clock.set(self._scene_start())
            await self._begin()
        self.time.moved()

    async def stop(self) -> None:
        await self.time.stop_following()
        if self._live is not None:
            await self._live.stop()
            self._live = None
        if self._server is not None:
            await self._server.stop()
            self._server = None
        shutil.rmtree(self._workdir, ignore_errors=True)
        self._guard.close()

    # -- the time controls and reset, over HTTP -----------------------------------------

    async def time_state(self) -> dict[str, Any]:
        cue = recap = None
        if self._live is not None:  # None only for a moment during a reset
            sessions = self._live.services.sessions
            cue = await next_due(sessions, cue=True, recap=False)
            recap = await next_due(sessions, cue=False, recap=True)
        return {
            "now": self.tg.now_ts(),
            "zone": self.zone.key,
            "next_cue": int(cue.timestamp()) if cue else None,
            "next_recap": int(recap.timestamp()) if recap else None,
            "follows_real_time": self._follow,
            # The person's own file (--database), which Reset wipes: the page says so first.
            "database": str(self.kept_file) if self.kept_file else None,
        }

    def _add_routes(self, app: web.Application) -> None:
        add_page(app)

        async def time_now(request: web.Request) -> web.Response:
            return web.json_response(await self.time_state())

        async def reset(request: web.Request) -> web.Response:
            await self.reset()
            return web.json_response(await self.time_state())

        app.router.add_get("/sandbox/time", time_now)
        app.router.add_post("/sandbox/reset", reset)
        jumps: dict[str, Jump] = {
            "next_cue": lambda bot, body: self.time.to_next(bot, cue=True),
            "next_recap": lambda bot, body: self.time.to_next(bot, cue=False),
            "tomorrow": lambda bot, body: self.time.tomorrow_at(bot, clock_time(body)),
            "advance": lambda bot, body: self.time.advance(bot, duration(body)),
            "travel": lambda bot, body: self.time.travel_to(
                bot, self.time.parse_moment(str(body.get("to", "")))
            ),
        }
        for name, jump in jumps.items():
            app.router.add_post(f"/sandbox/time/{name}", self._jump_handler(jump))

    def _jump_handler(self, jump: Jump) -> Callable[[web.Request], Awaitable[web.Response]]:
        async def handle(request: web.Request) -> web.Response:
            try:
                body: Any = await request.json() if request.can_read_body else {}
            except ValueError:
                return web.json_response({"error": "the body must be JSON"}, status=400)
            try:
                trip = await jump(self.bot, body if isinstance(body, dict) else {})
            except TimeTravelRefused as exc:
                return web.json_response({"error": str(exc)}, status=400)
            return web.json_response(
                {"ticks": trip.ticks, "posted": trip.posted, **await self.time_state()}
            )

        return handle


# -- the command ------------------------------------------------------------------------


async def _serve(port: int, database: Path | None, zone: str) -> int:
    try:
        runner = SandboxRunner(port=port, database=database, zone=zone)
    except SandboxError as exc:
        print(f"habitloop sandbox: {exc}", file=sys.stderr)
        return 2
    try:
        url = await runner.start()
    except OSError as exc:
        print(
            f"habitloop sandbox: could not listen on {HOST}:{port} ({exc.strerror or exc}); "
            "choose another port with --port",
            file=sys.stderr,
        )
        return 1
    kept = (
        f"Reopened {runner.database} (migrated): the bot's data is kept, the chats start "
        "again from the ready group."
        if runner.reopened
        else f"The bot's data is in {runner.database}."
    )
    print(
        f"Habitloop sandbox: open {url} in your browser (Ctrl+C stops it).\n"
        f"A fake Telegram and the bot; nothing leaves this machine. {kept}",
        flush=True,
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
    finally:
        await runner.stop()
    return 0


def run_sandbox(port: int = DEFAULT_PORT, database: Path | None = None, zone: str = "UTC") -> int:
    """Run the sandbox until interrupted; returns the process exit code."""
    try:
        return asyncio.run(_serve(port, database, zone))
    except KeyboardInterrupt:
        return 0
