"""What handlers and jobs share: settings, the session factory and the clock."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncEngine
from telegram.ext import CallbackContext

from bot.clock import Clock
from bot.config import Settings
from bot.store.db import SessionFactory

SERVICES_KEY = "services"


@dataclass(frozen=True, slots=True)
class Services:
    settings: Settings
    engine: AsyncEngine
    sessions: SessionFactory
    clock: Clock
    default_zone: ZoneInfo


def services(context: CallbackContext) -> Services:  # type: ignore[type-arg]
    found = context.bot_data[SERVICES_KEY]
    assert isinstance(found, Services)
    return found
