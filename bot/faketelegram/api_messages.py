"""Bot API methods that create or change messages: send, edit, delete, react, pin.

Each returns what Telegram returns (a Message, or ``true``) or raises the ApiError that
Telegram would answer with.
"""

from __future__ import annotations

from typing import Any

from bot.faketelegram.api_access import (
    check_presence,
    find_target,
    is_admin,
    own_message,
    reply_target,
    thread_for,
    writable_chat,
)
from bot.faketelegram.json_shapes import file_json, message_json
from bot.faketelegram.media import NotAnImage, store_photo
from bot.faketelegram.params import Params, Upload, bad_request
from bot.faketelegram.records import Chat, FileKind, Message, StoredFile
from bot.faketelegram.rules import (
    CHAT_ACTIONS,
    REACTIONS,
    UnsupportedByFake,
    formatted_text,
    inline_markup,
)
from bot.faketelegram.world import BotAccount, World

NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)
DELETE_WINDOW_SECONDS = 48 * 3600


def _new_bot_message(
    world: World, account: BotAccount, chat: Chat, params: Params, **fields: Any
) -> dict[str, Any]:
    """Common tail of every send: topic, reply, keyboard, flood limit, then the message."""
    thread_id = thread_for(chat, account, params)
    reply_to = reply_target(chat, params)
    if thread_id is None and reply_to is not None:
        thread_id = chat.messages[reply_to].thread_id
    markup = inline_markup(params)
    world.limiter.sending(account.user.id, chat.id, chat.type != "private")
    message = world.new_message(
        chat,
        account.user,
        from_bot=True,
        thread_id=thread_id,
        reply_to=reply_to,
        reply_markup=markup,
        **fields,
    )
    world.push_message(chat, message)
    return message_json(chat, message)


async def send_message(world: World, account: BotAccount, params: Params) -> Any:
    chat = writable_chat(world, account, params)
    text, entities = formatted_text(params, "text", "entities")
    return _new_bot_message(world, account, chat, params, text=text, entities=entities)


def _upload(world: World, params: Params, name: str, kind: FileKind) -> StoredFile:
    """The file sent as ``name``: an upload, an attach:// part, or a known file_id."""
    upload: Upload | None = params.files.get(name)
    reference = params.string(name)
    if upload is None and reference and reference.startswith("attach://"):
        upload = params.files.get(reference[len("attach://") :])
    if upload is not None:
        if not upload.data:
            raise bad_request("file must be non-empty")
        if kind != "photo":
            return world.store_file(upload.data, kind, upload.filename, upload.content_type)
        try:
            return store_photo(world, upload.data, upload.content_type)
        except NotAnImage:
            raise bad_request("IMAGE_PROCESS_FAILED") from None
    if not reference:
        raise bad_request(f"there is no {name} in the request")
    if reference.startswith(("http://", "https://")):
        raise UnsupportedByFake(f"sending a {kind} by URL")
    known = world.files.get(reference)
    if known is None:
        raise bad_request("wrong file identifier/HTTP URL specified")
    return known


async def send_photo(world: World, account: BotAccount, params: Params) -> Any:
    chat = writable_chat(world, account, params)
    caption, entities = formatted_text(params, "caption", "caption_entities", caption=True)
    stored = _upload(world, params, "photo", "photo")
    return _new_bot_message(
        world, account, chat, params, photo_file=stored, caption=caption, caption_entities=entities
    )


async def send_document(world: World, account: BotAccount, params: Params) -> Any:
    chat = writable_chat(world, account, params)
    caption, entities = formatted_text(params, "caption", "caption_entities", caption=True)
    stored = _upload(world, params, "document", "document")
    return _new_bot_message(
        world,
        account,
        chat,
        params,
        document_file=stored,
        caption=caption,
        caption_entities=entities,
    )


def _editable(world: World, account: BotAccount, params: Params) -> tuple[Chat, Message]:
    if params.has("inline_message_id"):
        raise UnsupportedByFake("inline messages")
    chat = find_target(world, account, params)
    check_presence(chat, account)
    message = own_message(chat, params, "message to edit not found")
    if message.sender is not account.user or message.service:
        raise bad_request("message can't be edited")
    return chat, message


async def edit_message_text(world: World, account: BotAccount, params: Params) -> Any:
    chat, message = _editable(world, account, params)
    if message.text is None:
        raise bad_request("there is no text in the message to edit")
    text, entities = formatted_text(params, "text", "entities")
    markup = inline_markup(params)
    if (text, entities, markup) == (message.text, message.entities, message.reply_markup):
        raise bad_request(NOT_MODIFIED)
    message.text, message.entities, message.reply_markup = text, entities, markup
    message.edit_date = world.now_ts()
    world.notify("edited", chat=chat, message=message)
    return message_json(chat, message)


