"""The pair's streak as the actions read it (from the days since the later of the two
members' own run starts) equals the rule applied to their whole histories since the pair
was made, on random histories with fails, breaks and rest days."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.actions.breaks import take_break
from bot.actions.buddies import pair_streaks
from bot.actions.checkin import CheckIn, check_in
from bot.actions.places import GroupSeen, PersonSeen, enter
from bot.domain.buddies import MemberDays, pair_streak
from bot.domain.streaks import Mark, counts
from bot.store.breaks import member_breaks
from bot.store.buddies import make_pair, pair_of
from bot.store.chats import rules_of
from bot.store.checkins import history
from bot.store.models import Chat, Member
from tests.actions.conftest import uow_at

START = date(2026, 1, 5)
GROUP = GroupSeen(-100, "t")
ALICE, BOB = PersonSeen(1, "A"), PersonSeen(2, "B")


async def _whole_history(
    session: AsyncSession, member: Member, chat: Chat, today: date
) -> MemberDays:
    rules = rules_of(chat)
    days = await history(session=session, member_id=member.id)
    breaks = await member_breaks(session=session, member_id=member.id)
    counted = frozenset(d for d, mark in days.items() if counts(mark, rules))
    return MemberDays(counted, today, tuple(breaks))


async def test_the_bounded_read_equals_the_whole_history(session: AsyncSession) -> None:
    rng = random.Random(20261206)
    made = datetime.combine(START, time(8), tzinfo=UTC)
    uow = uow_at(session, made)
    alice = await enter(uow, GROUP, ALICE)
    bob = await enter(uow, GROUP, BOB)
    chat = alice.chat
    chat.rest_days = 1 << 6  # Sundays rest
    assert await make_pair(
        session=session, chat_id=chat.id, member_ids=[alice.member.id, bob.member.id], now=made
    )
    today, longest = START, 0
    for serial in range(300):
        moment = datetime.combine(today, time(12), tzinfo=UTC)
        uow = uow_at(session, moment)
        for person, skip in ((ALICE, 0.15), (BOB, 0.3)):
            roll = rng.random()
            if roll < skip:
                continue
            if roll > 0.97:
                await take_break(uow, GROUP, person, f"{rng.randint(1, 4)}d", "")
                continue
            mark = Mark.FAIL if rng.random() < 0.1 else Mark.DONE
            await check_in(
                uow, GROUP, person, CheckIn(mark, "", moment, f"{person.user_id}:{serial}")
            )
        await session.flush()
        pair = await pair_of(session=session, member_id=alice.member.id)
        assert pair is not None
        found = (await pair_streaks(uow, chat, [pair]))[pair.row.id]
        whole = [await _whole_history(session, m, chat, today) for m in pair.members]
        assert found.days == pair_streak(whole, rules_of(chat).rest_weekdays, START), today
        longest = max(longest, found.days)
        today += timedelta(days=1)
    assert longest >= 5  # runs long enough to be worth the check
