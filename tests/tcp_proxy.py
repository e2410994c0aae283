"""A TCP proxy on a loopback port that a test can cut, silence and restore (asyncio streams).

Put between the bot and its database, it plays the database's troubles as the bot sees them
over the network: ``cut()`` drops every connection and refuses new ones (the server went
away), ``silence()`` keeps accepting and forwards nothing either way (a server or a network
that hangs), ``hold()`` leaves new connections waiting while the open ones go on (a server
that takes no new connections for a while), ``restore()`` serves as before, on the same port
(held connections go through then). Put between the bot and Telegram, ``lose_answers()``
forwards every request and drops what comes back: the server does what it was asked, and the
bot never hears of it.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import Iterator
from contextlib import contextmanager

CHUNK = 65_536


class TcpProxy:
    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.port = 0
        self.silent = False
        self.answers_lost = False
        self._released = asyncio.Event()
        self._released.set()
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self._pumps: set[asyncio.Task[None]] = set()

    async def start(self) -> int:
        """Listen on a free port (the same one again after ``cut``); returns it."""
        self._server = await asyncio.start_server(
            self._connection, "127.0.0.1", self.port, reuse_address=True
        )
        self.port = self._server.sockets[0].getsockname()[1]
        return self.port

    async def cut(self) -> None:
        """Refuse new connections and break the open ones."""
        if self._server is not None:
            self._server.close()
            self._server = None
        for writer in list(self._writers):
            writer.transport.abort()
        for pump in list(self._pumps):
            pump.cancel()
        await asyncio.gather(*self._pumps, return_exceptions=True)

    def silence(self) -> None:
        """Accept connections, and forward nothing on them or on the open ones."""
        self.silent = True

    def hold(self) -> None:
        """Accept new connections and leave them waiting until ``restore``."""
        self._released.clear()

    def lose_answers(self) -> None:
        """Forward what the clients send, and nothing of what the server answers."""
        self.answers_lost = True

    async def restore(self) -> None:
        self.silent = False
        self.answers_lost = False
        self._released.set()
        if self._server is None:
            await self.start()

    async def stop(self) -> None:
        await self.cut()
        self._released.set()  # connections still held end (their client side is cut)

    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._writers.add(writer)
        try:
            if self.silent:
                await _drain_forever(reader)
                return
            await self._released.wait()
            if writer.transport.is_closing():
                return  # cut while it was held
            try:
                up_reader, up_writer = await asyncio.open_connection(*self.target)
            except OSError:
                return
            self._writers.add(up_writer)
            pumps = [
                asyncio.create_task(self._pump(reader, up_writer, answers=False)),
                asyncio.create_task(self._pump(up_reader, writer, answers=True)),
            ]
            self._pumps.update(pumps)
            try:
                await asyncio.wait(pumps, return_when=asyncio.FIRST_COMPLETED)
            finally:
                for pump in pumps:
                    pump.cancel()
                self._pumps.difference_update(pumps)
                self._writers.discard(up_writer)
                up_writer.transport.abort()
        finally:
            self._writers.discard(writer)
            writer.transport.abort()

    async def _pump(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, *, answers: bool
    ) -> None:
        """From one side to the other; ``answers``: from the server to the client."""
        with contextlib.suppress(OSError, asyncio.IncompleteReadError):
            while data := await reader.read(CHUNK):
                if self.silent or (answers and self.answers_lost):
                    continue  # swallowed: the other side waits for an answer that never comes
                writer.write(data)
                await writer.drain()


async def _drain_forever(reader: asyncio.StreamReader) -> None:
    with contextlib.suppress(OSError):
        while await reader.read(CHUNK):
            pass


@contextmanager
def silent_port() -> Iterator[int]:
    """A port that accepts connections (the kernel does) and never answers."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(64)
        yield listener.getsockname()[1]
