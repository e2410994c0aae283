"""The group streak of a batch of groups (the cue's): a streak past the recent days is read
further back for all such groups at once, each as far as its own horizon, and comes out as
each group's alone would."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from bot.actions.figures import GROUP_STREAK_HORIZON, RECENT_DAYS, group_figures
from bot.actions.places import GroupSeen, PersonSeen, enter
from bot.store.models import Chat, ChatDay
from tests.actions.conftest import uow_at

NOW = datetime(2026, 3, 2, 9, tzinfo=UTC)
TODAY = NOW.date()


async def _group_with_days(session: AsyncSession, number: int, days: int, today: date) -> Chat:
    """A group on which someone showed up on each of the ``days`` days up to ``today``."""
    place = await enter(
        uow_at(session, NOW), GroupSeen(-number, f"G{number}"), PersonSeen(number, "A")
    )
    await session.execute(
        insert(ChatDay),
        [
            {"chat_id": place.chat.id, "day": today - timedelta(days=n), "members": 1}
            for n in range(days)
        ],
    )
    return place.chat


async def test_long_group_streaks_read_at_once_are_each_groups_own(session: AsyncSession) -> None:
    short = await _group_with_days(session, 1, 30, TODAY)
    longer = await _group_with_days(session, 2, RECENT_DAYS + 40, TODAY)
    oldest = await _group_with_days(session, 3, GROUP_STREAK_HORIZON + 500, TODAY)
    # A group whose today is already tomorrow (a zone ahead): its horizon is a day later.
    ahead = await _group_with_days(
        session, 4, GROUP_STREAK_HORIZON + 500, TODAY + timedelta(days=1)
    )
    today = {
        short.id: TODAY,
        longer.id: TODAY,
        oldest.id: TODAY,
        ahead.id: TODAY + timedelta(days=1),
    }
    chats = [short, longer, oldest, ahead]

    together = await group_figures(uow_at(session, NOW), chats, today)

    assert together[short.id].streak == 30
    assert together[longer.id].streak == RECENT_DAYS + 40
    assert together[oldest.id].streak >= GROUP_STREAK_HORIZON
    for chat in chats:
        alone = await group_figures(uow_at(session, NOW), [chat], {chat.id: today[chat.id]})
        assert together[chat.id].streak == alone[chat.id].streak, chat.title
    assert together[ahead.id].streak == together[oldest.id].streak, "each reads its own horizon"
