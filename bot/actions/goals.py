"""``/goal`` and ``/goals``: one open goal per member and group; reached goals are archived,
and counted."""

from __future__ import annotations

from dataclasses import dataclass

from bot.actions.figures import standings
from bot.actions.places import GroupSeen, PersonSeen, enter
from bot.actions.uow import UnitOfWork
from bot.domain.parsing import GOAL_MAX_CHARS
from bot.store import goals as store


@dataclass(frozen=True, slots=True)
class Goal:
    name: str
    text: str | None  # None: no goal


@dataclass(frozen=True, slots=True)
class GoalTooLong:
    length: int


@dataclass(frozen=True, slots=True)
class GoalReached:
    name: str
    text: str
    reached: int  # goals reached in this group so far, this one included


async def show_goal(uow: UnitOfWork, group: GroupSeen, person: PersonSeen) -> Goal:
    place = await enter(uow, group, person)
    found = await store.open_goal(session=uow.session, member_id=place.member.id)
    return Goal(place.member.first_name, found.text if found else None)


async def set_goal(
    uow: UnitOfWork, group: GroupSeen, person: PersonSeen, text: str
) -> Goal | GoalTooLong:
    if len(text) > GOAL_MAX_CHARS:
        return GoalTooLong(len(text))
    place = await enter(uow, group, person)
    await store.set_goal(session=uow.session, member_id=place.member.id, text=text, now=uow.now)
    return Goal(place.member.first_name, text)


async def finish_goal(uow: UnitOfWork, group: GroupSeen, person: PersonSeen) -> GoalReached | None:
    """None: no open goal to finish."""
    place = await enter(uow, group, person)
    member_id = place.member.id
    reached = await store.achieve_goal(session=uow.session, member_id=member_id, now=uow.now)
    if reached is None:
        return None
    total = await store.achieved_count(session=uow.session, member_id=member_id)
    return GoalReached(place.member.first_name, reached.text, total)


@dataclass(frozen=True, slots=True)
class GroupGoal:
    name: str
    text: str
    streak: int  # as of the member's own today


async def group_goals(uow: UnitOfWork, group: GroupSeen, person: PersonSeen) -> list[GroupGoal]:
    """Every open goal in the group, longest streak first, then by name."""
    place = await enter(uow, group, person)
    rows = await store.group_goals(session=uow.session, chat_id=place.chat.id)
    seen = await standings(uow, [m for m, _ in rows], {place.chat.id: place.chat})
    listed = [GroupGoal(m.first_name, g.text, seen[m.id].standing.current) for m, g in rows]
    return sorted(listed, key=lambda row: (-row.streak, row.name.lower()))
