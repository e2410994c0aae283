"""Every JSON object the fake Telegram sends, built in one place from the records.

Keeping the shapes together makes it easy to compare them with the Bot API documentation
and to keep optional fields out when Telegram leaves them out (PTB relies on that).
"""

from __future__ import annotations

from typing import Any

from bot.faketelegram.records import Chat, Member, Message, StoredFile, User

JSON = dict[str, Any]


def user_json(user: User) -> JSON:
    body: JSON = {"id": user.id, "is_bot": user.is_bot, "first_name": user.first_name}
    if user.last_name:
        body["last_name"] = user.last_name
    if user.username:
        body["username"] = user.username
    if user.language_code and not user.is_bot:
        body["language_code"] = user.language_code
    return body


def me_json(user: User, *, privacy_mode: bool) -> JSON:
    """getMe: the bot's own account with its capabilities."""
    return {
        **user_json(user),
        "can_join_groups": True,
        "can_read_all_group_messages": not privacy_mode,
        "supports_inline_queries": False,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


def chat_json(chat: Chat) -> JSON:
    body: JSON = {"id": chat.id, "type": chat.type}
    if chat.type == "private" and chat.peer is not None:
        body["first_name"] = chat.peer.first_name
        if chat.peer.last_name:
            body["last_name"] = chat.peer.last_name
        if chat.peer.username:
            body["username"] = chat.peer.username
        return body
    body["title"] = chat.title
    if chat.username:
        body["username"] = chat.username
    if chat.is_forum:
        body["is_forum"] = True
    if chat.type == "group":
        body["all_members_are_administrators"] = False
    return body


def chat_full_json(chat: Chat) -> JSON:
    """getChat: the chat with the fields ChatFullInfo requires."""
    body = chat_json(chat)
    body.pop("all_members_are_administrators", None)
    body.update(
        {
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": False,
                "limited_gifts": False,
                "unique_gifts": False,
                "premium_subscription": False,
                "gifts_from_channels": False,
            },
        }
    )
    if chat.type != "private":
        body["permissions"] = {
            "can_send_messages": True,
            "can_send_photos": True,
            "can_send_documents": True,
            "can_send_polls": True,
            "can_send_other_messages": True,
            "can_add_web_page_previews": True,
            "can_change_info": False,
            "can_invite_users": True,
            "can_pin_messages": False,
            "can_manage_topics": False,
        }
    if chat.pinned_message_id and chat.pinned_message_id in chat.messages:
        body["pinned_message"] = message_json(chat, chat.messages[chat.pinned_message_id])
    return body


def member_json(member: Member) -> JSON:
    body: JSON = {"status": member.status, "user": user_json(member.user)}
    if member.status == "creator":
        body["is_anonymous"] = False
    elif member.status == "administrator":
        body.update(
            {
                "can_be_edited": False,
                "is_anonymous": False,
                "can_manage_chat": True,
                "can_delete_messages": member.can_delete_messages,
                "can_manage_video_chats": True,
                "can_restrict_members": True,
                "can_promote_members": False,
                "can_change_info": True,
                "can_invite_users": True,
                "can_post_stories": False,
                "can_edit_stories": False,
                "can_delete_stories": False,
                "can_pin_messages": member.can_pin_messages,
                "can_manage_topics": member.can_manage_topics,
            }
        )
    elif member.status == "kicked":
        body["until_date"] = member.until_date
    elif member.status == "restricted":
        body.update({"is_member": True, "until_date": member.until_date})
        body.update({name: True for name in _RESTRICTED_RIGHTS})
    return body


_RESTRICTED_RIGHTS = (
    "can_send_messages",
    "can_send_audios",
    "can_send_documents",
    "can_send_photos",
    "can_send_videos",
    "can_send_video_notes",
    "can_send_voice_notes",
    "can_send_polls",
    "can_send_other_messages",
    "can_add_web_page_previews",
    "can_change_info",
    "can_invite_users",
    "can_pin_messages",
    "can_manage_topics",
)


def _file_fields(stored: StoredFile) -> JSON:
    """What every file object (PhotoSize, Video, Voice, Document, File) starts with."""
    return {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_size": len(stored.data),
    }


