"""Setting when a group's posts next come, for the actions that change it: a group seen for
the first time, the bot added again, a changed time or zone."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.domain.schedule import SCHEDULED, next_due
from bot.domain.zones import member_zone
from bot.store.chats import post_times, set_next_due
from bot.store.models import Chat


def reschedule(chat: Chat, now: datetime, default_zone: ZoneInfo) -> None:
    """The group's next cue, recap and weekly picture, from its settings."""
    zone = member_zone(None, chat.timezone, default_zone)
    times = post_times(chat)
    for kind in SCHEDULED:
        set_next_due(chat, kind, next_due(kind, times, now, zone))
