"""When anything is next due: the earliest of the kinds asked for, over active groups only."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.schedule import SCHEDULED, PostKind
from bot.store.chats import ensure_chat
from bot.store.people import ensure_person
from bot.store.schedule import next_due_at

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


async def test_the_earliest_of_what_is_asked_for(session: AsyncSession) -> None:
    assert await next_due_at(session=session, kinds=SCHEDULED, reminders=True) is None
    early, _ = await ensure_chat(
        session=session, telegram_id=-1, title="a", is_forum=False, now=NOW
    )
    late, _ = await ensure_chat(session=session, telegram_id=-2, title="b", is_forum=False, now=NOW)
    gone, _ = await ensure_chat(session=session, telegram_id=-3, title="c", is_forum=False, now=NOW)
    early.next_cue_at, early.next_recap_at = NOW + timedelta(hours=3), NOW + timedelta(hours=12)
    late.next_cue_at, late.next_weekly_at = NOW + timedelta(hours=5), NOW + timedelta(hours=2)
    # A group the bot left keeps its schedule, but nothing of it is due any more.
    gone.next_cue_at, gone.active = NOW + timedelta(hours=1), False
    person = await ensure_person(session=session, user_id=7)
    person.next_reminder_at = NOW + timedelta(hours=1, minutes=30)
    await session.flush()

    async def due(*kinds: PostKind, reminders: bool = False) -> datetime | None:
        return await next_due_at(session=session, kinds=kinds, reminders=reminders)

    assert await due(PostKind.CUE) == NOW + timedelta(hours=3)
    assert await due(PostKind.RECAP) == NOW + timedelta(hours=12)
    assert await due(*SCHEDULED) == NOW + timedelta(hours=2)
    assert await due(*SCHEDULED, reminders=True) == NOW + timedelta(hours=1, minutes=30)
    assert await due(reminders=True) == NOW + timedelta(hours=1, minutes=30)
    assert await due() is None
