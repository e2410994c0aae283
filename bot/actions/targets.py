"""``/target``: a member's target, daily or 1 to 6 check-ins a week, shown or changed.

A change takes effect from the next week (``bot.domain.targets.takes_effect``): this week
keeps the target it started with, so nothing already counted changes and the kept states
need no replay. A member who never chose one follows the group's default
(``/settings target``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.actions.places import GroupSeen, PersonSeen, enter
from bot.actions.target_rules import first_weekday_of, group_targets, targets_of
from bot.actions.uow import UnitOfWork
from bot.domain.targets import takes_effect, target_of_week, week_start
from bot.store import targets as targets_store


@dataclass(frozen=True, slots=True)
class TargetShown:
    name: str
    this_week: int | None  # None: daily
    next_week: int | None
    week_starts: int  # the group's first weekday, 0 = Monday


@dataclass(frozen=True, slots=True)
class TargetSet:
    name: str
    per_week: int | None
    starts: date  # the first day of the week it is in force from
    this_week: int | None
    changed: bool  # False: it already was the member's own target from next week


async def show_target(uow: UnitOfWork, group: GroupSeen, person: PersonSeen) -> TargetShown:
    place = await enter(uow, group, person)
    first_weekday = first_weekday_of(place.chat)
    today = place.today(uow.now, uow.default_zone)
    targets = await targets_of(uow, place.member)
    return TargetShown(
        place.member.first_name,
        target_of_week(targets, week_start(today, first_weekday)),
        target_of_week(targets, takes_effect(today, first_weekday)),
        first_weekday,
    )


async def set_target(
    uow: UnitOfWork, group: GroupSeen, person: PersonSeen, per_week: int | None
) -> TargetSet:
    """The member's own target from next week on: kept even when it is the group's default
    now, so that a later change of the default leaves it alone."""
    place = await enter(uow, group, person)
    first_weekday = first_weekday_of(place.chat)
    today = place.today(uow.now, uow.default_zone)
    found = await group_targets(uow, place.chat.id, [place.member])
    targets = found.of(place.member.id)
    starts = takes_effect(today, first_weekday)
    this_week = target_of_week(targets, week_start(today, first_weekday))
    own = found.own.get(place.member.id)
    changed = not own or target_of_week(targets, starts) != per_week
    if changed:
        await targets_store.add_change(
            session=uow.session,
            chat_id=place.chat.id,
            member_id=place.member.id,
            starts=starts,
            per_week=per_week,
            at=uow.now,
        )
    return TargetSet(place.member.first_name, per_week, starts, this_week, changed)
