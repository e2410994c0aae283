"""Alembic environment: async engine, URL from the bot's own settings."""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy import text
from sqlalchemy.engine import Connection

from bot.config import DatabaseSettings
from bot.store.db import make_engine
from bot.store.models import Base

target_metadata = Base.metadata


def _url() -> str:
    # `habitloop migrate` and the tests hand the URL in; the alembic CLI uses the environment.
    url = context.config.attributes.get("database_url")
    return str(url) if url else DatabaseSettings().database_url


# Replicas starting together all migrate; on PostgreSQL they take turns under this lock
# (SQLite's write lock does the same), and the later ones find the schema up to date.
MIGRATION_LOCK = 7_310_221_555


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        # One transaction for the whole upgrade on SQLite too (Alembic would commit after
        # each revision there): a replica waiting for the write lock then finds the schema
        # up to date, never half way, and never runs a revision a second time.
        transactional_ddl=True,
    )
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            connection.execute(text(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})"))
        context.run_migrations()


async def _run_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    # On SQLite, a migration that rebuilds a table must not cascade-delete what refers to it.
    engine = make_engine(_url(), foreign_keys=False)
    try:
        async with engine.connect() as conn:
            await conn.run_sync(_run)
            await conn.commit()
    finally:
        await engine.dispose()


if context.is_offline_mode():
    context.configure(url=_url(), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    asyncio.run(_run_online())
