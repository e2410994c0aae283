"""What people do to chats: make groups, join, leave, promote, add and remove the bot,
open forum topics, upgrade a group and block the bot, with the updates Telegram sends.

``FakeTelegram`` (``actions.py``) adds what people write on top of these.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.faketelegram.json_shapes import chat_member_updated_json
from bot.faketelegram.membership import change_status, post_service
from bot.faketelegram.records import (
    GROUP_ANONYMOUS_BOT_ID,
    Chat,
    Member,
    MemberStatus,
    Topic,
    User,
)
from bot.faketelegram.world import World

_USERNAME_RE = re.compile(r"[A-Za-z][A-Za-z0-9_]{4,31}")
GROUP_ANONYMOUS_BOT = User(
    GROUP_ANONYMOUS_BOT_ID, "Group", is_bot=True, username="GroupAnonymousBot"
)


class ChatActions(World):
    """The world, with what people do to its chats and accounts."""

    # -- chats and members --------------------------------------------------------------

    def add_group(
        self,
        title: str,
        *,
        creator: User,
        supergroup: bool = True,
        forum: bool = False,
        username: str | None = None,
    ) -> Chat:
        """A new group (or supergroup, or forum) owned by ``creator``; the bot is not in it."""
        if forum and not supergroup:
            raise ValueError("only a supergroup can be a forum")
        chat = Chat(
            id=self.new_group_id(supergroup),
            type="supergroup" if supergroup else "group",
            title=title,
            username=username,
            is_forum=forum,
        )
        chat.members[creator.id] = Member(creator, "creator")
        self.chats[chat.id] = chat
        self.notify("chat", chat=chat)
        return chat

    def set_status(
        self, chat_id: int, user: User, status: MemberStatus, *, by: User | None = None
    ) -> None:
        """Change someone's status, with the updates and service messages Telegram sends."""
        change_status(self, self.chat(chat_id), user, status, by=by)

    def add_member(
        self, chat_id: int, user: User, status: MemberStatus = "member", *, by: User | None = None
    ) -> None:
        self.set_status(chat_id, user, status, by=by)

    def remove_member(self, chat_id: int, user: User, *, by: User | None = None) -> None:
        self.set_status(chat_id, user, "kicked" if by and by is not user else "left", by=by)

    def promote(self, chat_id: int, user: User, *, by: User | None = None) -> None:
        """Make ``user`` (a person or the bot) an administrator."""
        self.set_status(chat_id, user, "administrator", by=by or self._owner(chat_id))

    def demote(self, chat_id: int, user: User, *, by: User | None = None) -> None:
        """Take an administrator's rights away: an ordinary member again."""
        status = self.chat(chat_id).status_of(user.id)
        if status == "creator":
            raise ValueError("the group's creator can't be demoted")
        if status != "administrator":
            raise ValueError(f"{user.first_name} is not an administrator of chat {chat_id}")
        self.set_status(chat_id, user, "member", by=by or self._owner(chat_id))

    def add_bot(
        self, chat_id: int, *, by: User, bot: User | None = None, admin: bool = False
    ) -> None:
        """``by`` adds the bot: my_chat_member plus a new_chat_members service message."""
        account = self.bot(bot)
        self.set_status(chat_id, account.user, "administrator" if admin else "member", by=by)

    def remove_bot(self, chat_id: int, *, by: User, bot: User | None = None) -> None:
        """``by`` removes the bot, which then gets 403 when it sends there."""
        self.set_status(chat_id, self.bot(bot).user, "kicked", by=by)

    def rename_user(
        self,
        user: User,
        *,
        first_name: str,
        last_name: str | None = None,
        username: str | None = None,
    ) -> None:
        """Someone changes their name: Telegram tells no bot, the next message shows it."""
        if not first_name.strip():
            raise ValueError("a first name can't be empty")
        if username is not None and not _USERNAME_RE.fullmatch(username):
            raise ValueError(f"{username!r} is not a username (5-32 letters, digits or _)")
        taken = {u.username.lower() for u in self.users.values() if u.username and u is not user}
        if username is not None and username.lower() in taken:
            raise ValueError(f"the username {username!r} is taken")
        user.first_name = first_name.strip()
        user.last_name = last_name.strip() if last_name and last_name.strip() else None
        user.username = username
        self.notify("user", user=user)

    def _owner(self, chat_id: int) -> User | None:
        chat = self.chat(chat_id)
        return next((m.user for m in chat.members.values() if m.status == "creator"), None)

    # -- forum topics -------------------------------------------------------------------

    def create_topic(self, chat_id: int, name: str, *, by: User | None = None) -> int:
        """A new forum topic; its thread id is the id of the message that created it."""
        chat = self.chat(chat_id)
        if not chat.is_forum:
            raise ValueError(f"chat {chat_id} is not a forum")
        created = self.new_message(
            chat,
            by or self._owner(chat_id),
            service={"forum_topic_created": {"name": name, "icon_color": 7322096}},
        )
        created.thread_id = created.message_id
        chat.topics[created.message_id] = Topic(created.message_id, name)
        self.notify("chat", chat=chat)
        self.push_message(chat, created)
        return created.message_id

    def close_topic(self, chat_id: int, thread_id: int, *, by: User | None = None) -> None:
        chat = self.chat(chat_id)
        chat.topics[thread_id].closed = True
        self.notify("chat", chat=chat)
        closed = self.new_message(
            chat, by or self._owner(chat_id), service={"forum_topic_closed": {}}
        )
        closed.thread_id = thread_id
        self.push_message(chat, closed)

    def reopen_topic(self, chat_id: int, thread_id: int, *, by: User | None = None) -> None:
        chat = self.chat(chat_id)
        chat.topics[thread_id].closed = False
        self.notify("chat", chat=chat)
        reopened = self.new_message(
            chat, by or self._owner(chat_id), service={"forum_topic_reopened": {}}
        )
        reopened.thread_id = thread_id
        self.push_message(chat, reopened)

    def delete_topic(self, chat_id: int, thread_id: int) -> None:
        """Delete a topic and its messages (Telegram sends no update for this)."""
        chat = self.chat(chat_id)
        chat.topics[thread_id].deleted = True
        for message in chat.messages.values():
            if message.thread_id == thread_id and not message.deleted:
                message.deleted = True
                self.notify("deleted", chat=chat, message=message)
        self.notify("chat", chat=chat)

    # -- whole-chat events --------------------------------------------------------------

    def upgrade_to_supergroup(self, chat_id: int, *, by: User | None = None) -> int:
        """Migrate a basic group: a new -100... supergroup with the same members."""
        old = self.chat(chat_id)
        if old.type != "group":
            raise ValueError(f"chat {chat_id} is not a basic group")
        new = Chat(id=self.new_group_id(True), type="supergroup", title=old.title)
        new.members = {uid: replace(m) for uid, m in old.members.items()}
        self.chats[new.id] = new
        actor = by or self._owner(chat_id)
        post_service(self, old, actor, {"migrate_to_chat_id": new.id})
        old.migrated_to = new.id
        self.notify("chat", chat=old)
        self.notify("chat", chat=new)
        moved = self.new_message(
            new,
            GROUP_ANONYMOUS_BOT,
            sender_chat_id=new.id,
            service={"migrate_from_chat_id": old.id},
        )
        self.push_message(new, moved)
        return new.id

    def block_bot(self, user: User, *, bot: User | None = None) -> None:
        """``user`` blocks the bot: it gets my_chat_member (kicked) and 403 on sending."""
        self._set_blocked(user, bot, True)

    def unblock_bot(self, user: User, *, bot: User | None = None) -> None:
        self._set_blocked(user, bot, False)

    def _set_blocked(self, user: User, bot: User | None, blocked: bool) -> None:
        account = self.bot(bot)
        chat = self.private_chat(user, account.user)
        if chat.blocked == blocked:
            return
        chat.blocked = blocked
        self.notify("chat", chat=chat)
        member, kicked = Member(account.user, "member"), Member(account.user, "kicked")
        old, new = (member, kicked) if blocked else (kicked, member)
        payload = chat_member_updated_json(chat, user, self.now_ts(), old, new)
        account.queue.push("my_chat_member", payload)
