"""A group's life and a person's: the bot added to a group or removed from it, a group
upgraded to a supergroup, a person starting the bot in private or blocking it.

Added, a group is scheduled and welcomed (once a day at most), and a new group speaks the
language of whoever added the bot. Removed, it is paused: no posts, its data kept. An
upgraded group's data follows it to its new id (``bot.store.merge``); when members had
already checked in under the new id, both histories are merged and every streak replayed.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.actions.group_replay import replay_group
from bot.actions.places import GroupSeen, enter_group, group_info
from bot.actions.posting import Due, PostText, record
from bot.actions.reminders import schedule_reminder
from bot.actions.schedule import reschedule
from bot.actions.uow import GroupInfo, UnitOfWork
from bot.domain.schedule import PostKind
from bot.domain.zones import member_zone
from bot.store import posts
from bot.store.chats import get_chat, language_of, set_active, set_topic
from bot.store.merge import move_chat
from bot.store.people import ensure_person
from bot.store.private import remember_started, set_blocked


@dataclass(frozen=True, slots=True)
class Joined:
    group: GroupInfo
    zone: str


async def bot_added(uow: UnitOfWork, group: GroupSeen, adder_language: str) -> Joined:
    """The bot was added (or added again): the group is active and scheduled."""
    known = await language_of(session=uow.session, telegram_id=group.telegram_id) is not None
    chat = await enter_group(uow, group)
    if not known:
        chat.language = adder_language
    chat.active = True
    reschedule(chat, uow.now, uow.default_zone)
    return Joined(group_info(chat), member_zone(None, chat.timezone, uow.default_zone).key)


async def welcome(uow: UnitOfWork, group: GroupSeen, text: str) -> list[posts.ToSend]:
    """The welcome post, once per group and day."""
    chat = await enter_group(uow, group)
    zone = member_zone(None, chat.timezone, uow.default_zone)
    due = Due(chat, PostKind.WELCOME, uow.now, zone)
    return await record(uow, PostKind.WELCOME, [(due, PostText(text))])


async def bot_removed(uow: UnitOfWork, telegram_id: int) -> None:
    """Removed from the group, or the group blocked it: paused, its data kept."""
    await set_active(session=uow.session, telegram_id=telegram_id, active=False)


async def topic_gone(uow: UnitOfWork, telegram_id: int) -> None:
    """The forum topic the group's posts went to was closed or deleted: the general chat."""
    await set_topic(session=uow.session, telegram_id=telegram_id, topic_id=None)


async def group_moved(uow: UnitOfWork, old_telegram_id: int, new_telegram_id: int) -> None:
    """The group became a supergroup with a new id: everything follows it.

    Telegram tells both chats; whichever comes first does the move (the second finds nothing
    left to move).
    """
    merged = await move_chat(
        session=uow.session, old_telegram_id=old_telegram_id, new_telegram_id=new_telegram_id
    )
    if merged:
        # Streaks and the group's day counts, from the union of both histories.
        chat = await get_chat(session=uow.session, telegram_id=new_telegram_id, lock=True)
        assert chat is not None
        await replay_group(uow, chat)


async def started_privately(uow: UnitOfWork, user_id: int, language: str | None) -> None:
    """The person can be written to in private (again): their reminder is scheduled."""
    await remember_started(session=uow.session, user_id=user_id, now=uow.now)
    person = await ensure_person(session=uow.session, user_id=user_id, language=language)
    await schedule_reminder(uow, person, started=True)


async def blocked_privately(uow: UnitOfWork, user_id: int) -> None:
    """The person blocked the bot: no direct messages until they start it again."""
    await set_blocked(session=uow.session, user_id=user_id, blocked=True)
