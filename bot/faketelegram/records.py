"""The things the fake Telegram knows about, as plain records.

They hold exactly what is needed to answer with Telegram's JSON (see ``json_shapes``) and
what a test wants to read back (a chat's messages, a photo's bytes, a bot's reactions).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from bot.faketelegram.html_entities import render_html

MemberStatus = Literal["creator", "administrator", "member", "restricted", "left", "kicked"]
ChatType = Literal["private", "group", "supergroup"]
Button = tuple[str, str | None]
"""A button as a test reads it: its text and its callback_data (or its url)."""

PRESENT: frozenset[str] = frozenset({"creator", "administrator", "member", "restricted"})
"""The statuses of someone who is in the chat."""

# Telegram's fixed account that stands for an anonymous group administrator.
GROUP_ANONYMOUS_BOT_ID = 1087968824


@dataclass
class User:
    """A Telegram account: a person or a bot."""

    id: int
    first_name: str
    is_bot: bool = False
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = None


FileKind = Literal["photo", "video", "voice", "document"]


@dataclass
class StoredFile:
    """Bytes someone uploaded, kept so a test can open them and getFile can serve them.

    ``file_unique_id`` comes from the bytes, as Telegram's names the file itself: the same
    picture sent twice has the same one, while each send gets a ``file_id`` of its own."""

    file_id: str
    file_unique_id: str
    data: bytes
    kind: FileKind
    file_name: str | None = None
    mime_type: str | None = None
    width: int = 0
    height: int = 0
    duration: int = 0
    file_path: str = ""
    # For a photo: the smaller copies Telegram makes of it, smallest first, each a file too.
    smaller: list[StoredFile] = field(default_factory=list)

    @property
    def sizes(self) -> list[StoredFile]:
        """A photo's sizes, smallest first and this one last, as Message.photo lists them."""
        return [*self.smaller, self]


@dataclass
class Member:
    """Someone's standing in a chat, as getChatMember reports it."""

    user: User
    status: MemberStatus
    until_date: int = 0
    can_pin_messages: bool = True
    can_delete_messages: bool = True
    can_manage_topics: bool = True


@dataclass
class Topic:
    """A forum topic: its thread id is the id of the service message that created it."""

    thread_id: int
    name: str
    icon_color: int = 7322096
    closed: bool = False
    deleted: bool = False


@dataclass
class Message:
    """One message as a chat shows it; ``from_bot`` tells whether our bot sent it."""

    chat_id: int
    message_id: int
    date: int
    sender: User | None
    from_bot: bool = False
    sender_chat_id: int | None = None
    text: str | None = None
    entities: list[dict[str, Any]] = field(default_factory=list)
    caption: str | None = None
    caption_entities: list[dict[str, Any]] = field(default_factory=list)
    reply_markup: dict[str, Any] | None = None
    reactions: list[str] = field(default_factory=list)  # the bot's own
    # Each person's reactions, by user id (a reaction taken back leaves no entry).
    user_reactions: dict[int, list[str]] = field(default_factory=dict)
    photo_file: StoredFile | None = None  # the largest size; it knows the smaller ones
    video_file: StoredFile | None = None
    voice_file: StoredFile | None = None
    document_file: StoredFile | None = None
    thread_id: int | None = None
    reply_to: int | None = None
    deleted: bool = False
    edit_date: int | None = None
    pinned: bool = False
    # Service messages: exactly one of these (or none for an ordinary message).
    service: dict[str, Any] = field(default_factory=dict)

    @property
    def html(self) -> str | None:
        """The text (or caption) rendered back as Telegram HTML, as the bot meant it."""
        if self.text is not None:
            return render_html(self.text, self.entities)
        if self.caption is not None:
            return render_html(self.caption, self.caption_entities)
        return None

    @property
    def buttons(self) -> list[list[Button]]:
        """The inline keyboard as rows of (text, callback_data or url)."""
        if not self.reply_markup:
            return []
        rows: list[list[Button]] = []
        for row in self.reply_markup.get("inline_keyboard", []):
            rows.append([(str(b.get("text")), b.get("callback_data") or b.get("url")) for b in row])
        return rows

    @property
    def photo(self) -> bytes | None:
        return self.photo_file.data if self.photo_file else None

    @property
    def video(self) -> bytes | None:
        return self.video_file.data if self.video_file else None

    @property
    def voice(self) -> bytes | None:
        return self.voice_file.data if self.voice_file else None

    @property
    def document(self) -> bytes | None:
        return self.document_file.data if self.document_file else None

    @property
    def media_file(self) -> StoredFile | None:
        """The photo (its largest size), video, voice note or document the message carries."""
        return self.photo_file or self.video_file or self.voice_file or self.document_file

    @property
    def filename(self) -> str | None:
        return self.document_file.file_name if self.document_file else None


@dataclass
class Chat:
    """A private chat, a group or a supergroup (possibly a forum)."""

    id: int
    type: ChatType
    title: str | None = None
    username: str | None = None
    is_forum: bool = False
    # For a private chat: the person on the other side, and whether they allow the bot.
    peer: User | None = None
    bot_id: int | None = None
    started: bool = False
    blocked: bool = False
    members: dict[int, Member] = field(default_factory=dict)
    topics: dict[int, Topic] = field(default_factory=dict)
    messages: dict[int, Message] = field(default_factory=dict)
    next_message_id: int = 1
    migrated_to: int | None = None
    pinned_message_id: int | None = None

    def status_of(self, user_id: int) -> MemberStatus:
        member = self.members.get(user_id)
        return member.status if member else "left"

    @property
    def kind_name(self) -> str:
        """How Telegram's error messages name the chat ("group chat", "supergroup chat")."""
        return "supergroup chat" if self.type == "supergroup" else "group chat"


@dataclass
class CallbackRecord:
    """A pressed button, and the bot's answer once it came."""

    id: str
    bot_id: int
    user: User
    chat_id: int
    message_id: int
    data: str
    answered: bool = False
    text: str | None = None
    show_alert: bool = False
    url: str | None = None


@dataclass
class Update:
    """One update waiting for a bot; ``kind`` is its field name (message, callback_query...)."""

    update_id: int
    kind: str
    payload: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {"update_id": self.update_id, self.kind: self.payload}
