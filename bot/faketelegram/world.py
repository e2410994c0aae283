"""The state of the fake Telegram: accounts, chats, messages, files and each bot's updates.

The user-side actions (``actions.py``, ``actions_chats.py``, ``membership.py``, ``media.py``)
and the Bot API methods (``api_*.py``) change this state; the two doors (``request.py`` and
``server.py``) only carry calls into it. All of them sit above the world: it imports none of
them. Whoever wants to follow the world as it changes (the sandbox page, through the HTTP
door's event stream) ``watch``es it: every change that a chat would show is announced as a
``Change``.
"""

from __future__ import annotations

import itertools
import logging
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from bot.clock import Clock, SystemClock
from bot.faketelegram.files import new_file
from bot.faketelegram.json_shapes import message_json
from bot.faketelegram.ratelimit import RateLimiter
from bot.faketelegram.records import (
    PRESENT,
    Chat,
    FileKind,
    Message,
    StoredFile,
    Update,
    User,
)
from bot.faketelegram.spec import ApiSpec, default_spec_path, load_spec
from bot.faketelegram.updates import UpdateQueue, WebhookSender

_log = logging.getLogger(__name__)

TOKEN_RE = re.compile(r"^(\d{1,20}):[A-Za-z0-9_-]{20,}$")

ChangeKind = Literal[
    "message",  # a new message in a chat (service messages too)
    "edited",  # its text, caption, buttons or pin changed
    "deleted",
    "reaction",  # the bot, or a person, set or removed their reaction
    "chat",  # a chat appeared or its members, topics, title or state changed
    "user",  # someone new, or someone's name changed
    "callback_answer",  # the bot answered a button press
    "chat_action",  # the bot is "typing..."
    "clock",  # the clock was moved
    "reset",  # everything was forgotten
]


@dataclass(frozen=True)
class Change:
    """One thing that changed in the world, with the records it concerns."""

    kind: ChangeKind
    chat: Chat | None = None
    message: Message | None = None
    user: User | None = None
    details: Mapping[str, Any] = field(default_factory=dict)


Watcher = Callable[[Change], None]


@dataclass
class BotAccount:
    """A bot: its account, its settings and what is waiting for it."""

    user: User
    token: str
    privacy_mode: bool = True
    queue: UpdateQueue = field(default_factory=UpdateQueue)
    webhook_url: str = ""
    webhook: WebhookSender | None = None
    commands: dict[tuple[str, str], list[dict[str, str]]] = field(default_factory=dict)
    logged_out: bool = False
    # setChatMenuButton: by private chat id, 0 for every chat's default.
    menu_buttons: dict[int, dict[str, Any]] = field(default_factory=dict)
    # Mini Apps registered with @BotFather (/newapp): short name -> address.
    web_apps: dict[str, str] = field(default_factory=dict)


