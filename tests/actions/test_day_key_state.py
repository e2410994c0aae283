"""The day-key state kept on a member (latest day, when and in which zones the two latest days
were added) moves with check-ins, late check-ins, undos, rule changes and group merges exactly
as the domain says, on both databases, and survives the round trip through them."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.actions.checkin import CheckIn, check_in, check_in_yesterday
from bot.actions.group_replay import replay_group
from bot.actions.membership import group_moved
from bot.actions.places import GroupSeen, PersonSeen, enter
from bot.actions.timezones import in_group
from bot.actions.undo import undo
from bot.domain.calendar import DayKeyState, day_key
from bot.domain.streaks import Mark
from bot.store.members import day_key_state_of, find_member
from bot.store.models import Member
from tests.actions.conftest import uow_at
from tests.unit.day_keys import Member as Simulated

ZONES = ("America/New_York", "Asia/Tokyo", "Pacific/Kiritimati", "Pacific/Pago_Pago", "UTC")


def day_of(member: Member, moment: datetime) -> date:
    """What the check-in asks (bot.actions.checkin.member_day), from the row alone."""
    assert member.timezone is not None
    return day_key(
        moment,
        ZoneInfo(member.timezone),
        day_key_state_of(member),
        previous_zone=ZoneInfo(member.previous_timezone) if member.previous_timezone else None,
        zone_changed_at=member.timezone_changed_at,
    )


async def test_kept_day_key_state_follows_the_domain(session: AsyncSession) -> None:
    rng = random.Random(20261128)
    now = datetime(2026, 3, 1, 12, tzinfo=UTC)
    group, person = GroupSeen(-7, "t"), PersonSeen(7, "A")
    await in_group(uow_at(session, now), group, person, "America/New_York", None)
    place = await enter(uow_at(session, now), group, person)
    chat, member = place.chat, place.member
    assert member.timezone is not None
    simulated = Simulated(ZoneInfo(member.timezone))
    for serial in range(300):
        now += timedelta(minutes=rng.choice([1, 30, 90, 300, 600, 1000, 1440]))
        roll = rng.random()
        zone = ZoneInfo(member.timezone)
        uow = uow_at(session, now)
        if roll < 0.55:
            day = day_of(member, now)
            mark = Mark.DONE if rng.random() < 0.8 else Mark.FAIL
            await check_in(uow, group, person, CheckIn(mark, "", now, f"t:{serial}"))
            assert simulated.check_in(now).day == day
        elif roll < 0.65:
            # /done yesterday at 01:30, the day before having passed without a check-in.
            skipped = now.astimezone(zone).date() + timedelta(days=2)
            now = datetime.combine(skipped, time(1, 30), tzinfo=zone).astimezone(UTC)
            late = CheckIn(Mark.DONE, "", now, f"t:{serial}")
            await check_in_yesterday(uow_at(session, now), group, person, late)
            simulated.check_in_late(now)
        elif roll < 0.8:
            await undo(uow, group, person, now)
            simulated.undo(now)
        elif roll < 0.95:
            new = rng.choice(ZONES)
            await in_group(uow, group, person, new, None)
            simulated.set_zone(ZoneInfo(new), now)
        else:
            chat.fail_counts = not chat.fail_counts
            await replay_group(uow, chat)
        await session.flush()
        if serial % 25 == 0:
            await session.refresh(member)  # read back what the database holds
        assert day_key_state_of(member) == simulated.state, serial
    assert simulated.state.prior_added_at is not None
    assert simulated.state.prior_added_zone is not None


async def test_a_merged_member_keeps_the_latest_days_added_on_both_sides(
    session: AsyncSession,
) -> None:
    """Checked in in a group and, before the bot heard of its upgrade, in the supergroup:
    the day-key rule counts the check-ins of both."""
    now = datetime(2026, 3, 1, 12, tzinfo=UTC)
    basic, upgraded, person = GroupSeen(-1, "b"), GroupSeen(-1001, "s"), PersonSeen(7, "A")
    moments = {-1: [now, now + timedelta(days=1)], -1001: [now + timedelta(hours=36)]}
    # The supergroup's check-in is made in a zone of the same date as UTC.
    await in_group(uow_at(session, now), upgraded, person, "Europe/London", None)
    for group in (basic, upgraded):
        for serial, moment in enumerate(moments[group.telegram_id]):
            entry = CheckIn(Mark.DONE, "", moment, f"m:{group.telegram_id}:{serial}")
            await check_in(uow_at(session, moment), group, person, entry)
    place = await enter(uow_at(session, now), basic, person)
    await group_moved(uow_at(session, now), -1, -1001)
    merged = await find_member(session=session, chat_id=place.chat.id, user_id=7)
    assert merged is not None
    assert day_key_state_of(merged) == DayKeyState(
        last_day=date(2026, 3, 3),
        added_at=moments[-1001][0],
        prior_added_at=moments[-1][1],
        added_zone="Europe/London",
        prior_added_zone="UTC",
    )
