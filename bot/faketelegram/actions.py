"""The users' side of the fake Telegram: what people do in chats, turned into bot updates.

A test (or the sandbox page, through the HTTP door) plays the people: they write, send
photos, videos, voice notes and documents, reply, react and press buttons (here), and add and
remove the bot, promote each other, upgrade groups and block the bot (``actions_chats``).
Each action changes the world and queues the updates Telegram would send for it.
"""

from __future__ import annotations

import re
from typing import Any

from bot.faketelegram.actions_chats import GROUP_ANONYMOUS_BOT, ChatActions
from bot.faketelegram.json_shapes import message_json, message_reaction_json, user_json
from bot.faketelegram.media import store_upload
from bot.faketelegram.records import PRESENT, CallbackRecord, Chat, FileKind, Message, User
from bot.faketelegram.request import FakeRequest
from bot.faketelegram.rules import MAX_CAPTION, MAX_USER_REACTIONS, REACTIONS
from bot.faketelegram.web_apps import direct_link, launch_url, sign_init_data

__all__ = ["GROUP_ANONYMOUS_BOT", "FakeTelegram", "command_entities"]

_COMMAND_RE = re.compile(r"^/[A-Za-z0-9_]{1,32}(@[A-Za-z0-9_]{3,32})?(?![A-Za-z0-9_@])")
# Which field of a message holds each kind of file.
_MEDIA_FIELDS: dict[FileKind, str] = {
    "photo": "photo_file",
    "video": "video_file",
    "voice": "voice_file",
    "document": "document_file",
}


def command_entities(text: str) -> list[dict[str, object]]:
    """The bot_command entity Telegram adds to a text or caption that starts with /cmd[@bot]."""
    match = _COMMAND_RE.match(text)
    if match is None:
        return []
    return [{"type": "bot_command", "offset": 0, "length": match.end()}]


