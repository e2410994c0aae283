"""Which chat, topic and message a call is about, and whether the bot may act there.

These checks come first in every method, in the order Telegram applies them, so that a bot
removed from a group, blocked by a user or writing into a deleted topic is refused exactly
as it would be in production.
"""

from __future__ import annotations

from typing import Any

from bot.faketelegram.params import Params, bad_request, forbidden
from bot.faketelegram.records import PRESENT, Chat, Message
from bot.faketelegram.world import BotAccount, World


def find_target(world: World, account: BotAccount, params: Params) -> Chat:
    """The chat named by chat_id, or 400 "chat not found"."""
    wanted = params.chat_id()
    chat = (
        world.chat_by_username(wanted)
        if isinstance(wanted, str)
        else world.find_chat(wanted, account)
    )
    if chat is None:
        if isinstance(wanted, int) and wanted in world.users and wanted > 0:
            raise forbidden("bot can't initiate conversation with a user")
        raise bad_request("chat not found")
    return chat


def writable_chat(world: World, account: BotAccount, params: Params) -> Chat:
    """The chat, if the bot may send into it; otherwise Telegram's 400 or 403."""
    chat = find_target(world, account, params)
    check_presence(chat, account)
    if chat.type == "private":
        if chat.blocked:
            raise forbidden("bot was blocked by the user")
        if not chat.started:
            raise forbidden("bot can't initiate conversation with a user")
    return chat


def check_presence(chat: Chat, account: BotAccount) -> None:
    """403 for a bot that was removed or never added; 400 with the new id after migration."""
    if chat.type == "private":
        return
    if chat.migrated_to is not None:
        raise bad_request(
            "group chat was upgraded to a supergroup chat",
            {"migrate_to_chat_id": chat.migrated_to},
        )
    status = chat.status_of(account.user.id)
    if status == "kicked":
        raise forbidden(f"bot was kicked from the {chat.kind_name}")
    if status not in PRESENT:
        raise forbidden(f"bot is not a member of the {chat.kind_name}")


def is_admin(chat: Chat, account: BotAccount) -> bool:
    return chat.status_of(account.user.id) in ("creator", "administrator")


def thread_for(chat: Chat, account: BotAccount, params: Params) -> int | None:
    """The forum topic a message goes to, refused if deleted or (for non-admins) closed."""
    thread_id = params.integer("message_thread_id")
    if thread_id is None:
        return None
    topic = chat.topics.get(thread_id)
    if topic is None or topic.deleted:
        if not chat.is_forum and chat.type != "private":
            # Outside forums a thread id names a reply thread: its first message must exist.
            root = chat.messages.get(thread_id)
            if root is not None and not root.deleted:
                return None
        raise bad_request("message thread not found")
    if topic.closed and not is_admin(chat, account):
        raise bad_request("TOPIC_CLOSED")
    return thread_id


def reply_target(chat: Chat, params: Params) -> int | None:
    """The message being replied to, per reply_parameters; Telegram refuses a missing one."""
    reply = params.json("reply_parameters")
    if reply is None:
        return None
    if not isinstance(reply, dict) or "message_id" not in reply:
        raise bad_request("can't parse reply parameters JSON object")
    other_chat: Any = reply.get("chat_id")
    if other_chat not in (None, chat.id, str(chat.id)):
        raise bad_request("quoted message not found")  # replies across chats: not modelled
    message_id = int(reply["message_id"])
    target = chat.messages.get(message_id)
    if target is None or target.deleted:
        if reply.get("allow_sending_without_reply"):
            return None
        raise bad_request("message to be replied not found")
    return message_id


def own_message(chat: Chat, params: Params, not_found: str) -> Message:
    """The message named by message_id, or 400 with ``not_found``."""
    message_id = params.integer("message_id")
    if message_id is None:
        raise bad_request("message identifier is not specified")
    message = chat.messages.get(message_id)
    if message is None or message.deleted:
        raise bad_request(not_found)
    return message
