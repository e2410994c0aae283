"""Databases for the tests: SQLite always, PostgreSQL whenever TEST_DATABASE_URL is set.

Both are built with ``alembic upgrade head``. SQLite: migrated once into a template file that
each test copies. PostgreSQL: one database per test worker, migrated once, emptied per test;
every database a worker makes on the server is dropped when its tests are done, or kept, and
named in the summary, when one of them failed (to look into).
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import shutil
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from bot.store.db import make_engine, make_session_factory
from bot.store.migrate import upgrade_to_head
from bot.store.models import Base

PG_URL = os.environ.get("TEST_DATABASE_URL", "")
BACKENDS = ("sqlite", "postgres")
# Two checkouts testing against one server at the same time must not share databases (and a
# test of this file's own clean-up runs pytest inside pytest under a name of its own).
CHECKOUT = (
    os.environ.get("HABITLOOP_TEST_CHECKOUT")
    or hashlib.sha1(str(Path(__file__).resolve().parent.parent).encode()).hexdigest()[:6]
)
# The databases this process made on the server, and (in the process that reports) those
# kept because a test failed, from every worker.
_MADE: set[str] = set()
_KEPT: list[str] = []
_KEPT_KEY = "habitloop_kept_databases"


def worker_database_name(purpose: str, worker_id: str) -> str:
    """A PostgreSQL database name of this checkout's and this test worker's own."""
    return f"habitloop_{purpose}_{CHECKOUT}_{worker_id}"


def pytest_report_header() -> str:
    if PG_URL:
        return f"databases: sqlite and postgres ({make_url(PG_URL).render_as_string()})"
    return "databases: sqlite only (set TEST_DATABASE_URL for postgres too)"


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "habitloop.db"
    upgrade_to_head(f"sqlite+aiosqlite:///{path}")
    return path


async def recreate_database(admin_url: str, name: str) -> None:
    """An empty database ``name`` (dropped at the end of the run, see above)."""
    _MADE.add(name)
    await _on_the_server(
        admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"'
    )


async def _on_the_server(admin_url: str, *statements: str) -> None:
    engine = make_engine(admin_url)
    try:
        async with engine.connect() as conn:
            conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
            for statement in statements:
                await conn.execute(text(statement))
    finally:
        await engine.dispose()


@pytest.hookimpl(trylast=True)  # after the session's fixtures closed their connections
def pytest_sessionfinish(session: pytest.Session) -> None:
    made = sorted(_MADE)
    if not made:
        return
    if not session.testsfailed:
        drops = [f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)' for name in made]
        asyncio.run(_on_the_server(PG_URL, *drops))
        return
    worker_output = getattr(session.config, "workeroutput", None)
    if worker_output is None:
        _KEPT.extend(made)
    else:  # an xdist worker: its controller prints the summary
        worker_output[_KEPT_KEY] = made


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: object) -> None:
    """An xdist worker finished: remember what it kept."""
    _KEPT.extend(getattr(node, "workeroutput", {}).get(_KEPT_KEY, []))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _KEPT:
        terminalreporter.write_line(
            "kept for a look, as a test failed (PostgreSQL test databases): "
            + ", ".join(sorted(_KEPT))
        )


@pytest.fixture(scope="session")
def postgres_worker_url(worker_id: str) -> str:
    """A database of this test worker's own on the PostgreSQL server, migrated once."""
    if not PG_URL:
        pytest.skip("TEST_DATABASE_URL is not set")
    name = worker_database_name("test", worker_id)
    asyncio.run(recreate_database(PG_URL, name))
    url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    upgrade_to_head(url)
    return url


async def _empty_postgres(url: str) -> None:
    engine = make_engine(url)
    try:
        tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
        async with engine.begin() as conn:
            await conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    finally:
        await engine.dispose()


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path) -> str:
    """A fresh, migrated database of each kind."""
    if request.param == "sqlite":
        path = tmp_path / "habitloop.db"
        shutil.copy(sqlite_template, path)
        return f"sqlite+aiosqlite:///{path}"
    url: str = request.getfixturevalue("postgres_worker_url")
    asyncio.run(_empty_postgres(url))
    return url


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = make_engine(database_url)
    yield engine
    await engine.dispose()


@pytest.fixture
async def session(engine: AsyncEngine) -> AsyncIterator[AsyncSession]:
    async with make_session_factory(engine)() as session:
        yield session
