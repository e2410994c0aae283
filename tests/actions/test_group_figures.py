"""The group streak of a batch of groups (the cue's): a streak past the recent days is
counted further back by the database for all such groups at once, each as far as its own
horizon, and comes out as each group's alone would, and as the domain counts it."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import delete, insert, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.actions.figures import (
    GROUP_STREAK_HORIZON,
    RECENT_DAYS,
    group_figures,
    group_streak_of,
    group_streaks,
)
from bot.actions.isolation import Failing
from bot.actions.places import GroupSeen, PersonSeen, enter
from bot.actions.weekly import weeks_due
from bot.domain.groups import group_streak_from_counts
from bot.domain.streaks import Rules
from bot.store.forget import forget_member
from bot.store.models import Chat, ChatDay
from bot.store.models import CheckIn as CheckInRow
from bot.store.replay import rewrite_chat_days
from bot.store.reports import day_counts
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


async def test_a_gap_or_a_day_under_the_bar_before_the_recent_days_ends_the_streak(
    session: AsyncSession,
) -> None:
    gap = await _group_with_days(session, 5, 500, TODAY)
    await session.execute(
        delete(ChatDay).where(ChatDay.chat_id == gap.id, ChatDay.day == TODAY - timedelta(days=100))
    )
    under = await _group_with_days(session, 6, 500, TODAY)
    await session.execute(
        update(ChatDay)
        .where(ChatDay.chat_id == under.id, ChatDay.day >= TODAY - timedelta(days=80))
        .values(members=2)
    )
    uow = uow_at(session, NOW)

    assert await _streaks(session, {gap: TODAY, under: TODAY}, {gap.id: 1, under.id: 2}) == {
        gap.id: 100,
        under.id: 81,
    }
    assert await group_streak_of(uow, gap, TODAY + timedelta(days=1), 1) == 100, "from yesterday"
    assert await group_streak_of(uow, under, TODAY, 1) == 500, "all its days with a bar of one"


async def test_a_long_run_is_kept_on_the_groups_row_and_not_read_again(
    session: AsyncSession,
) -> None:
    chat = await _group_with_days(session, 8, 400, TODAY)
    assert await _streaks(session, {chat: TODAY}, {chat.id: 1}) == {chat.id: 400}
    assert (chat.run_bar, chat.run_first_day) == (1, TODAY - timedelta(days=399))
    # Behind its back, the oldest days go: the next day's streak does not read them.
    await session.execute(
        delete(ChatDay).where(ChatDay.chat_id == chat.id, ChatDay.day < TODAY - timedelta(days=100))
    )
    await session.execute(
        insert(ChatDay).values(chat_id=chat.id, day=TODAY + timedelta(days=1), members=1)
    )
    tomorrow = TODAY + timedelta(days=1)
    assert await _streaks(session, {chat: tomorrow}, {chat.id: 1}) == {chat.id: 401}
    assert chat.run_counted_to == tomorrow - timedelta(days=RECENT_DAYS)
    # Another bar counts it again (and finds what is left).
    await session.execute(
        update(ChatDay)
        .where(ChatDay.chat_id == chat.id, ChatDay.day >= TODAY - timedelta(days=99))
        .values(members=2)
    )
    assert await _streaks(session, {chat: tomorrow}, {chat.id: 2}) == {chat.id: 101}
    assert chat.run_bar == 2
    assert await _streaks(session, {chat: tomorrow}, {chat.id: 1}) == {chat.id: 102}


async def test_a_view_reads_the_kept_run_and_keeps_nothing(session: AsyncSession) -> None:
    chat = await _group_with_days(session, 10, 300, TODAY)
    uow = uow_at(session, NOW)
    assert await group_streak_of(uow, chat, TODAY, 1) == 300
    assert chat.run_first_day is None, "only the cue keeps a run"
    assert (await group_figures(uow, [chat], {chat.id: TODAY}))[chat.id].streak == 300
    assert chat.run_first_day is None
    assert await _streaks(session, {chat: TODAY}, {chat.id: 1}) == {chat.id: 300}
    await session.execute(
        delete(ChatDay).where(ChatDay.chat_id == chat.id, ChatDay.day < TODAY - timedelta(days=100))
    )
    assert await group_streak_of(uow, chat, TODAY, 1) == 300, "read from the kept run"


async def test_a_replay_or_a_forgotten_member_counts_the_run_again(
    session: AsyncSession,
) -> None:
    chat = await _group_with_days(session, 9, 300, TODAY)
    assert await _streaks(session, {chat: TODAY}, {chat.id: 1}) == {chat.id: 300}
    await rewrite_chat_days(
        session=session,
        chat_id=chat.id,
        counts=Counter({TODAY - timedelta(days=n): 1 for n in range(300) if n != 150}),
    )
    assert chat.run_first_day is None
    assert await _streaks(session, {chat: TODAY}, {chat.id: 1}) == {chat.id: 150}
    assert chat.run_first_day is not None

    place = await enter(uow_at(session, NOW), GroupSeen(-9, "G9"), PersonSeen(99, "B"))
    await session.execute(
        insert(CheckInRow).values(
            member_id=place.member.id,
            day=TODAY - timedelta(days=120),
            kind="done",
            note="",
            created_at=NOW,
            source="t:forget",
        )
    )
    await forget_member(session=session, member=place.member, rules=Rules())
    assert chat.run_first_day is None
    assert await _streaks(session, {chat: TODAY}, {chat.id: 1}) == {chat.id: 120}


async def test_the_kept_runs_count_as_the_domain_does_day_after_day(
    session: AsyncSession,
) -> None:
    """Random day counts past the recent days, with gaps and days under the bar, several
    groups at once, day after day (a bar that sometimes changes, a day nobody showed up):
    each day each streak is the one the domain finds in the whole of the group's counts."""
    rng = random.Random(19)
    cases = []
    for number in range(40):
        today = TODAY + timedelta(days=rng.choice((-1, 0, 1)))
        bar = rng.choice((1, 1, 2, 3))
        span = rng.choice((RECENT_DAYS - 5, RECENT_DAYS + 1, 300, GROUP_STREAK_HORIZON + 30))
        breaks = {rng.randrange(span) for _ in range(rng.choice((0, 1, 3)))}
        counts = {
            today - timedelta(days=n): rng.choice((bar, bar + 1, bar - 1)) if n in breaks else bar
            for n in range(span)
            if not (n in breaks and rng.random() < 0.5)
        }
        place = await enter(
            uow_at(session, NOW), GroupSeen(-100 - number, f"R{number}"), PersonSeen(number, "A")
        )
        rows = [{"chat_id": place.chat.id, "day": d, "members": n} for d, n in counts.items()]
        await session.execute(insert(ChatDay), rows)
        cases.append(_Case(place.chat, today, bar, counts))

    for _ in range(5):
        for case in cases:
            case.today += timedelta(days=1)
            if rng.random() < 0.2:
                case.bar = max(1, case.bar + rng.choice((-1, 1)))
            shown = rng.choice((case.bar, case.bar, case.bar, case.bar - 1, 0))
            if shown > 0:
                case.counts[case.today] = shown
                await session.execute(
                    insert(ChatDay).values(chat_id=case.chat.id, day=case.today, members=shown)
                )
        found = await _streaks(
            session, {c.chat: c.today for c in cases}, {c.chat.id: c.bar for c in cases}
        )
        for case in cases:
            horizon = case.today - timedelta(days=GROUP_STREAK_HORIZON)
            within = {d: n for d, n in case.counts.items() if d >= horizon}
            expected = group_streak_from_counts(within, case.bar, case.today)
            assert found[case.chat.id] == expected, (case.today, case.bar)


@dataclass
class _Case:
    chat: Chat
    today: date
    bar: int
    counts: dict[date, int]


async def test_the_weekly_pictures_group_streak_runs_back_past_its_week(
    session: AsyncSession,
) -> None:
    chat = await _group_with_days(session, 7, 200, TODAY)
    chat.weekly_day, chat.weekly_time = 0, time(9)
    chat.next_weekly_at = NOW
    await session.flush()

    due = await weeks_due(uow_at(session, NOW), limit=10, failing=Failing())

    assert [d.chat_id for d in due] == [chat.id]
    week = due[0].week
    assert week is not None
    assert week.group_streak == 199, "the week ends yesterday, Sunday"


async def _streaks(
    session: AsyncSession, today: dict[Chat, date], bars: dict[int, int]
) -> dict[int, int]:
    """The groups' streaks as the cue finds them (and keeps), from the recent days' counts
    it reads."""
    by_id = {chat.id: day for chat, day in today.items()}
    recent = await day_counts(
        session=session,
        chat_ids=list(by_id),
        first=min(by_id.values()) - timedelta(days=RECENT_DAYS),
        last=max(by_id.values()),
    )
    return await group_streaks(uow_at(session, NOW), list(today), recent, bars, by_id, keep=True)
