"""Bring a database to the newest schema with Alembic (``habitloop migrate``)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory

import migrations

MIGRATIONS_DIR = Path(migrations.__file__).resolve().parent


def alembic_config(database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["database_url"] = database_url
    return config


def upgrade_to_head(database_url: str) -> None:
    """Migrate; blocking (Alembic runs its own event loop), so call it outside the bot's loop."""
    command.upgrade(alembic_config(database_url), "head")


class _Applied(logging.Filter):
    """Counts Alembic's "Running upgrade" lines, and keeps them from a person below DEBUG."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def filter(self, record: logging.LogRecord) -> bool:
        if record.getMessage().startswith("Running upgrade"):
            self.count += 1
            return logging.getLogger().isEnabledFor(logging.DEBUG)
        return True


@contextmanager
def _counting_migrations() -> Iterator[_Applied]:
    applied = _Applied()
    migration = logging.getLogger("alembic.runtime.migration")
    migration.addFilter(applied)
    try:
        yield applied
    finally:
        migration.removeFilter(applied)


def upgrade_to_head_briefly(database_url: str) -> str:
    """Migrate, and say what happened in one line (returned) instead of Alembic's line per
    revision: the bot's start-up is a few lines a person reads (``habitloop migrate`` shows
    each revision)."""
    with _counting_migrations() as applied:
        upgrade_to_head(database_url)
    head = ScriptDirectory.from_config(alembic_config(database_url)).get_current_head()
    if applied.count:
        return f"database migrated to revision {head} ({applied.count} applied)"
    return f"database schema is up to date (revision {head})"
