"""Cheering a member on: by ``/cheer`` as a reply, or by a reaction on their check-in.

A cheer is counted once per cheerer and message, however it came (``/cheer`` and a reaction
by one person on one message are one cheer), never for oneself. Taking the reaction back
takes the cheer back, unless a ``/cheer`` holds it too. A ``/fail`` asks the group for
encouragement, so the first ``TOLD_ON_A_FAIL`` cheers on one are also told to the group, by
name.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.actions.checkin import message_source
from bot.actions.places import GroupSeen, PersonSeen, enter
from bot.actions.uow import UnitOfWork
from bot.store.cheers import (
    add_cheer,
    cheers_on,
    entry_author,
    is_fail_entry,
    take_back_reaction,
)
from bot.store.members import ensure_member, known_member
from bot.store.models import Member

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
    return await _count(uow, group, place.member, target, message_id, by_reaction=False)


async def cheer_by_reaction(
    uow: UnitOfWork, group: GroupSeen, giver: PersonSeen, message_id: int
) -> Cheered | None:
    """``giver`` reacted with a cheer on a message: a cheer if the message made someone
    else's entry; None when it made none, was the giver's own, or they had cheered it."""
    source = message_source(group.telegram_id, message_id)
    target = await entry_author(session=uow.session, source=source)
    if target is None or target.user_id == giver.user_id:
        return None
    place = await enter(uow, group, giver)
    return await _count(uow, group, place.member, target, message_id, by_reaction=True)


async def take_back_reaction_cheer(
    uow: UnitOfWork, group: GroupSeen, giver: PersonSeen, message_id: int
) -> bool:
    """``giver`` no longer reacts with a cheer on the message: their cheer on it goes, unless
    their ``/cheer`` holds it. True if a cheer went."""
    known = await known_member(
        session=uow.session, telegram_chat_id=group.telegram_id, user_id=giver.user_id
    )
    if known is None:
        return False
    return await take_back_reaction(session=uow.session, giver=known.member, message_id=message_id)


async def _count(
    uow: UnitOfWork,
    group: GroupSeen,
    giver: Member,
    target: Member,
    message_id: int,
    *,
    by_reaction: bool,
) -> Cheered | None:
    added = await add_cheer(
        session=uow.session,
        giver=giver,
        cheered=target,
        message_id=message_id,
        now=uow.now,
        by_reaction=by_reaction,
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
    return Cheered(giver.first_name, target.first_name, told)
