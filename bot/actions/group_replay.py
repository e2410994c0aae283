"""Replaying a whole group: after its streak rules change, or after two groups were merged.

Each member's kept state is rebuilt from their counted days (``streaks.rebuild``, equal to a
replay of their history) as their row streams past, and the group's count of who showed up
each day with it. The caller holds the group's row (``get_chat(lock=True)``): a check-in
waits for the replay, so none is overwritten by it.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from bot.actions.uow import UnitOfWork
from bot.domain import streaks
from bot.store import replay
from bot.store.chats import rules_of
from bot.store.models import Chat


async def replay_group(uow: UnitOfWork, chat: Chat) -> None:
    session = uow.session
    await session.flush()  # the history must include what this unit of work changed
    rules = rules_of(chat)
    breaks = await replay.breaks_by_member(session=session, chat_id=chat.id)
    batch: list[dict[str, Any]] = []
    showed_up: Counter[date] = Counter()  # who "showed up" may have changed too
    async for member_id, days, latest in replay.counted_days(
        session=session, chat_id=chat.id, rules=rules
    ):
        state = streaks.rebuild(days, breaks.get(member_id, ()), rules)
        batch.append(replay.kept_row(member_id, state, latest))
        showed_up.update(days)
        if len(batch) >= replay.WRITE_BATCH:
            await replay.write_kept(session=session, batch=batch)
            batch = []
    await replay.write_kept(session=session, batch=batch)
    await replay.rewrite_chat_days(session=session, chat_id=chat.id, counts=showed_up)
    await replay.reload_members(session=session, chat_id=chat.id)
