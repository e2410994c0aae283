"""The day-key state kept on a member (latest day, when and in which zones the two latest days
were added) moves with check-ins, late check-ins, undos, rule changes and group merges exactly
as the domain says, on both databases, and survives the round trip through them."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.calendar import (
    DayKeyState,
    day_key,
    late_checkin_open,
    local_date,
    zone_in_force,
)
from bot.domain.streaks import Mark
from bot.store.chats import ensure_chat, rules_of
from bot.store.checkin_flow import check_in
from bot.store.checkins import has_entry, undo_latest
from bot.store.members import day_key_state_of, ensure_member, find_member
from bot.store.merge import move_chat
from bot.store.models import Member
from bot.store.replay import replay_chat
from tests.unit.day_keys import Member as Simulated

ZONES = ("America/New_York", "Asia/Tokyo", "Pacific/Kiritimati", "Pacific/Pago_Pago", "UTC")


def day_of(member: Member, moment: datetime) -> date:
    """What the handlers ask (bot.handlers.common.member_day), from the row alone."""
    assert member.timezone is not None
    return day_key(
        moment,
        ZoneInfo(member.timezone),
        day_key_state_of(member),
        previous_zone=ZoneInfo(member.previous_timezone) if member.previous_timezone else None,
        zone_changed_at=member.timezone_changed_at,
    )


def zone_at(member: Member, moment: datetime) -> ZoneInfo:
    """The zone a check-in at ``moment`` is made in (bot.handlers.common.member_zone_at)."""
    assert member.timezone is not None
    return zone_in_force(
        moment,
        ZoneInfo(member.timezone),
        previous_zone=ZoneInfo(member.previous_timezone) if member.previous_timezone else None,
        zone_changed_at=member.timezone_changed_at,
    )


async def test_kept_day_key_state_follows_the_domain(session: AsyncSession) -> None:
    rng = random.Random(20261128)
    now = datetime(2026, 3, 1, 12, tzinfo=UTC)
    chat = await ensure_chat(session=session, telegram_id=-7, title="t", is_forum=False, now=now)
    member = await ensure_member(
        session=session, chat_id=chat.id, user_id=7, first_name="A", username=None, now=now
    )
    member.timezone = "America/New_York"
    simulated = Simulated(ZoneInfo(member.timezone))
    for serial in range(300):
        now += timedelta(minutes=rng.choice([1, 30, 90, 300, 600, 1000, 1440]))
        roll = rng.random()
        zone = ZoneInfo(member.timezone)
        if roll < 0.55:
            day = day_of(member, now)
            await check_in(
                session=session,
                chat=chat,
                member=member,
                day=day,
                mark=Mark.DONE if rng.random() < 0.8 else Mark.FAIL,
                note="",
                at=now,
                source=f"t:{serial}",
                today=local_date(now, zone),
                zone=zone_at(member, now),
            )
            assert simulated.check_in(now).day == day
        elif roll < 0.65:
            # /done yesterday at 01:30, the day before having passed without a check-in, as
            # the handler decides it.
            skipped = now.astimezone(zone).date() + timedelta(days=2)
            now = datetime.combine(skipped, time(1, 30), tzinfo=zone).astimezone(UTC)
            yesterday = local_date(now, zone) - timedelta(days=1)
            if late_checkin_open(now, zone) and not await has_entry(
                session=session, member_id=member.id, day=yesterday
            ):
                await check_in(
                    session=session,
                    chat=chat,
                    member=member,
                    day=yesterday,
                    mark=Mark.DONE,
                    note="",
                    at=now,
                    source=f"t:{serial}",
                    today=yesterday + timedelta(days=1),
                    zone=zone_at(member, now),
                    late=True,
                )
            simulated.check_in_late(now)
        elif roll < 0.8:
            today = day_of(member, now)
            await undo_latest(session=session, member=member, day=today, rules=rules_of(chat))
            simulated.undo(now)
        elif roll < 0.95:
            # /timezone, as the handler records it.
            new = rng.choice(ZONES)
            if new != member.timezone:
                member.previous_timezone, member.timezone_changed_at = member.timezone, now
            member.timezone = new
            simulated.set_zone(ZoneInfo(new), now)
        else:
            chat.fail_counts = not chat.fail_counts
            await replay_chat(session=session, chat=chat)
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
    basic = await ensure_chat(session=session, telegram_id=-1, title="b", is_forum=False, now=now)
    upgraded = await ensure_chat(
        session=session, telegram_id=-1001, title="s", is_forum=False, now=now
    )
    moments = {basic.id: [now, now + timedelta(days=1)], upgraded.id: [now + timedelta(hours=36)]}
    # Each row's days as UTC dates, the supergroup's check-in made in a zone of the same date.
    zones = {basic.id: ZoneInfo("UTC"), upgraded.id: ZoneInfo("Europe/London")}
    for chat in (basic, upgraded):
        member = await ensure_member(
            session=session, chat_id=chat.id, user_id=7, first_name="A", username=None, now=now
        )
        for serial, moment in enumerate(moments[chat.id]):
            await check_in(
                session=session,
                chat=chat,
                member=member,
                day=moment.date(),
                mark=Mark.DONE,
                note="",
                at=moment,
                source=f"m:{chat.id}:{serial}",
                today=moment.date(),
                zone=zones[chat.id],
            )
    await move_chat(session=session, old_telegram_id=-1, new_telegram_id=-1001)
    merged = await find_member(session=session, chat_id=basic.id, user_id=7)
    assert merged is not None
    assert day_key_state_of(merged) == DayKeyState(
        last_day=date(2026, 3, 3),
        added_at=moments[upgraded.id][0],
        prior_added_at=moments[basic.id][1],
        added_zone="Europe/London",
        prior_added_zone="UTC",
    )