class World:
    """Everything Telegram knows, shared by all doors and all bots."""

    def __init__(
        self,
        clock: Clock | None = None,
        spec_path: Path | None = None,
        rate_limits: bool = True,
        *,
        auto_create_bots: bool = False,
        default_username: str = "habitloop_bot",
    ) -> None:
        self.clock: Clock = clock or SystemClock()
        # Every call is checked against the Bot API description; there is no way around it.
        self.spec: ApiSpec = load_spec(spec_path or default_spec_path())
        self.auto_create_bots = auto_create_bots
        self.default_username = default_username
        self._watchers: list[Watcher] = []
        self._start_empty(rate_limits)

    def _start_empty(self, rate_limits: bool) -> None:
        """Everything the world knows, as on the first day; ``reset`` comes back here."""
        self.limiter = RateLimiter(self.clock)
        self.limiter.enabled = rate_limits
        self.users: dict[int, User] = {}
        self.chats: dict[int, Chat] = {}
        self.private_chats: dict[tuple[int, int], Chat] = {}
        self.bots: dict[int, BotAccount] = {}
        self.files: dict[str, StoredFile] = {}
        self.callback_queries: dict[str, Any] = {}
        self.callback_answers: dict[str, tuple[str | None, bool]] = {}
        self.chat_actions: list[tuple[int, str]] = []
        self.spec_violations: list[str] = []
        self.unsupported_calls: list[str] = []
        self._user_ids = itertools.count(100_000_001)
        self._group_ids = itertools.count(4_000_000_001)
        self._supergroup_ids = itertools.count(1_002_000_000_001)
        self._file_ids = itertools.count(1)
        self._callback_ids = itertools.count(4_382_000_000_000_001)

    async def reset(self) -> None:
        """Forget every account, chat, message and file (the spec, clock and watchers stay)."""
        await self.aclose()
        self._start_empty(self.rate_limits)
        self.notify("reset")

    # -- watching -----------------------------------------------------------------------

    def watch(self, watcher: Watcher) -> Callable[[], None]:
        """Call ``watcher`` with every change from now on; returns how to stop."""
        self._watchers.append(watcher)

        def stop() -> None:
            if watcher in self._watchers:
                self._watchers.remove(watcher)

        return stop

    def notify(
        self,
        kind: ChangeKind,
        *,
        chat: Chat | None = None,
        message: Message | None = None,
        user: User | None = None,
        **details: Any,
    ) -> None:
        change = Change(kind, chat, message, user, details)
        for watcher in list(self._watchers):
            try:
                watcher(change)
            except Exception:
                # A broken watcher must never break the Bot API call that changed the world.
                _log.exception("a watcher of the fake Telegram failed on %s", kind)

    # -- settings -----------------------------------------------------------------------

    @property
    def rate_limits(self) -> bool:
        return self.limiter.enabled

    @rate_limits.setter
    def rate_limits(self, enabled: bool) -> None:
        self.limiter.enabled = enabled

    def now_ts(self) -> int:
        """The injected clock's time as Telegram's unix seconds."""
        return int(self.clock.now().timestamp())

    # -- accounts -----------------------------------------------------------------------

    def create_bot(
        self,
        token: str,
        username: str = "habitloop_bot",
        first_name: str = "Habitloop",
        *,
        privacy_mode: bool = True,
    ) -> User:
        """Register a bot; its id is the number before the colon of its token."""
        match = TOKEN_RE.match(token)
        if match is None:
            raise ValueError(f"{token!r} is not a well-formed bot token")
        user = User(int(match.group(1)), first_name, is_bot=True, username=username)
        self.users[user.id] = user
        queue = UpdateQueue(check=self._check_update)
        self.bots[user.id] = BotAccount(user, token, privacy_mode, queue)
        return user

    def _check_update(self, update: Update) -> None:
        """An update whose shape isn't the Bot API's is the fake's own mistake: recorded
        with the bot's, so the test that made it fails."""
        self.spec_violations.extend(self.spec.check_update(update.to_json()))

    def bot_for_token(self, token: str) -> BotAccount | None:
        match = TOKEN_RE.match(token)
        if match is None:
            return None
        account = self.bots.get(int(match.group(1)))
        if account is None and self.auto_create_bots:
            self.create_bot(token, self.default_username, "Habitloop")
            account = self.bots[int(match.group(1))]
        if account is None or account.token != token:
            return None
        return account

    def bot(self, bot: User | None = None) -> BotAccount:
        """The given bot, or the first one created (most worlds have just one)."""
        if bot is not None:
            return self.bots[bot.id]
        if not self.bots:
            raise LookupError("no bot yet: call create_bot() first")
        return next(iter(self.bots.values()))

    def add_user(
        self,
        first_name: str,
        *,
        username: str | None = None,
        last_name: str | None = None,
        language_code: str | None = "en",
    ) -> User:
        user = User(next(self._user_ids), first_name, False, last_name, username, language_code)
        self.users[user.id] = user
        self.notify("user", user=user)
        return user

    def user(self, user_id: int) -> User:
        found = self.users.get(user_id)
        if found is None:
            raise LookupError(f"no user {user_id}")
        return found

    # -- chats --------------------------------------------------------------------------

    def new_group_id(self, supergroup: bool) -> int:
        return -next(self._supergroup_ids if supergroup else self._group_ids)

    def private_chat(self, user: User, bot: User | None = None) -> Chat:
        """The private chat between ``user`` and the bot (created on first use)."""
        account = self.bot(bot)
        key = (account.user.id, user.id)
        if key not in self.private_chats:
            chat = Chat(id=user.id, type="private", peer=user, bot_id=account.user.id)
            self.private_chats[key] = chat
            self.notify("chat", chat=chat)
        return self.private_chats[key]

    def find_chat(self, chat_id: int, bot: BotAccount | None = None) -> Chat | None:
        """A group by id, or (positive id) the private chat of that user with ``bot``."""
        if chat_id < 0:
            return self.chats.get(chat_id)
        account = bot or (self.bot() if self.bots else None)
        if account is None:
            return None
        return self.private_chats.get((account.user.id, chat_id))

    def chat(self, chat_id: int, bot: User | None = None) -> Chat:
        found = self.find_chat(chat_id, self.bot(bot) if chat_id > 0 else None)
        if found is None:
            raise LookupError(f"no chat {chat_id}")
        return found

    def chat_by_username(self, username: str) -> Chat | None:
        name = username.lstrip("@").lower()
        return next((c for c in self.chats.values() if (c.username or "").lower() == name), None)

    # -- messages -----------------------------------------------------------------------

    def new_message(self, chat: Chat, sender: User | None, **fields: Any) -> Message:
        message = Message(chat.id, chat.next_message_id, self.now_ts(), sender, **fields)
        chat.next_message_id += 1
        chat.messages[message.message_id] = message
        return message

    def messages(self, chat_id: int, *, include_deleted: bool = False) -> list[Message]:
        """What the chat shows, oldest first."""
        listed = self.chat(chat_id).messages.values()
        return [m for m in listed if include_deleted or not m.deleted]

    def bot_messages(self, chat_id: int) -> list[Message]:
        """Only what a bot sent into the chat (no service messages), oldest first."""
        return [m for m in self.messages(chat_id) if m.from_bot and not m.service]

    def store_file(
        self,
        data: bytes,
        kind: FileKind,
        file_name: str | None = None,
        mime_type: str | None = None,
    ) -> StoredFile:
        """Keep uploaded bytes under a new file_id; getFile and downloads find them."""
        stored = new_file(next(self._file_ids), data, kind, file_name, mime_type)
        self.files[stored.file_id] = stored
        return stored

    def file_by_path(self, path: str) -> StoredFile | None:
        return next((f for f in self.files.values() if f.file_path == path), None)

    def new_callback_id(self) -> str:
        return str(next(self._callback_ids))

    # -- updates ------------------------------------------------------------------------

    def members_bots(self, chat: Chat) -> list[BotAccount]:
        """The bots that are in the chat (for a private chat: its bot)."""
        if chat.type == "private":
            return [self.bots[chat.bot_id]] if chat.bot_id in self.bots else []
        return [b for b in self.bots.values() if chat.status_of(b.user.id) in PRESENT]

    def push_message(self, chat: Chat, message: Message, kind: str = "message") -> None:
        """Show a new, complete message to the chat's watchers, and hand it to each bot in
        the chat that is allowed to see it."""
        self.notify("message", chat=chat, message=message)
        for account in self.members_bots(chat):
            if account.user.id == (message.sender.id if message.sender else None):
                continue
            if self._sees(account, chat, message):
                account.queue.push(kind, message_json(chat, message))

    def _sees(self, account: BotAccount, chat: Chat, message: Message) -> bool:
        """Privacy mode: in groups a bot sees commands, replies to it and service messages."""
        if chat.type == "private" or not account.privacy_mode or message.service:
            return True
        if chat.status_of(account.user.id) in ("creator", "administrator"):
            return True
        text = message.text or message.caption or ""
        if text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            if "@" not in command:
                return True
            return command.split("@", 1)[1].lower() == (account.user.username or "").lower()
        replied = chat.messages.get(message.reply_to) if message.reply_to else None
        return replied is not None and replied.sender is account.user

    @contextmanager
    def intercept(self, bot: User | None = None) -> Iterator[list[Update]]:
        """Inside the block, updates for the bot are caught in the yielded list instead of
        reaching it: to lose them, or to hand them over later or some other way."""
        queue = self.bot(bot).queue
        caught: list[Update] = []
        queue.diverted = caught
        try:
            yield caught
        finally:
            queue.diverted = None

    def release(
        self, caught: list[Update], bot: User | None = None, *, same_ids: bool = False
    ) -> None:
        """Let intercepted updates reach the bot after all, in order: as new updates, or
        with ``same_ids`` as Telegram redelivers one it thinks was not received."""
        queue = self.bot(bot).queue
        for update in caught:
            if same_ids:
                queue.redeliver(update)
            else:
                queue.push(update.kind, update.payload)

    def updates_pending(self, bot: User | None = None) -> int:
        return len(self.bot(bot).queue.updates)

    def raise_for_problems(self) -> None:
        """Fail (AssertionError) if a call broke the Bot API or used what the fake lacks."""
        problems = self.spec_violations + self.unsupported_calls
        if problems:
            raise AssertionError("Bot API misuse:\n" + "\n".join(problems))

    async def aclose(self) -> None:
        """Stop webhook deliveries (and close their HTTP sessions)."""
        for account in self.bots.values():
            if account.webhook is not None:
                await account.webhook.stop()
