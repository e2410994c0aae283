"""The engine, the session factory, and the one-session-per-unit-of-work wrapper."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any, Generic, TypeVar

from sqlalchemy import String, Table, event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.pool import AsyncAdaptedQueuePool, ConnectionPoolEntry
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.util import await_only

from bot.store.deadline import give_up_after, track_checkouts

log = logging.getLogger(__name__)

SessionFactory = async_sessionmaker[AsyncSession]
T = TypeVar("T")

# How long anything waits for the database by default, in seconds (DATABASE_TIMEOUT).
DATABASE_TIMEOUT_SECONDS = 10.0
# How long a SQLite writer waits for another writer before giving up, in milliseconds.
SQLITE_BUSY_TIMEOUT_MS = 15_000


def make_engine(
    url: str,
    *,
    echo: bool = False,
    timeout: float = DATABASE_TIMEOUT_SECONDS,
    foreign_keys: bool = True,
) -> AsyncEngine:
    """An engine for ``url``; on SQLite, tuned so concurrent updates queue instead of failing.

    ``timeout`` (seconds) bounds each wait for the database: a connection, a statement
    (twice as long: a migration's may be big), a turn at the pool. A unit of work as a whole
    is bounded by its session factory's deadline (``make_session_factory``).

    ``foreign_keys=False`` is for migrations on SQLite only: changing a table there means
    copying it to a new one and dropping the old, and with foreign keys enforced, dropping
    the members' table would delete every check-in, goal and break with it.
    """
    if url.startswith("sqlite"):
        # One connection, taken in turn: SQLite has one writer anyway (every transaction
        # takes the write lock, below), and the pool's queue is first come, first served,
        # where SQLite's own retrying of a locked file is not (a busy group's next
        # transaction would keep getting in before a quiet group's).
        engine = create_async_engine(
            url,
            echo=echo,
            poolclass=AsyncAdaptedQueuePool,
            pool_size=1,
            max_overflow=0,
            pool_timeout=max(timeout, 30.0),  # a turn at the one connection, in a busy minute
        )
        _serialize_sqlite_writers(engine, foreign_keys=foreign_keys)
        return engine
    engine = create_async_engine(
        url,
        echo=echo,
        # Every update handled at once (bot.app.MAX_RUNNING_UPDATES) keeps a connection of its
        # own in the pool: a connection opened for a busy minute and closed after it would
        # cost a login and its prepared statements again each time.
        pool_size=20,
        max_overflow=10,
        pool_timeout=timeout,
        connect_args={"timeout": timeout, "command_timeout": 2 * timeout},
    )
    track_checkouts(engine)
    _ping_on_checkout(engine)
    return engine


def _ping_on_checkout(engine: AsyncEngine) -> None:
    """Check a connection is alive before lending it, and replace it if not.

    SQLAlchemy's own ``pool_pre_ping`` on asyncpg wraps its query in a transaction (BEGIN,
    the query, ROLLBACK, for PgBouncer's transaction mode, which the bot does not use):
    three round trips before every unit of work where one makes the same check.
    """

    @event.listens_for(engine.sync_engine.pool, "checkout")
    def _ping(_dbapi: DBAPIConnection, record: ConnectionPoolEntry, _proxy: Any) -> None:
        driver = record.driver_connection
        assert driver is not None, "the pool lends only open connections"
        try:
            await_only(driver.fetchrow(";"))
        except Exception as error:
            # The pool drops the connection and lends another (a fresh one if need be).
            raise DisconnectionError("the database connection was lost") from error


def _serialize_sqlite_writers(engine: AsyncEngine, *, foreign_keys: bool) -> None:
    # SQLite has one writer at a time. A transaction that reads first and writes later can
    # fail with "database is locked" instead of waiting, so every transaction takes the
    # write lock up front (BEGIN IMMEDIATE) and waits its turn (busy_timeout).
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
        try:
            # WAL lets readers go on while one writes. It stays set in the file, so when
            # another connection is switching it at this very moment, there's nothing to do.
            cursor.execute("PRAGMA journal_mode = WAL")
        except sqlite3.OperationalError:
            log.debug("journal mode not switched: the database is busy")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_session_factory(
    engine: AsyncEngine, *, timeout: float = DATABASE_TIMEOUT_SECONDS
) -> SessionFactory:
    """Sessions on ``engine``; on PostgreSQL, each unit of work (``session_scope``) is given
    ``timeout`` seconds as a whole. (A SQLite file can't stop answering the way a server
    can: its waits are a turn at its one connection and its write lock, each bounded.)"""
    deadline = timeout if engine.dialect.name == "postgresql" else None
    return async_sessionmaker(engine, expire_on_commit=False, info={_DEADLINE: deadline})


_DEADLINE = "habitloop_deadline"


@asynccontextmanager
async def session_scope(
    factory: SessionFactory, *, within: float | None = None
) -> AsyncIterator[AsyncSession]:
    """One unit of work: commit on success, roll back on any error. It fails with
    TimeoutError once ``within`` seconds have passed, by default the factory's deadline:
    the connection, the statements and the commit all count."""
    async with factory() as session:
        seconds = within if within is not None else session.info.get(_DEADLINE)
        async with give_up_after(seconds):
            try:
                yield session
            except BaseException as error:
                if not isinstance(error, asyncio.CancelledError | TimeoutError):
                    await session.rollback()
                # else: the connection was dropped and is discarded; there is nothing
                # to roll back on it, and no waiting for a server that may not answer.
                raise
            await session.commit()


def insert_for(session: AsyncSession) -> Callable[..., Any]:
    """The dialect's INSERT, which knows ON CONFLICT (SQLite and PostgreSQL spell it alike)."""
    dialect = session.get_bind().dialect.name
    return postgresql.insert if dialect == "postgresql" else sqlite.insert


class PerDialect(Generic[T]):
    """A statement built once, at import, for each database the bot runs on (their INSERTs
    differ where ON CONFLICT is), for the paths every check-in takes: building a statement
    and working out its cache key cost more than running it."""

    def __init__(self, build: Callable[[Callable[..., Any]], T]) -> None:
        self._built = {"postgresql": build(postgresql.insert), "sqlite": build(sqlite.insert)}

    def of(self, session: AsyncSession) -> T:
        return self._built[session.get_bind().dialect.name]


def table_of(model: type[Any]) -> Table:
    """A model's table, for plain Core statements (no ORM bookkeeping around them)."""
    table = model.__table__
    assert isinstance(table, Table)
    return table


class iso_date(FunctionElement[str]):
    """A date column as ``YYYY-MM-DD`` text, whatever the server's date style."""

    type = String()
    name = "iso_date"
    inherit_cache = True


@compiles(iso_date)
def _iso_date_sqlite(element: iso_date, compiler: SQLCompiler, **kw: Any) -> str:
    return str(compiler.process(element.clauses, **kw))  # SQLite keeps dates as that text


@compiles(iso_date, "postgresql")
def _iso_date_postgres(element: iso_date, compiler: SQLCompiler, **kw: Any) -> str:
    return f"to_char({compiler.process(element.clauses, **kw)}, 'YYYY-MM-DD')"


def is_postgres(session: AsyncSession) -> bool:
    return session.get_bind().dialect.name == "postgresql"
