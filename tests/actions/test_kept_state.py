"""The streak state kept on a member always equals a replay of their history, whatever
mix of check-ins, fails, late check-ins, undos, breaks and rule changes made it."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from bot.actions.breaks import take_break
from bot.actions.checkin import CheckIn, check_in, check_in_yesterday
from bot.actions.group_replay import replay_group
from bot.actions.places import GroupSeen, PersonSeen, enter
from bot.actions.target_rules import targets_of, weekly_rules_of
from bot.actions.targets import set_target
from bot.actions.undo import undo
from bot.domain import streaks, target_streaks
from bot.domain.streaks import Mark
from bot.domain.target_streaks import MemberStreaks
from bot.store.breaks import member_breaks
from bot.store.chats import rules_of
from bot.store.checkins import history
from bot.store.members import state_of, weekly_state_of
from bot.store.models import Chat, Member
from tests.actions.conftest import uow_at

START = date(2026, 1, 5)
GROUP = GroupSeen(-100, "t")
ALICE = PersonSeen(1, "A")


async def _setup(session: AsyncSession) -> tuple[Chat, Member]:
    place = await enter(uow_at(session, datetime(2026, 1, 5, tzinfo=UTC)), GROUP, ALICE)
    return place.chat, place.member


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
        uow = uow_at(session, moment)
        if roll < 0.55:
            mark = Mark.DONE if rng.random() < 0.85 else Mark.FAIL
            await check_in(uow, GROUP, ALICE, CheckIn(mark, "", moment, f"t:{serial}"))
        elif roll < 0.62:
            early = datetime.combine(today, time(1), tzinfo=UTC)  # /done yesterday is open
            late = CheckIn(Mark.DONE, "late", early, f"t:{serial}")
            await check_in_yesterday(uow_at(session, early), GROUP, ALICE, late)
        elif roll < 0.68:
            await undo(uow, GROUP, ALICE, moment)
        elif roll < 0.71:
            await take_break(uow, GROUP, ALICE, f"{rng.randint(1, 5)}d", "")
        elif roll < 0.74:
            chat.rest_days = rng.randrange(0, 128) & rng.randrange(0, 128)
            chat.freeze_every, chat.freeze_max = rng.choice([(7, 2), (3, 1), (0, 0), (5, 3)])
            chat.fail_counts = rng.random() < 0.5
            await replay_group(uow, chat)
        if roll >= 0.45 or rng.random() < 0.3:
            today += timedelta(days=rng.choice([1, 1, 1, 2, 3]))
        await session.flush()
        if serial % 10 == 0:
            await _assert_kept_equals_replay(session, chat, member)
    await _assert_kept_equals_replay(session, chat, member)
    assert member.streak_best >= 3


async def _assert_both_equal_replay(session: AsyncSession, chat: Chat, member: Member) -> None:
    """The daily and the weekly state kept equal the replay in the unit of each week."""
    uow = uow_at(session, datetime.now(UTC))
    days = await history(session=session, member_id=member.id)
    breaks = await member_breaks(session=session, member_id=member.id)
    targets = await targets_of(uow, member)
    kept = MemberStreaks(state_of(member), weekly_state_of(member))
    assert kept == target_streaks.replay(
        days, breaks, targets, rules_of(chat), weekly_rules_of(chat)
    )


async def test_kept_weekly_state_equals_replay_on_random_histories(session: AsyncSession) -> None:
    """As above, with targets changing between daily and 1 to 6 a week, and the group moving
    its first weekday."""
    rng = random.Random(20261206)
    chat, member = await _setup(session)
    today = START
    for serial in range(400):
        roll = rng.random()
        moment = datetime.combine(today, time(12), tzinfo=UTC)
        uow = uow_at(session, moment)
        if roll < 0.55:
            mark = Mark.DONE if rng.random() < 0.85 else Mark.FAIL
            await check_in(uow, GROUP, ALICE, CheckIn(mark, "", moment, f"t:{serial}"))
        elif roll < 0.62:
            early = datetime.combine(today, time(1), tzinfo=UTC)  # /done yesterday is open
            late = CheckIn(Mark.DONE, "late", early, f"t:{serial}")
            await check_in_yesterday(uow_at(session, early), GROUP, ALICE, late)
        elif roll < 0.66:
            await undo(uow, GROUP, ALICE, moment)
        elif roll < 0.69:
            await take_break(uow, GROUP, ALICE, f"{rng.randint(1, 9)}d", "")
        elif roll < 0.76:
            await set_target(uow, GROUP, ALICE, rng.choice([None, 1, 2, 3, 4, 5, 6]))
        elif roll < 0.78:
            chat.first_weekday = rng.choice([0, 5, 6])
            chat.freeze_every, chat.freeze_max = rng.choice([(7, 2), (0, 0)])
            chat.fail_counts = rng.random() < 0.5
            await replay_group(uow, chat)
        if roll >= 0.45 or rng.random() < 0.3:
            today += timedelta(days=rng.choice([1, 1, 1, 2, 3]))
        await session.flush()
        if serial % 10 == 0:
            await _assert_both_equal_replay(session, chat, member)
    await _assert_both_equal_replay(session, chat, member)
    assert member.weekly_best >= 2


async def test_a_checkin_does_not_read_the_whole_history(
    session: AsyncSession, engine: AsyncEngine
) -> None:
    """Counting statements: the same few for a member with 20 or 400 days of history."""
    await _setup(session)
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    async def one_checkin(day: date, serial: int) -> int:
        statements.clear()
        event.listen(engine.sync_engine, "before_cursor_execute", count)
        try:
            moment = datetime.combine(day, time(12), tzinfo=UTC)
            entry = CheckIn(Mark.DONE, "", moment, f"s:{serial}")
            await check_in(uow_at(session, moment), GROUP, ALICE, entry)
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