def photo_json(sizes: list[StoredFile]) -> list[JSON]:
    """A photo: one PhotoSize per size, smallest first, as Telegram lists them."""
    return [{**_file_fields(size), "width": size.width, "height": size.height} for size in sizes]


def video_json(stored: StoredFile) -> JSON:
    body = {
        **_file_fields(stored),
        "width": stored.width,
        "height": stored.height,
        "duration": stored.duration,
    }
    return _with_name_and_type(body, stored)


def voice_json(stored: StoredFile) -> JSON:
    return _with_name_and_type({**_file_fields(stored), "duration": stored.duration}, stored)


def document_json(stored: StoredFile) -> JSON:
    return _with_name_and_type(_file_fields(stored), stored)


def _with_name_and_type(body: JSON, stored: StoredFile) -> JSON:
    if stored.file_name and stored.kind != "voice":  # a voice note has no file name
        body["file_name"] = stored.file_name
    if stored.mime_type:
        body["mime_type"] = stored.mime_type
    return body


def file_json(stored: StoredFile) -> JSON:
    return {**_file_fields(stored), "file_path": stored.file_path}


def message_json(chat: Chat, message: Message, *, with_reply: bool = True) -> JSON:
    """A Message as Telegram sends it, with the replied-to message one level deep."""
    body: JSON = {"message_id": message.message_id}
    if message.sender is not None:
        body["from"] = user_json(message.sender)
    if message.sender_chat_id is not None:
        body["sender_chat"] = chat_json(chat)
    body["date"] = message.date
    body["chat"] = chat_json(chat)
    if message.thread_id is not None:
        body["message_thread_id"] = message.thread_id
        body["is_topic_message"] = True
    if with_reply:
        # In a forum topic Telegram shows an ordinary message as a reply to the topic's start.
        root = message.thread_id if message.thread_id != message.message_id else None
        target = message.reply_to or root
        replied = chat.messages.get(target) if target is not None else None
        if replied is not None and not replied.deleted:
            body["reply_to_message"] = message_json(chat, replied, with_reply=False)
    if message.edit_date is not None:
        body["edit_date"] = message.edit_date
    if message.text is not None:
        body["text"] = message.text
        if message.entities:
            body["entities"] = message.entities
    if message.photo_file is not None:
        body["photo"] = photo_json(message.photo_file.sizes)
    if message.video_file is not None:
        body["video"] = video_json(message.video_file)
    if message.voice_file is not None:
        body["voice"] = voice_json(message.voice_file)
    if message.document_file is not None:
        body["document"] = document_json(message.document_file)
    if message.caption is not None:
        body["caption"] = message.caption
        if message.caption_entities:
            body["caption_entities"] = message.caption_entities
    for key, value in message.service.items():
        if key == "pinned_message" and isinstance(value, int) and value in chat.messages:
            body[key] = message_json(chat, chat.messages[value], with_reply=False)
        else:
            body[key] = value
    if message.reply_markup is not None and "inline_keyboard" in message.reply_markup:
        body["reply_markup"] = message.reply_markup
    return body


def chat_member_updated_json(chat: Chat, actor: User, date: int, old: Member, new: Member) -> JSON:
    return {
        "chat": chat_json(chat),
        "from": user_json(actor),
        "date": date,
        "old_chat_member": member_json(old),
        "new_chat_member": member_json(new),
    }


def message_reaction_json(
    chat: Chat, message_id: int, user: User, date: int, old: list[str], new: list[str]
) -> JSON:
    """MessageReactionUpdated: ``user`` changed their emoji reactions on a message."""
    return {
        "chat": chat_json(chat),
        "message_id": message_id,
        "user": user_json(user),
        "date": date,
        "old_reaction": [{"type": "emoji", "emoji": e} for e in old],
        "new_reaction": [{"type": "emoji", "emoji": e} for e in new],
    }


def webhook_info_json(
    url: str, pending: int, allowed_updates: list[str] | None, last_error: tuple[int, str] | None
) -> JSON:
    body: JSON = {"url": url, "has_custom_certificate": False, "pending_update_count": pending}
    if url:
        body["max_connections"] = 40
        body["ip_address"] = "127.0.0.1"
    if allowed_updates is not None and url:
        body["allowed_updates"] = allowed_updates
    if last_error is not None:
        body["last_error_date"], body["last_error_message"] = last_error
    return body
