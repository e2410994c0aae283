"""The HTTP door: the fake Telegram as a web server on loopback.

It serves ``/bot<token>/<method>`` (GET or POST; query string, form, JSON or multipart
bodies, as Telegram accepts) and ``/file/bot<token>/<path>``, so the real ``habitloop``
process can run against it with TELEGRAM_API_URL pointed here, in long polling or webhook
mode. The user-side endpoints under ``/sandbox/`` are added by ``server_users`` and the
stream of the world's changes by ``events``; whoever starts the door may add more routes
(the browser sandbox adds its page and its time controls).
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sys
from collections.abc import Callable
from types import TracebackType
from typing import Any

from aiohttp import web

from bot.clock import SystemClock
from bot.faketelegram.actions import FakeTelegram
from bot.faketelegram.api import dispatch
from bot.faketelegram.events import add_event_stream
from bot.faketelegram.params import ConnectionDropped, Params, Upload
from bot.faketelegram.request import API_PATH, FILE_PATH, NOT_FOUND_BODY, download, encode
from bot.faketelegram.server_users import add_user_routes

WORLD_KEY = web.AppKey("world", FakeTelegram)
# Adds more routes to the door before it starts (the sandbox adds its page and time controls).
AppSetup = Callable[[web.Application], None]


async def _params(request: web.Request) -> Params:
    params = Params(dict(request.query))
    if request.method != "POST" or not request.can_read_body:
        return params
    if request.content_type == "application/json":
        body: Any = await request.json()
        if isinstance(body, dict):
            params.values.update(body)
        return params
    form = await request.post()
    for name, value in form.items():
        if isinstance(value, web.FileField):
            data = value.file.read()
            params.files[name] = Upload(value.filename, data, value.content_type)
        else:
            params.values[name] = value
    return params


def _json_response(status: int, body: Any) -> web.Response:
    return web.Response(status=status, body=encode(body), content_type="application/json")


async def _bot_api(request: web.Request) -> web.StreamResponse:
    world = request.app[WORLD_KEY]
    path = request.path
    file_match = FILE_PATH.fullmatch(path)
    if file_match is not None and path.startswith("/file/"):
        status, data = await download(world, file_match.group(1), file_match.group(2))
        content_type = "application/octet-stream" if status == 200 else "application/json"
        return web.Response(status=status, body=data, content_type=content_type)
    api_match = API_PATH.fullmatch(path)
    if api_match is None:
        return _json_response(404, NOT_FOUND_BODY)
    token, method = api_match.groups()
    try:
        status, body = await dispatch(world, token, method, await _params(request))
    except ConnectionDropped:
        if request.transport is not None:
            request.transport.close()  # the client sees the connection break, no answer
        raise web.HTTPServiceUnavailable() from None
    return _json_response(status, body)


def make_app(world: FakeTelegram, setup: AppSetup | None = None) -> web.Application:
    app = web.Application(client_max_size=60 * 1024 * 1024)
    app[WORLD_KEY] = world
    add_user_routes(app, world)
    add_event_stream(app, world)
    if setup is not None:
        setup(app)
    # Last: everything else is the Bot API.
    app.router.add_route("*", "/{tail:.*}", _bot_api)
    return app


class FakeTelegramServer:
    """The HTTP door of one world, started and stopped from async code (tests, sandbox)."""

    def __init__(self, world: FakeTelegram, setup: AppSetup | None = None) -> None:
        self.world = world
        self._setup = setup
        self._runner: web.AppRunner | None = None
        self.url = ""

    @property
    def bot_api_url(self) -> str:
        """What python-telegram-bot wants as ``base_url`` (it appends the token)."""
        return f"{self.url}/bot"

    @property
    def file_url(self) -> str:
        return f"{self.url}/file/bot"

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        """Listen (port 0: any free one) and return the base URL, like http://127.0.0.1:PORT."""
        # A long poll whose client went away (a bot process stopped or killed) is cancelled,
        # as Telegram forgets it, instead of holding the door open until its timeout ends.
        self._runner = web.AppRunner(
            make_app(self.world, self._setup), access_log=None, handler_cancellation=True
        )
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        bound_port = self._runner.addresses[0][1]
        self.url = f"http://{host}:{bound_port}"
        return self.url

    async def stop(self) -> None:
        await self.world.aclose()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeTelegramServer:
        if not self.url:
            await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()


async def start_server(
    world: FakeTelegram, host: str = "127.0.0.1", port: int = 0, setup: AppSetup | None = None
) -> FakeTelegramServer:
    """Start the HTTP door of ``world``; stop it with ``await server.stop()``."""
    server = FakeTelegramServer(world, setup)
    await server.start(host, port)
    return server


async def _serve(
    host: str, port: int, token: str | None, username: str, setup: AppSetup | None
) -> int:
    world = FakeTelegram(SystemClock(), auto_create_bots=True, default_username=username)
    if token is not None:
        world.create_bot(token, username)
    server = FakeTelegramServer(world, setup)
    try:
        url = await server.start(host, port)
    except OSError as exc:
        print(f"Fake Telegram could not listen on {host}:{port}: {exc}", file=sys.stderr)
        return 1
    shown = f"bot token {token}" if token else "any bot token"
    print(f"Fake Telegram listening on {url} ({shown}, use TELEGRAM_API_URL={url})", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
    finally:
        await server.stop()
    return 0


def run_standalone(
    host: str,
    port: int,
    *,
    token: str | None = None,
    username: str = "habitloop_bot",
    setup: AppSetup | None = None,
) -> int:
    """Serve the HTTP door alone until interrupted; returns the process exit code."""
    try:
        return asyncio.run(_serve(host, port, token, username, setup))
    except KeyboardInterrupt:
        return 0
