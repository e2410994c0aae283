"""What shapes a member's streak in weeks, as their group keeps it: the week's first day, the
weekly rules, and the member's targets over time (their own after the group's default).

Every view and the check-in read them here, so a member's unit and weeks are found one way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot import i18n
from bot.actions.uow import UnitOfWork
from bot.domain.targets import TargetChange, member_targets
from bot.domain.weekly_streaks import WeeklyRules
from bot.store import targets as targets_store
from bot.store.models import Chat, Member

# What ``/settings week`` offers: Monday, Saturday, Sunday.
WEEK_STARTS = (0, 5, 6)
# A week's freezes: one earned per this many counted weeks, at most ``WEEKLY_FREEZE_MAX``
# held; none when the group turned freezes off.
WEEKLY_FREEZE_EVERY = 4
WEEKLY_FREEZE_MAX = 2


def first_weekday_of(chat: Chat) -> int:
    """The group's chosen first weekday, else its language's (CLDR), else Monday."""
    if chat.first_weekday is not None:
        return chat.first_weekday
    spoken = i18n.first_week_day(chat.language)
    return spoken if spoken in WEEK_STARTS else 0


def weekly_rules_of(chat: Chat) -> WeeklyRules:
    return WeeklyRules(
        first_weekday=first_weekday_of(chat),
        freeze_every=WEEKLY_FREEZE_EVERY,
        freeze_max=WEEKLY_FREEZE_MAX if chat.freeze_max > 0 else 0,
        fail_counts=chat.fail_counts,
    )


@dataclass(frozen=True, slots=True)
class GroupTargets:
    """A group's default changes and its members' own, as read once."""

    group: list[TargetChange]
    own: dict[int, list[TargetChange]]

    def of(self, member_id: int) -> list[TargetChange]:
        return member_targets(self.group, self.own.get(member_id, []))

    @property
    def any(self) -> bool:
        return bool(self.group or self.own)


async def group_targets(
    uow: UnitOfWork, chat_id: int, members: Sequence[Member] | None = None
) -> GroupTargets:
    """The targets of the group (and of ``members`` only, when given), in one query."""
    found = await targets_store.changes_in(
        session=uow.session,
        chat_id=chat_id,
        member_ids=None if members is None else [m.id for m in members],
    )
    group = found.pop(targets_store.GROUP, [])
    own = {member_id: changes for member_id, changes in found.items() if member_id is not None}
    return GroupTargets(group, own)


async def targets_of_chats(uow: UnitOfWork, members: Sequence[Member]) -> dict[int, GroupTargets]:
    """The targets of the members' groups and of these members, by chat row id, in one
    query."""
    found = await targets_store.changes_of_chats(
        session=uow.session,
        chat_ids=sorted({m.chat_id for m in members}),
        member_ids=[m.id for m in members],
    )
    result = {}
    for chat_id, changes in found.items():
        group = changes.get(targets_store.GROUP, [])
        own = {member_id: c for member_id, c in changes.items() if member_id is not None}
        result[chat_id] = GroupTargets(list(group), own)
    return result


NO_TARGETS = GroupTargets([], {})


async def targets_of(uow: UnitOfWork, member: Member) -> list[TargetChange]:
    """One member's targets over time."""
    return (await group_targets(uow, member.chat_id, [member])).of(member.id)
