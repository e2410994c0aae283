"""A PostgreSQL database that stops answering, as a server does whose processes are stopped
(a host swapping hard, a paused VM, a disk that hangs): connections stay open, what is sent on
them waits, and nothing comes back until ``thaw``.

The bot reaches the database through a TCP proxy. ``freeze`` stops the server processes that
serve the database with SIGSTOP (the tests run as root on the machine PostgreSQL runs on),
and the proxy holds every new connection, as a stopped postmaster would leave it waiting: the
postmaster itself keeps running, so the server's other databases, other tests' included, go
on as before. ``thaw`` continues the processes, which carry on with whatever they were sent
meanwhile, and lets the held connections through.
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import AsyncIterator

from sqlalchemy import bindparam, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.store.db import make_engine
from tests.tcp_proxy import TcpProxy

_BACKENDS = text(
    "SELECT pid FROM pg_stat_activity WHERE datname = :database "
    "AND backend_type = 'client backend' AND pid <> pg_backend_pid()"
).bindparams(bindparam("database"))


class FrozenPostgres:
    def __init__(self, admin: AsyncConnection, proxy: TcpProxy, database_url: str) -> None:
        self._admin = admin
        self._proxy = proxy
        url = make_url(database_url)
        assert url.database
        self._database = url.database
        # The database's URL through the proxy, for the bot.
        self.url = url.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
        self.stopped: set[int] = set()

    async def freeze(self) -> None:
        self._proxy.hold()
        rows = await self._admin.execute(_BACKENDS, {"database": self._database})
        for (pid,) in rows:
            os.kill(pid, signal.SIGSTOP)
            self.stopped.add(pid)

    async def thaw(self) -> None:
        for pid in self.stopped:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGCONT)
        self.stopped.clear()
        await self._proxy.restore()


@contextlib.asynccontextmanager
async def frozen_postgres(admin_url: str, database_url: str) -> AsyncIterator[FrozenPostgres]:
    """``database_url``'s database behind a proxy, to freeze; the server is asked through
    ``admin_url`` (another database, so that this connection is never stopped). Everything
    is thawed at the end, whatever happened."""
    url = make_url(database_url)
    proxy = TcpProxy(url.host or "127.0.0.1", url.port or 5432)
    await proxy.start()
    engine = make_engine(admin_url)
    try:
        async with engine.connect() as conn:
            admin = await conn.execution_options(isolation_level="AUTOCOMMIT")
            database = FrozenPostgres(admin, proxy, database_url)
            try:
                yield database
            finally:
                await database.thaw()
    finally:
        await engine.dispose()
        await proxy.stop()
