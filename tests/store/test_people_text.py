"""What people type is stored without NUL characters, on SQLite as on PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.store.chats import ensure_chat
from bot.store.goals import open_goal, set_goal
from bot.store.members import ensure_member


async def test_names_titles_and_goals_lose_their_nul_characters(session: AsyncSession) -> None:
    now = datetime(2026, 3, 2, 12, tzinfo=UTC)
    chat, _ = await ensure_chat(
        session=session, telegram_id=-1, title="Wri\x00ters", is_forum=False, now=now
    )
    member = await ensure_member(
        session=session,
        chat_id=chat.id,
        user_id=7,
        first_name="Al\x00ice",
        username="al\x00ice",
        now=now,
    )
    await set_goal(session=session, member_id=member.id, text="run\x00 10k", now=now)
    await session.commit()
    session.expunge_all()
    again = await ensure_member(
        session=session, chat_id=chat.id, user_id=7, first_name="Alice", username="alice", now=now
    )
    goal = await open_goal(session=session, member_id=again.id)
    assert goal is not None
    assert goal.text == "run 10k"
