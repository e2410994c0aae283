"""``/undo``: take back the member's latest entry of today, and replay their streak."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.actions.checkin import member_day, replay_member
from bot.actions.figures import standing_of
from bot.actions.places import GroupSeen, PersonSeen, enter
from bot.actions.uow import UnitOfWork
from bot.store import checkins
from bot.store.members import day_key_state_of, keep_day_key_state


@dataclass(frozen=True, slots=True)
class Undone:
    name: str
    streak: int  # as of today, after the undo (in weeks when ``week`` is given)
    week: tuple[int, int] | None = None  # a weekly week: its check-ins and target now


async def undo(
    uow: UnitOfWork, group: GroupSeen, person: PersonSeen, at: datetime
) -> Undone | None:
    """None when the member has no entry today."""
    place = await enter(uow, group, person, checking_in=True)
    session, member, rules = uow.session, place.member, place.rules
    today = member_day(member, place.zone(uow.default_zone), at)
    latest = await checkins.latest_entry_of(session=session, member_id=member.id, day=today)
    if latest is None:
        return None
    had_day = await checkins.has_counting_entry(
        session=session, member_id=member.id, day=today, rules=rules
    )
    removed_at = latest.created_at
    await checkins.remove_entry(session=session, entry=latest)
    still = await checkins.has_counting_entry(
        session=session, member_id=member.id, day=today, rules=rules
    )
    if had_day and not still:
        await checkins.count_group_day(session=session, chat_id=member.chat_id, day=today, delta=-1)
    kept = day_key_state_of(member)
    await replay_member(uow, member, rules, place.chat)
    if not await checkins.has_entry(session=session, member_id=member.id, day=today):
        # The day is gone: the check-in that added it no longer counts for the day-key rule.
        keep_day_key_state(member, kept.after_undo(removed_at, member.last_entry_day))
    seen = await standing_of(uow, member, place.chat)
    return Undone(member.first_name, seen.standing.current, seen.week_so_far)
