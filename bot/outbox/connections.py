"""The connections to Telegram for every call but getUpdates: each a client of its own.

python-telegram-bot's ``HTTPXRequest`` keeps its connections in one httpx pool, which looks
over every connection (and, for each, counts the idle ones) each time a call starts or ends,
and weighs each waiting call against them all: with twenty /done at once, forty calls (a
reaction and a reply each), that bookkeeping costs more CPU than the calls. Here each
connection is an ``HTTPXRequest`` of its own, a pool of one, and a call takes a free one,
first come, first served, and gives it back when it ends.
"""

from __future__ import annotations

import asyncio
from collections import deque

import httpx
from telegram._utils.defaultvalue import DEFAULT_NONE, DefaultValue
from telegram._utils.types import ODVInput
from telegram.error import TimedOut
from telegram.request import BaseRequest, HTTPXRequest, RequestData


class Connections(BaseRequest):
    """``size`` connections; a call waits up to ``pool_timeout`` seconds for a free one."""

    def __init__(self, size: int, *, pool_timeout: float) -> None:
        self._all = [HTTPXRequest(connection_pool_size=1) for _ in range(size)]
        self._free = deque(self._all)
        self._waiting: deque[asyncio.Future[HTTPXRequest]] = deque()
        self._pool_timeout = pool_timeout

    @property
    def read_timeout(self) -> float | None:
        return self._all[0].read_timeout

    async def initialize(self) -> None:
        for request in self._all:
            await request.initialize()

    async def shutdown(self) -> None:
        for request in self._all:
            await request.shutdown()

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
        patience = self._pool_timeout if isinstance(pool_timeout, DefaultValue) else pool_timeout
        request = await self._take(patience)
        try:
            return await request.do_request(
                url,
                method,
                request_data,
                read_timeout=read_timeout,
                write_timeout=write_timeout,
                connect_timeout=connect_timeout,
            )
        finally:
            self._give_back(request)

    async def _take(self, patience: float | None) -> HTTPXRequest:
        if self._free and not self._waiting:
            return self._free.popleft()
        turn: asyncio.Future[HTTPXRequest] = asyncio.get_running_loop().create_future()
        self._waiting.append(turn)
        try:
            return await asyncio.wait_for(turn, patience)
        except BaseException as error:
            if turn.done() and not turn.cancelled():
                self._give_back(turn.result())  # handed over just as the wait ended
            if isinstance(error, TimeoutError):
                raise TimedOut(
                    "Pool timeout: every connection to Telegram is busy; the request was not sent"
                ) from httpx.PoolTimeout(str(error))
            raise
        finally:
            if turn in self._waiting:
                self._waiting.remove(turn)

    def _give_back(self, request: HTTPXRequest) -> None:
        while self._waiting:
            turn = self._waiting.popleft()
            if not turn.done():
                turn.set_result(request)
                return
        self._free.append(request)
