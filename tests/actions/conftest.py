"""The actions on a database of each kind, their unit of work over one session."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.actions.uow import UnitOfWork

UTC_ZONE = ZoneInfo("UTC")


def uow_at(session: AsyncSession, now: datetime, default_zone: ZoneInfo = UTC_ZONE) -> UnitOfWork:
    """A unit of work at ``now`` over the test's session (the test flushes and reads it)."""
    return UnitOfWork(session, now, default_zone)
