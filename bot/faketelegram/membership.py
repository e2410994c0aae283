"""A member's status changes, with the updates and service messages Telegram sends for it.

Both sides of the fake change statuses: the users (someone joins, is promoted, removes the
bot) and the Bot API (``leaveChat``), so the change lives here, beneath both of them.
"""

from __future__ import annotations

from dataclasses import replace

from bot.faketelegram.json_shapes import chat_member_updated_json, user_json
from bot.faketelegram.records import PRESENT, Chat, Member, MemberStatus, Message, User
from bot.faketelegram.world import World


def change_status(
    world: World, chat: Chat, user: User, status: MemberStatus, *, by: User | None = None
) -> None:
    """Give ``user`` the ``status`` in ``chat``, as ``by`` did it (else ``user`` themselves)."""
    old = chat.members.get(user.id) or Member(user, "left")
    new = replace(old, status=status, until_date=0)
    chat.members[user.id] = new
    actor = by or user
    joined = old.status not in PRESENT and status in PRESENT
    left = old.status in PRESENT and status not in PRESENT
    _member_updates(world, chat, actor, old, new)
    world.notify("chat", chat=chat)
    if joined and chat.type != "private":
        post_service(world, chat, actor, {"new_chat_members": [user_json(user)]})
    elif left and chat.type != "private":
        post_service(world, chat, actor, {"left_chat_member": user_json(user)})


def post_service(
    world: World, chat: Chat, actor: User | None, service: dict[str, object]
) -> Message:
    """A service message (someone joined, left, the group moved ...) shown to the chat."""
    message = world.new_message(chat, actor, service=dict(service))
    world.push_message(chat, message)
    return message


def _member_updates(world: World, chat: Chat, actor: User, old: Member, new: Member) -> None:
    """my_chat_member to the bot whose status changed; chat_member to the admin bots."""
    date = world.now_ts()
    if new.user.id in world.bots:
        payload = chat_member_updated_json(chat, actor, date, old, new)
        world.bots[new.user.id].queue.push("my_chat_member", payload)
    for account in world.members_bots(chat):
        if account.user.id == new.user.id:
            continue
        if chat.status_of(account.user.id) in ("creator", "administrator"):
            payload = chat_member_updated_json(chat, actor, date, old, new)
            account.queue.push("chat_member", payload)