class FakeTelegram(ChatActions):
    """The fake Telegram: its state (World), what its users can do, and its in-process door."""

    def request(self) -> FakeRequest:
        """A new in-process door; PTB wants separate ones for calls and for getUpdates."""
        return FakeRequest(self)

    # -- messages -----------------------------------------------------------------------

    def send(
        self,
        chat_id: int,
        user: User,
        text: str,
        *,
        reply_to: int | None = None,
        thread_id: int | None = None,
        bot: User | None = None,
    ) -> Message:
        """``user`` writes ``text`` into the chat (a positive id: their chat with the bot)."""
        chat = self._chat_of_writer(chat_id, user, bot)
        thread_id = self._placement(chat, user, reply_to, thread_id)
        fields = {"text": text, "entities": command_entities(text)}
        return self._publish(chat, user, reply_to, thread_id, **fields)

    def send_media(
        self,
        chat_id: int,
        user: User,
        kind: FileKind,
        *,
        data: bytes | None = None,
        caption: str | None = None,
        reply_to: int | None = None,
        thread_id: int | None = None,
        file_name: str | None = None,
        mime_type: str | None = None,
        duration: int | None = None,
        bot: User | None = None,
    ) -> Message:
        """``user`` sends a photo, video, voice note or document, with ``caption`` if given.

        ``data`` is the file's content: the same bytes again make a file with the same
        file_unique_id. Without it each call sends a file of its own (a small PNG for a
        photo, random bytes otherwise). A caption starting with /cmd gets its bot_command
        entity, as a text does."""
        if kind not in _MEDIA_FIELDS:
            raise ValueError(f"{kind!r} is not one of {', '.join(_MEDIA_FIELDS)}")
        if caption is not None and len(caption) > MAX_CAPTION:
            raise ValueError(f"a caption is at most {MAX_CAPTION} characters")
        chat = self._chat_of_writer(chat_id, user, bot)
        thread_id = self._placement(chat, user, reply_to, thread_id)
        stored = store_upload(
            self, kind, data, file_name=file_name, mime_type=mime_type, duration=duration
        )
        fields: dict[str, Any] = {_MEDIA_FIELDS[kind]: stored}
        if caption is not None and caption.strip():
            fields.update(caption=caption, caption_entities=command_entities(caption))
        return self._publish(chat, user, reply_to, thread_id, **fields)

    def send_photo(
        self,
        chat_id: int,
        user: User,
        *,
        caption: str | None = None,
        data: bytes | None = None,
        reply_to: int | None = None,
        thread_id: int | None = None,
        bot: User | None = None,
    ) -> Message:
        """``user`` sends a photo (``data``: an image's bytes), kept in several sizes."""
        return self.send_media(
            chat_id,
            user,
            "photo",
            data=data,
            caption=caption,
            reply_to=reply_to,
            thread_id=thread_id,
            bot=bot,
        )

    def send_video(
        self,
        chat_id: int,
        user: User,
        *,
        caption: str | None = None,
        data: bytes | None = None,
        duration: int | None = None,
        reply_to: int | None = None,
        thread_id: int | None = None,
        bot: User | None = None,
    ) -> Message:
        return self.send_media(
            chat_id,
            user,
            "video",
            data=data,
            caption=caption,
            duration=duration,
            reply_to=reply_to,
            thread_id=thread_id,
            bot=bot,
        )

    def send_voice(
        self,
        chat_id: int,
        user: User,
        *,
        caption: str | None = None,
        data: bytes | None = None,
        duration: int | None = None,
        reply_to: int | None = None,
        thread_id: int | None = None,
        bot: User | None = None,
    ) -> Message:
        return self.send_media(
            chat_id,
            user,
            "voice",
            data=data,
            caption=caption,
            duration=duration,
            reply_to=reply_to,
            thread_id=thread_id,
            bot=bot,
        )

    def send_document(
        self,
        chat_id: int,
        user: User,
        *,
        caption: str | None = None,
        data: bytes | None = None,
        file_name: str | None = None,
        mime_type: str | None = None,
        reply_to: int | None = None,
        thread_id: int | None = None,
        bot: User | None = None,
    ) -> Message:
        return self.send_media(
            chat_id,
            user,
            "document",
            data=data,
            caption=caption,
            file_name=file_name,
            mime_type=mime_type,
            reply_to=reply_to,
            thread_id=thread_id,
            bot=bot,
        )

    def send_as_group(
        self,
        chat_id: int,
        text: str,
        *,
        reply_to: int | None = None,
        thread_id: int | None = None,
    ) -> Message:
        """An anonymous administrator writes: from GroupAnonymousBot, sender_chat the group."""
        chat = self.chat(chat_id)
        thread_id = self._placement(chat, GROUP_ANONYMOUS_BOT, reply_to, thread_id)
        return self._publish(
            chat,
            GROUP_ANONYMOUS_BOT,
            reply_to,
            thread_id,
            sender_chat_id=chat.id,
            text=text,
            entities=command_entities(text),
        )

    def _chat_of_writer(self, chat_id: int, user: User, bot: User | None) -> Chat:
        """The chat ``user`` writes into: a group they are in, or their chat with the bot
        (which writing starts, and unblocks as pressing Start again does)."""
        if chat_id > 0:
            chat = self.private_chat(user, bot)
            if chat.blocked:
                self.unblock_bot(user, bot=bot)
            chat.started = True
            return chat
        chat = self.chat(chat_id)
        if chat.status_of(user.id) not in PRESENT:
            raise ValueError(f"{user.first_name} is not a member of chat {chat_id}")
        return chat

    def _placement(
        self, chat: Chat, user: User, reply_to: int | None, thread_id: int | None
    ) -> int | None:
        """The topic a new message goes to (a reply goes where its message is), checked
        before anything is kept, so that a refused message leaves no trace."""
        if chat.migrated_to is not None:
            raise ValueError(f"chat {chat.id} was upgraded to {chat.migrated_to}")
        if reply_to is not None and reply_to not in chat.messages:
            raise ValueError(f"no message {reply_to} in chat {chat.id}")
        if thread_id is None and reply_to is not None:
            thread_id = chat.messages[reply_to].thread_id
        if thread_id is not None:
            topic = chat.topics.get(thread_id)
            if topic is None or topic.deleted:
                raise ValueError(f"no topic {thread_id} in chat {chat.id}")
            if topic.closed and chat.status_of(user.id) not in ("creator", "administrator"):
                raise ValueError(f"topic {thread_id} is closed")
        return thread_id

    def _publish(
        self,
        chat: Chat,
        user: User,
        reply_to: int | None,
        thread_id: int | None,
        **fields: Any,
    ) -> Message:
        message = self.new_message(chat, user, reply_to=reply_to, thread_id=thread_id, **fields)
        self.push_message(chat, message)
        return message

    def press(
        self, chat_id: int, message_id: int, user: User, data: str, *, bot: User | None = None
    ) -> str:
        """``user`` presses the inline button carrying ``data``; returns the query id."""
        chat = self.chat(chat_id, bot) if chat_id > 0 else self.chat(chat_id)
        message = chat.messages.get(message_id)
        if message is None or message.deleted or not message.from_bot or message.sender is None:
            raise ValueError(f"no bot message {message_id} in chat {chat_id}")
        if data not in {d for row in message.buttons for _, d in row}:
            raise ValueError(f"message {message_id} has no button with data {data!r}")
        query_id = self.new_callback_id()
        record = CallbackRecord(query_id, message.sender.id, user, chat.id, message_id, data)
        self.callback_queries[query_id] = record
        payload = {
            "id": query_id,
            "from": user_json(user),
            "message": message_json(chat, message),
            "chat_instance": str(-(abs(chat.id) * 31 + 17)),
            "data": data,
        }
        self.bots[message.sender.id].queue.push("callback_query", payload)
        return query_id

    def react(
        self,
        chat_id: int,
        message_id: int,
        user: User,
        emojis: list[str],
        *,
        bot: User | None = None,
    ) -> None:
        """``user`` sets their reactions on a message (an empty list takes theirs back).
        Telegram tells a bot of it only if the bot is an admin of the group (in a private
        chat: its bot) and asked for ``message_reaction`` in its allowed updates."""
        chat = self.chat(chat_id, bot) if chat_id > 0 else self.chat(chat_id)
        if chat.type != "private" and chat.status_of(user.id) not in PRESENT:
            raise ValueError(f"{user.first_name} is not a member of chat {chat_id}")
        message = chat.messages.get(message_id)
        if message is None or message.deleted or message.service:
            raise ValueError(f"no message {message_id} to react to in chat {chat_id}")
        new = list(dict.fromkeys(emojis))
        if any(e not in REACTIONS for e in new):
            raise ValueError(f"REACTION_INVALID: {emojis!r}")
        if len(new) > MAX_USER_REACTIONS:
            raise ValueError("REACTIONS_TOO_MANY")
        old = message.user_reactions.get(user.id, [])
        if new == old:
            return  # nothing changed: Telegram sends nothing
        if new:
            message.user_reactions[user.id] = new
        else:
            message.user_reactions.pop(user.id, None)
        self.notify("reaction", chat=chat, message=message)
        for account in self.members_bots(chat):
            if chat.type == "private" or chat.status_of(account.user.id) in (
                "creator",
                "administrator",
            ):
                payload = message_reaction_json(chat, message_id, user, self.now_ts(), old, new)
                account.queue.push("message_reaction", payload)

    # -- Mini Apps --------------------------------------------------------------------------

    def register_web_app(self, name: str, url: str, *, bot: User | None = None) -> None:
        """What @BotFather's /newapp does: the bot's app ``name`` lives at ``url``."""
        self.bot(bot).web_apps[name] = url

    def init_data(
        self, user: User, *, start_param: str | None = None, bot: User | None = None
    ) -> str:
        """``initData`` as Telegram signs it now for ``user`` opening the bot's app."""
        account = self.bot(bot)
        return sign_init_data(account.token, user, self.now_ts(), start_param=start_param)

    def open_web_app(
        self,
        user: User,
        url: str,
        *,
        start_param: str | None = None,
        dark: bool = False,
        bot: User | None = None,
    ) -> str:
        """The address Telegram opens when ``user`` taps a button for the app at ``url``."""
        return launch_url(url, self.init_data(user, start_param=start_param, bot=bot), dark=dark)

    def open_link(self, user: User, link: str, *, dark: bool = False) -> str:
        """A ``t.me/<bot>/<app>?startapp=`` link tapped by ``user``: the app's address."""
        found = direct_link(link)
        if found is None:
            raise ValueError(f"{link} is not a Mini App link")
        username, name, param = found
        account = next(
            (a for a in self.bots.values() if (a.user.username or "").lower() == username.lower()),
            None,
        )
        if account is None or name not in account.web_apps:
            raise LookupError(f"no Mini App {name!r} for @{username}")
        return self.open_web_app(
            user, account.web_apps[name], start_param=param, dark=dark, bot=account.user
        )

    # -- failures ----------------------------------------------------------------------

    def fail_next(
        self,
        method: str | None = "sendMessage",
        times: int = 1,
        retry_after: int = 1,
        chat_id: int | None = None,
        status: int = 429,
    ) -> None:
        """Make the next ``times`` matching calls fail: 429 with ``retry_after``, a server
        error (``status`` 500, 502, 503 or 504), or a connection dropped (``status`` 0)."""
        self.limiter.fail_next(method, times, retry_after, chat_id, status)

    def stop_failing(self) -> None:
        """Forget the failures ``fail_next`` still had to come."""
        self.limiter.stop_failing()
