"""A weekly picture reads the week (and the days "active" needs before it), not the group's
history: a member's kept best week stands for the weeks before."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.streaks import Mark
from bot.domain.weeks import KeptBest
from bot.store.chats import ensure_chat
from bot.store.histories import keep_best_weeks, week_histories
from bot.store.members import ensure_member
from bot.store.models import CheckIn

NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)
LAST = date(2026, 5, 31)
SINCE = LAST - timedelta(days=20)


async def test_a_kept_best_week_spares_the_history(session: AsyncSession) -> None:
    chat, _ = await ensure_chat(session=session, telegram_id=-5, title="g", is_forum=False, now=NOW)
    ids = []
    for user_id in (1, 2):
        member = await ensure_member(
            session=session,
            chat_id=chat.id,
            user_id=user_id,
            first_name=f"M{user_id}",
            username=None,
            now=NOW,
        )
        ids.append(member.id)
        await session.execute(
            insert(CheckIn),
            [
                {
                    "member_id": member.id,
                    "day": LAST - timedelta(days=n),
                    "kind": Mark.DONE.value,
                    "note": "",
                    "created_at": NOW,
                    "source": f"s:{user_id}:{n}",
                }
                for n in range(300)
            ],
        )
    kept_until = LAST - timedelta(days=7)
    await keep_best_weeks(session=session, kept={ids[0]: KeptBest(7, kept_until)})
    found = {
        m.member_id: m.history
        for m in await week_histories(session=session, chat_id=chat.id, since=SINCE, until=LAST)
    }
    # The member with a kept best week: the days since the window's start.
    assert found[ids[0]].kept == KeptBest(7, kept_until)
    assert min(found[ids[0]].days) == SINCE
    # The member without one: their whole history, once.
    assert found[ids[1]].kept is None
    assert len(found[ids[1]].days) == 300
