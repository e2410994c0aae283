"""A pooled connection the server dropped is replaced before anyone uses it."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from bot.store.db import make_engine, make_session_factory, session_scope


# SQLite has no server to end a connection.
@pytest.mark.parametrize("database_url", ["postgres"], indirect=True)
async def test_a_connection_the_server_ended_is_replaced_unnoticed(database_url: str) -> None:
    engine = make_engine(database_url)
    admin = make_engine(database_url)
    try:
        sessions = make_session_factory(engine)
        async with session_scope(sessions) as session:
            pid = (await session.execute(text("SELECT pg_backend_pid()"))).scalar_one()
        # The server ends the connection now resting in the pool (a restart, an idle timeout).
        async with admin.connect() as conn:
            ended = await conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
            assert ended.scalar_one()
        async with session_scope(sessions) as session:
            again = (await session.execute(text("SELECT pg_backend_pid()"))).scalar_one()
        assert again != pid
    finally:
        await engine.dispose()
        await admin.dispose()
