"""``/plan``: a member's if-then plan ("when X, I will Y"), set, shown or removed.

The plan appears in the member's ``/streak``, in their private reminder, and beside their
name in the daily cue of a group that shows plans (``/settings plans on``).
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.actions.places import GroupSeen, PersonSeen, enter
from bot.actions.uow import UnitOfWork
from bot.domain.plans import PLAN_MAX_CHARS, Plan, parse_plan
from bot.store.models import Member


@dataclass(frozen=True, slots=True)
class PlanShown:
    name: str
    plan: Plan | None  # None: no plan


@dataclass(frozen=True, slots=True)
class PlanTooLong:
    length: int


def plan_of(member: Member) -> Plan | None:
    """The member's plan as kept on their row."""
    if member.plan_what is None:
        return None
    return Plan(member.plan_when or "", member.plan_what)


async def show_plan(uow: UnitOfWork, group: GroupSeen, person: PersonSeen) -> PlanShown:
    place = await enter(uow, group, person)
    return PlanShown(place.member.first_name, plan_of(place.member))


async def set_plan(
    uow: UnitOfWork, group: GroupSeen, person: PersonSeen, text: str
) -> PlanShown | PlanTooLong:
    """A new plan replaces the old one; nothing to plan in ``text`` shows the plan."""
    if len(text) > PLAN_MAX_CHARS:
        return PlanTooLong(len(text))
    place = await enter(uow, group, person)
    plan = parse_plan(text)
    if plan is not None:
        member = place.member
        member.plan_when, member.plan_what, member.plan_set_at = plan.when, plan.what, uow.now
    return PlanShown(place.member.first_name, plan_of(place.member))


async def remove_plan(uow: UnitOfWork, group: GroupSeen, person: PersonSeen) -> PlanShown:
    """``/plan off``: the plan is gone; what it was, to say so."""
    place = await enter(uow, group, person)
    member = place.member
    was = plan_of(member)
    member.plan_when, member.plan_what, member.plan_set_at = None, None, None
    return PlanShown(member.first_name, was)
