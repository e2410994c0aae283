"""A database file the sandbox is started on (``--database PATH``): checked, then reopened.

The bot's data lives in the file, so a second ``habitloop sandbox --database PATH`` takes up
where the first one stopped: the file is migrated to the newest schema, the clock starts no
earlier than the last thing the bot recorded in it (time only moves forward, and a check-in
dated tomorrow would confuse every streak), and the fake Telegram numbers its updates after
the last one the bot kept (the bot drops an update whose number it has seen, as a
redelivery). The fake Telegram's chats live in memory: they start again from the ready
scene, with the same people, the same group and the same ids, so the bot's data matches.

A file that is not SQLite, or is someone else's SQLite database, is refused untouched.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select

from bot.store.db import make_engine, make_session_factory
from bot.store.models import CheckIn, InboxUpdate, Post, Reminder

SQLITE_HEADER = b"SQLite format 3\x00"
# Alembic's own table: every database the bot migrated has it.
MIGRATIONS_TABLE = "alembic_version"


class UnusableDatabase(ValueError):
    """The file can't be the bot's database; the message says why."""


def has_data(path: Path) -> bool:
    """True if ``path`` holds a database of the bot's to reopen; False if there is nothing
    yet (no file, or an empty one). Raises UnusableDatabase for anything else."""
    if not path.exists() or (path.is_file() and path.stat().st_size == 0):
        return False
    if not path.is_file():
        raise UnusableDatabase(f"{path} is not a file")
    with path.open("rb") as file:
        if file.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise UnusableDatabase(f"{path} is not a SQLite database; it was left as it is")
    tables = _tables(path)
    if tables and MIGRATIONS_TABLE not in tables:
        raise UnusableDatabase(
            f"{path} is a SQLite database of something else (no {MIGRATIONS_TABLE} table); "
            "it was left as it is"
        )
    return bool(tables)


def _tables(path: Path) -> set[str]:
    # Read only: a file that turns out not to be ours is not touched.
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return {str(name) for (name,) in rows}
    except sqlite3.DatabaseError as error:
        raise UnusableDatabase(f"{path} can't be read as SQLite ({error})") from None
    finally:
        connection.close()


@dataclass(frozen=True)
class Known:
    """What a reopened database already holds: the last moment the bot wrote down, and the
    last update it kept (None when it has none)."""

    last_moment: datetime | None
    last_update_id: int | None


# The moments the bot records as things happen; the latest of them is where it stopped.
_MOMENTS = (
    InboxUpdate.received_at,
    CheckIn.created_at,
    Post.sent_at,
    Reminder.sent_at,
)


async def what_it_knows(database_url: str) -> Known:
    engine = make_engine(database_url)
    try:
        async with make_session_factory(engine)() as session:
            moments = [await session.scalar(select(func.max(column))) for column in _MOMENTS]
            last_update = await session.scalar(select(func.max(InboxUpdate.update_id)))
    finally:
        await engine.dispose()
    known = [moment for moment in moments if moment is not None]
    return Known(max(known) if known else None, last_update)
