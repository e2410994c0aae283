"""The streak state kept on a member always equals a replay of their history, whatever
mix of check-ins, fails, late check-ins, undos, breaks and rule changes made it."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from bot.domain import streaks
from bot.domain.streaks import Mark
from bot.store.breaks import member_breaks, start_break
from bot.store.chats import ensure_chat, rules_of
from bot.store.checkin_flow import check_in
from bot.store.checkins import history, undo_latest
from bot.store.members import ensure_member, state_of
from bot.store.models import Chat, Member
from bot.store.replay import replay_chat

START = date(2026, 1, 5)
# The member's days are UTC dates.
ZONE = ZoneInfo("UTC")


async def _setup(session: AsyncSession) -> tuple[Chat, Member]:
    now = datetime(2026, 1, 5, tzinfo=UTC)
    chat = await ensure_chat(session=session, telegram_id=-100, title="t", is_forum=False, now=now)
    member = await ensure_member(
        session=session, chat_id=chat.id, user_id=1, first_name="A", username=None, now=now
    )
    return chat, member


async def _assert_kept_equals_replay(session: AsyncSession, chat: Chat, member: Member) -> None:
    days = await history(session=session, member_id=member.id)
    breaks = await member_breaks(session=session, member_id=member.id)
    assert state_of(member) == streaks.replay(days, breaks, rules_of(chat))


async def test_kept_state_equals_replay_on_random_histories(session: AsyncSession) -> None:
    rng = random.Random(20261127)
    chat, member = await _setup(session)
    today = START
    for serial in range(400):
        roll = rng.random()
        moment = datetime.combine(today, time(12), tzinfo=UTC)
        if roll < 0.55:
            mark = Mark.DONE if rng.random() < 0.85 else Mark.FAIL
            await check_in(
                session=session,
                chat=chat,
                member=member,
                day=today,
                mark=mark,
                note="",
                at=moment,
                source=f"t:{serial}",
                today=today,
                zone=ZONE,
            )
        elif roll < 0.62:
            yesterday = today - timedelta(days=1)
            await check_in(
                session=session,
                chat=chat,
                member=member,
                day=yesterday,
                mark=Mark.DONE,
                note="late",
                at=moment,
                source=f"t:{serial}",
                today=today,
                zone=ZONE,
                late=True,
            )
        elif roll < 0.68:
            await undo_latest(session=session, member=member, day=today, rules=rules_of(chat))
        elif roll < 0.71:
            await start_break(
                session=session,
                member=member,
                start=today,
                days=rng.randint(1, 5),
                reason="",
                now=moment,
            )
        elif roll < 0.74:
            chat.rest_days = rng.randrange(0, 128) & rng.randrange(0, 128)
            chat.freeze_every, chat.freeze_max = rng.choice([(7, 2), (3, 1), (0, 0), (5, 3)])
            chat.fail_counts = rng.random() < 0.5
            await replay_chat(session=session, chat=chat)
        if roll >= 0.45 or rng.random() < 0.3:
            today += timedelta(days=rng.choice([1, 1, 1, 2, 3]))
        await session.flush()
        if serial % 10 == 0:
            await _assert_kept_equals_replay(session, chat, member)
    await _assert_kept_equals_replay(session, chat, member)
    assert member.streak_best >= 3


async def test_a_checkin_does_not_read_the_whole_history(
    session: AsyncSession, engine: AsyncEngine
) -> None:
    """Counting statements: the same few for a member with 20 or 400 days of history."""
    chat, member = await _setup(session)
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    async def one_checkin(day: date, serial: int) -> int:
        statements.clear()
        event.listen(engine.sync_engine, "before_cursor_execute", count)
        try:
            await check_in(
                session=session,
                chat=chat,
                member=member,
                day=day,
                mark=Mark.DONE,
                note="",
                at=datetime.combine(day, time(12), tzinfo=UTC),
                source=f"s:{serial}",
                today=day,
                zone=ZONE,
            )
            await session.flush()
        finally:
            event.remove(engine.sync_engine, "before_cursor_execute", count)
        return len(statements)

    day = START
    counts = []
    for serial in range(400):
        used = await one_checkin(day, serial)
        if serial in (20, 399):
            counts.append(used)
        day += timedelta(days=1)
    assert counts[0] == counts[1]
    assert not any(
        "FROM checkins" in s and "day =" not in s and "source" not in s for s in statements
    )
