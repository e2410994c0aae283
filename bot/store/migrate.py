"""Bring a database to the newest schema with Alembic (``habitloop migrate``)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

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
