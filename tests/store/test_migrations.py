"""The schema comes from Alembic, and it agrees with the models."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.store.db import make_engine
from bot.store.models import Base
from tests.conftest import PG_URL, recreate_database, worker_database_name
from tests.process.conftest import alembic_head


def _differences(connection: Connection) -> list[Any]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, Base.metadata))


async def test_migrations_match_the_models(engine: AsyncEngine) -> None:
    async with engine.connect() as conn:
        differences = await conn.run_sync(_differences)
    assert differences == []


async def test_every_model_table_is_created_by_the_migrations(engine: AsyncEngine) -> None:
    async with engine.connect() as conn:
        tables = await conn.run_sync(lambda sync: set(inspect(sync).get_table_names()))
    assert set(Base.metadata.tables) <= tables
    assert "alembic_version" in tables


def test_replicas_migrating_at_once_take_turns(
    tmp_path: Path, database_url: str, worker_id: str
) -> None:
    """Two processes starting together on an empty database both succeed."""
    if database_url.startswith("sqlite"):
        fresh = f"sqlite+aiosqlite:///{tmp_path / 'fresh.db'}"
    else:
        name = worker_database_name("fresh", worker_id)
        asyncio.run(recreate_database(PG_URL, name))
        fresh = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    environment = {**os.environ, "DATABASE_URL": fresh}
    replicas = [
        subprocess.Popen(
            [sys.executable, "-m", "bot", "migrate"],
            env=environment,
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        for _ in range(3)
    ]
    for replica in replicas:
        output, _ = replica.communicate(timeout=60)
        assert replica.returncode == 0, output.decode()
    assert asyncio.run(_version(fresh)) == alembic_head()


async def _version(url: str) -> str:
    engine = make_engine(url)
    try:
        async with engine.connect() as conn:
            return str(
                (await conn.execute(text("SELECT version_num FROM alembic_version"))).scalar_one()
            )
    finally:
        await engine.dispose()
