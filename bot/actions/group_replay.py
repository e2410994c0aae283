"""Replaying a whole group: after its streak rules change, or after two groups were merged.

Each member's kept states are rebuilt from their counted days (``streaks.rebuild``, equal to
a replay of their history; ``target_streaks.replay`` for a member with weekly targets) as
their row streams past, and the group's count of who showed up
each day with it. The caller holds the group's row (``get_chat(lock=True)``): a check-in
waits for the replay, so none is overwritten by it.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from bot.actions.target_rules import group_targets, weekly_rules_of
from bot.actions.uow import UnitOfWork
from bot.domain import streaks, target_streaks
from bot.domain.streaks import Mark
from bot.domain.weekly_streaks import WeeklyState
from bot.store import replay
from bot.store.chats import rules_of
from bot.store.models import Chat


async def replay_group(uow: UnitOfWork, chat: Chat) -> None:
    session = uow.session
    await session.flush()  # the history must include what this unit of work changed
    rules, weekly = rules_of(chat), weekly_rules_of(chat)
    targets = await group_targets(uow, chat.id)
    breaks = await replay.breaks_by_member(session=session, chat_id=chat.id)
    batch: list[dict[str, Any]] = []
    showed_up: Counter[date] = Counter()  # who "showed up" may have changed too
    async for member_id, days, latest in replay.counted_days(
        session=session, chat_id=chat.id, rules=rules
    ):
        own_breaks = breaks.get(member_id, [])
        changes = targets.of(member_id)
        if changes:
            marks = dict.fromkeys(days, Mark.DONE)  # the counted days: each counts as done
            kept = target_streaks.replay(marks, own_breaks, changes, rules, weekly)
            state, weeks = kept.daily, kept.weekly
        else:
            state, weeks = streaks.rebuild(days, own_breaks, rules), WeeklyState()
        batch.append(replay.kept_row(member_id, state, weeks, latest))
        showed_up.update(days)
        if len(batch) >= replay.WRITE_BATCH:
            await replay.write_kept(session=session, batch=batch)
            batch = []
    await replay.write_kept(session=session, batch=batch)
    await replay.rewrite_chat_days(session=session, chat_id=chat.id, counts=showed_up)
    await replay.reload_members(session=session, chat_id=chat.id)
