"""Which failed sends may have been posted all the same: the errors python-telegram-bot's own
HTTP request class raises for real troubles on a loopback socket, and the ones it makes from
Telegram's answers."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import timedelta

import httpx
import pytest
from aiohttp import web
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.request import HTTPXRequest

from bot.outbox.unknown_outcome import outcome_unknown
from tests.stub_server import stub_server

# Seconds a request waits for what never comes: a network timeout, not a sleep.
SHORT = 0.2

Connection = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]


def _caused(error: TelegramError, cause: BaseException) -> TelegramError:
    error.__cause__ = cause
    return error


@pytest.fixture(autouse=True)
def _timedeltas(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "1")  # as the bot runs (bot.app)


# Each error as python-telegram-bot makes it, and whether it leaves the outcome unknown.
ERRORS: dict[str, tuple[Callable[[], BaseException], bool]] = {
    "read timeout": (lambda: _caused(TimedOut(), httpx.ReadTimeout("read")), True),
    "dropped before the answer": (
        lambda: _caused(NetworkError("httpx.RemoteProtocolError"), httpx.RemoteProtocolError("x")),
        True,
    ),
    "reset while reading": (
        lambda: _caused(NetworkError("httpx.ReadError"), httpx.ReadError("reset")),
        True,
    ),
    "other transport trouble": (
        lambda: _caused(NetworkError("Unknown error in HTTP implementation"), OSError("?")),
        True,
    ),
    "a timeout that does not say how": (TimedOut, True),
    "refused connection": (
        lambda: _caused(NetworkError("httpx.ConnectError"), httpx.ConnectError("refused")),
        False,
    ),
    "connect timeout": (lambda: _caused(TimedOut(), httpx.ConnectTimeout("connect")), False),
    "pool timeout": (lambda: _caused(TimedOut("Pool timeout"), httpx.PoolTimeout("pool")), False),
    "write timeout": (lambda: _caused(TimedOut(), httpx.WriteTimeout("write")), False),
    "broken pipe while writing": (
        lambda: _caused(NetworkError("httpx.WriteError"), httpx.WriteError("broken pipe")),
        False,
    ),
    "5xx answer": (lambda: NetworkError("Bad Gateway (502)"), False),
    "bad request": (lambda: BadRequest("chat not found"), False),
    "retry after": (lambda: RetryAfter(timedelta(seconds=5)), False),
    "forbidden": (lambda: Forbidden("bot was kicked"), False),
    "group moved": (lambda: ChatMigrated(-100), False),
    "not Telegram's": (lambda: ValueError("?"), False),
}


@pytest.mark.parametrize("name", ERRORS)
def test_what_each_error_says_of_the_outcome(name: str) -> None:
    make, unknown = ERRORS[name]
    assert outcome_unknown(make()) is unknown


@asynccontextmanager
async def _raw_server(connection: Connection) -> AsyncIterator[str]:
    """A loopback server that plays ``connection`` on each connection, and closes them all
    at the end."""
    writers: set[asyncio.StreamWriter] = set()

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writers.add(writer)
        await connection(reader, writer)

    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    try:
        yield f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}"
    finally:
        server.close()
        for writer in writers:
            writer.transport.abort()
        await server.wait_closed()
        await asyncio.sleep(0)  # the aborted transports let their sockets go


async def _read_request(reader: asyncio.StreamReader) -> None:
    with contextlib.suppress(asyncio.IncompleteReadError, ConnectionError):
        await reader.readuntil(b"\r\n\r\n")


async def _hangs_up(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """Takes the whole request, then closes the connection without a word."""
    await _read_request(reader)
    writer.transport.abort()


async def _never_answers(reader: asyncio.StreamReader, _writer: asyncio.StreamWriter) -> None:
    await _read_request(reader)


async def _failure(url: str, **request: float) -> TelegramError:
    http = HTTPXRequest(read_timeout=SHORT, **request)  # type: ignore[arg-type]
    await http.initialize()
    try:
        await http.post(f"{url}/bot1:x/sendMessage")
    except TelegramError as error:
        return error
    finally:
        await http.shutdown()
    raise AssertionError("the request succeeded")


async def test_no_answer_after_the_request_went_out_is_unknown() -> None:
    async with _raw_server(_never_answers) as url:
        error = await _failure(url)
    assert isinstance(error, TimedOut)
    assert isinstance(error.__cause__, httpx.ReadTimeout)
    assert outcome_unknown(error)


async def test_a_connection_dropped_before_the_answer_is_unknown() -> None:
    async with _raw_server(_hangs_up) as url:
        error = await _failure(url)
    assert isinstance(error.__cause__, httpx.RemoteProtocolError)
    assert outcome_unknown(error)


async def test_a_refused_connection_surely_failed() -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    error = await _failure(f"http://127.0.0.1:{port}")
    assert isinstance(error.__cause__, httpx.ConnectError)
    assert not outcome_unknown(error)


async def test_no_free_connection_in_the_pool_surely_failed() -> None:
    async with _raw_server(_never_answers) as url:
        http = HTTPXRequest(connection_pool_size=1, pool_timeout=SHORT, read_timeout=5 * SHORT)
        await http.initialize()
        try:
            busy = asyncio.create_task(http.post(f"{url}/bot1:x/getUpdates"))
            await asyncio.sleep(0)  # the one connection is taken
            with pytest.raises(TimedOut) as waited:
                await http.post(f"{url}/bot1:x/sendMessage")
            busy.cancel()
            with contextlib.suppress(asyncio.CancelledError, TelegramError):
                await busy
        finally:
            await http.shutdown()
    assert isinstance(waited.value.__cause__, httpx.PoolTimeout)
    assert not outcome_unknown(waited.value)


@pytest.mark.parametrize(
    ("status", "body", "kind"),
    [
        (502, {"ok": False, "description": "Bad Gateway"}, NetworkError),
        (500, {"ok": False, "description": "Internal Server Error"}, NetworkError),
        (400, {"ok": False, "description": "Bad Request: chat not found"}, BadRequest),
        (
            429,
            {"ok": False, "description": "Too Many", "parameters": {"retry_after": 3}},
            RetryAfter,
        ),
    ],
)
async def test_an_answer_with_an_error_surely_failed(
    status: int, body: dict[str, object], kind: type[TelegramError]
) -> None:
    async def answer(_request: web.Request) -> web.Response:
        return web.json_response(body, status=status)

    async with stub_server(answer) as url:
        error = await _failure(url)
    assert type(error) is kind
    assert not outcome_unknown(error)