async def edit_message_caption(world: World, account: BotAccount, params: Params) -> Any:
    chat, message = _editable(world, account, params)
    if message.media_file is None:
        raise bad_request("there is no caption in the message to edit")
    caption, entities = formatted_text(params, "caption", "caption_entities", caption=True)
    markup = inline_markup(params)
    current = (message.caption, message.caption_entities, message.reply_markup)
    if (caption, entities, markup) == current:
        raise bad_request(NOT_MODIFIED)
    message.caption, message.caption_entities, message.reply_markup = caption, entities, markup
    message.edit_date = world.now_ts()
    world.notify("edited", chat=chat, message=message)
    return message_json(chat, message)


async def edit_message_reply_markup(world: World, account: BotAccount, params: Params) -> Any:
    chat, message = _editable(world, account, params)
    markup = inline_markup(params)
    if markup == message.reply_markup:
        raise bad_request(NOT_MODIFIED)
    message.reply_markup = markup
    message.edit_date = world.now_ts()
    world.notify("edited", chat=chat, message=message)
    return message_json(chat, message)


async def delete_message(world: World, account: BotAccount, params: Params) -> Any:
    chat = find_target(world, account, params)
    check_presence(chat, account)
    message = own_message(chat, params, "message to delete not found")
    if "forum_topic_created" in message.service:
        raise bad_request("message can't be deleted")
    own = message.sender is account.user
    may_moderate = chat.type == "supergroup" and is_admin(chat, account)
    group_admin = chat.type == "group" and is_admin(chat, account)
    if not (own or chat.type == "private" or may_moderate or group_admin):
        raise bad_request("message can't be deleted")
    too_old = world.now_ts() - message.date > DELETE_WINDOW_SECONDS
    if too_old and not may_moderate:
        raise bad_request("message can't be deleted for everyone")
    message.deleted = True
    world.notify("deleted", chat=chat, message=message)
    return True


async def set_message_reaction(world: World, account: BotAccount, params: Params) -> Any:
    chat = find_target(world, account, params)
    check_presence(chat, account)
    message = own_message(chat, params, "message to react not found")
    reaction = params.json("reaction") or []
    if not isinstance(reaction, list):
        raise bad_request("can't parse reaction types JSON object")
    emojis: list[str] = []
    for entry in reaction:
        if not isinstance(entry, dict) or entry.get("type") not in ("emoji", "custom_emoji"):
            raise UnsupportedByFake("reactions other than emoji")
        if entry["type"] == "custom_emoji":  # bots cannot use custom emoji as reactions
            raise bad_request("REACTION_INVALID")
        if entry.get("emoji") not in REACTIONS:
            raise bad_request("REACTION_INVALID")
        emojis.append(str(entry["emoji"]))
    if len(emojis) > 1:
        raise bad_request("REACTIONS_TOO_MANY")
    message.reactions = emojis
    world.notify("reaction", chat=chat, message=message)
    return True


async def pin_chat_message(world: World, account: BotAccount, params: Params) -> Any:
    chat = find_target(world, account, params)
    check_presence(chat, account)
    message = own_message(chat, params, "message to pin not found")
    if chat.type != "private":
        member = chat.members.get(account.user.id)
        allowed = member is not None and (
            member.status == "creator"
            or (member.status == "administrator" and member.can_pin_messages)
        )
        if not allowed:
            raise bad_request("not enough rights to manage pinned messages in the chat")
    message.pinned = True
    chat.pinned_message_id = message.message_id
    world.notify("edited", chat=chat, message=message)
    notice = world.new_message(
        chat, account.user, from_bot=True, service={"pinned_message": message.message_id}
    )
    notice.thread_id = message.thread_id
    world.push_message(chat, notice)
    return True


async def send_chat_action(world: World, account: BotAccount, params: Params) -> Any:
    chat = writable_chat(world, account, params)
    thread_for(chat, account, params)
    action = params.string("action", required=True)
    if action not in CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    world.chat_actions.append((chat.id, action))
    world.notify("chat_action", chat=chat, action=action)
    return True


async def get_file(world: World, account: BotAccount, params: Params) -> Any:
    stored = world.files.get(params.string("file_id", required=True) or "")
    if stored is None:
        raise bad_request("invalid file_id")
    return file_json(stored)


HANDLERS = {
    "sendMessage": send_message,
    "sendPhoto": send_photo,
    "sendDocument": send_document,
    "editMessageText": edit_message_text,
    "editMessageCaption": edit_message_caption,
    "editMessageReplyMarkup": edit_message_reply_markup,
    "deleteMessage": delete_message,
    "setMessageReaction": set_message_reaction,
    "pinChatMessage": pin_chat_message,
    "sendChatAction": send_chat_action,
    "getFile": get_file,
}
