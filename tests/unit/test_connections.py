"""The connections to Telegram: a call takes a free one, waits its turn when all are busy,
and gives up (as not sent) when none frees within the pool timeout."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from aiohttp import web
from telegram.error import TimedOut

from bot.outbox.connections import Connections
from bot.outbox.unknown_outcome import outcome_unknown
from tests.stub_server import stub_server


class SlowTelegram:
    """Answers every call once ``release`` is set; counts the calls under way at once."""

    def __init__(self) -> None:
        self.release = asyncio.Event()
        self.under_way = 0
        self.most_at_once = 0
        self.peers: set[int] = set()  # client ports: one a connection
        self._arrived = asyncio.Condition()

    async def until_under_way(self, calls: int) -> None:
        async with self._arrived:
            await self._arrived.wait_for(lambda: self.under_way >= calls)

    async def handle(self, request: web.Request) -> web.Response:
        self.under_way += 1
        self.most_at_once = max(self.most_at_once, self.under_way)
        peer = request.transport.get_extra_info("peername") if request.transport else None
        if peer is not None:
            self.peers.add(peer[1])
        async with self._arrived:
            self._arrived.notify_all()
        await self.release.wait()
        self.under_way -= 1
        return web.json_response({"ok": True, "result": True})


async def test_calls_beyond_the_connections_wait_their_turn_on_as_many_connections() -> None:
    telegram = SlowTelegram()
    async with stub_server(telegram.handle) as url:
        connections = Connections(2, pool_timeout=30)
        await connections.initialize()
        try:
            calls = [
                asyncio.create_task(connections.post(f"{url}/bot1:x/setMessageReaction"))
                for _ in range(5)
            ]
            await telegram.until_under_way(2)
            await asyncio.sleep(0.1)
            assert telegram.under_way == 2, "the other three wait for a connection"
            telegram.release.set()
            assert await asyncio.gather(*calls) == [True] * 5
        finally:
            await connections.shutdown()
    assert telegram.most_at_once == 2
    assert len(telegram.peers) == 2, "each call went on one of the two connections"


async def test_a_call_that_finds_no_free_connection_in_time_was_not_sent() -> None:
    telegram = SlowTelegram()
    async with stub_server(telegram.handle) as url:
        connections = Connections(1, pool_timeout=30)
        await connections.initialize()
        try:
            busy = asyncio.create_task(connections.post(f"{url}/bot1:x/sendMessage"))
            await telegram.until_under_way(1)
            with pytest.raises(TimedOut) as raised:
                await connections.post(f"{url}/bot1:x/sendMessage", pool_timeout=0.1)
            assert isinstance(raised.value.__cause__, httpx.PoolTimeout)
            assert not outcome_unknown(raised.value), "nothing went out: sent again as usual"
            assert telegram.under_way == 1
            # The connection is still handed on: the busy call ends, the next one goes.
            telegram.release.set()
            assert await busy is True
            assert await connections.post(f"{url}/bot1:x/sendMessage") is True
        finally:
            await connections.shutdown()


async def test_a_call_given_up_while_waiting_leaves_no_connection_taken() -> None:
    telegram = SlowTelegram()
    async with stub_server(telegram.handle) as url:
        connections = Connections(1, pool_timeout=30)
        await connections.initialize()
        try:
            busy = asyncio.create_task(connections.post(f"{url}/bot1:x/sendMessage"))
            await telegram.until_under_way(1)
            waiting = asyncio.create_task(connections.post(f"{url}/bot1:x/sendMessage"))
            await asyncio.sleep(0.05)
            waiting.cancel()
            telegram.release.set()
            assert await busy is True
            with pytest.raises(asyncio.CancelledError):
                await waiting
            assert await asyncio.wait_for(connections.post(f"{url}/bot1:x/getMe"), 5) is True
        finally:
            await connections.shutdown()
