"""``/cheer``, as a reply: cheer a member on.

A cheer is counted once per cheerer and message, never for oneself. A ``/fail`` asks the
group for encouragement, so the first ``TOLD_ON_A_FAIL`` cheers on one are also told to the
group, by name.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.actions.checkin import message_source
from bot.actions.places import GroupSeen, PersonSeen, enter
from bot.actions.uow import UnitOfWork
from bot.store.cheers import add_cheer, cheers_on, is_fail_entry
from bot.store.members import ensure_member

# How many cheers on a /fail are told to the group; later ones get the reaction only.
TOLD_ON_A_FAIL = 3


@dataclass(frozen=True, slots=True)
class Cheered:
    giver: str
    cheered: str
    on_a_fail: bool  # the group hears of it


async def cheer(
    uow: UnitOfWork, group: GroupSeen, giver: PersonSeen, cheered: PersonSeen, message_id: int
) -> Cheered | None:
    """``giver`` cheers ``cheered``'s message (someone else: the caller checked); None when
    ``giver`` had cheered that message before."""
    place = await enter(uow, group, giver)
    target = await ensure_member(
        session=uow.session,
        chat_id=place.chat.id,
        user_id=cheered.user_id,
        first_name=cheered.first_name,
        username=cheered.username,
        now=uow.now,
    )
    added = await add_cheer(
        session=uow.session, giver=place.member, cheered=target, message_id=message_id, now=uow.now
    )
    if not added:
        return None
    told = False
    if await is_fail_entry(
        session=uow.session,
        member_id=target.id,
        source=message_source(group.telegram_id, message_id),
    ):
        count = await cheers_on(session=uow.session, member_id=target.id, message_id=message_id)
        told = count <= TOLD_ON_A_FAIL
    return Cheered(place.member.first_name, target.first_name, told)
