"""Check-ins with proof, as Telegram shows them: which messages are a ``/done`` with media
(its caption is the command), and the media a ``/done`` comes with (its own, or that of the
message it replies to).

Telegram's command handling looks at a message's text only; a photo's caption needs a
filter of its own. The bot's privacy mode lets both through: a caption that is a command
for the bot is delivered like a command, and a ``/done`` replying to a photo is a command,
delivered with the photo it replies to.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Coroutine
from typing import Any

from telegram import Message, MessageEntity, Update, User
from telegram.ext import filters

from bot import texts
from bot.domain.proof import Proof, ProofKind
from bot.handlers.common import Context, is_group, say, speak_the_groups_language

MEDIA = filters.PHOTO | filters.VIDEO | filters.VOICE | filters.Document.ALL


class CaptionCommand(filters.MessageFilter):
    """A message whose caption starts with ``/name`` (or ``/name@this_bot``); with no
    name, any command for this bot."""

    def __init__(self, command: str | None = None) -> None:
        super().__init__(name=f"CaptionCommand({command or ''})")
        self.command = command.lower() if command else None

    def filter(self, message: Message) -> bool:
        found = caption_command(message)
        if found is None:
            return False
        command, addressee = found
        if self.command is not None and command != self.command:
            return False
        return not addressee or addressee == (message.get_bot().username or "").lower()


def caption_command(message: Message) -> tuple[str, str] | None:
    """The command a caption starts with and whom it names, lower-cased ("" for none)."""
    entities = message.caption_entities
    if not message.caption or not entities:
        return None
    first = entities[0]
    if first.type != MessageEntity.BOT_COMMAND or first.offset != 0:
        return None
    command, _, addressee = message.caption[1 : first.length].lower().partition("@")
    return command, addressee


def other_caption_command(
    ours: Collection[str],
) -> Callable[[Update, Context], Coroutine[Any, Any, None]]:
    """The answer to another of ``ours`` as a caption (or any command naming this bot):
    only /done works there. A bare command that isn't ours may be for another bot."""

    async def answer(update: Update, context: Context) -> None:
        message, chat = update.effective_message, update.effective_chat
        found = caption_command(message) if message is not None else None
        if message is None or found is None:
            return
        command, addressee = found
        if not addressee and command not in ours:
            return
        if is_group(chat) and chat is not None:
            await speak_the_groups_language(context, chat)
        say(context, message, texts.proof.only_done_in_a_caption(f"/{command}"))

    return answer


def media_proof(message: Message) -> Proof | None:
    """The media ``message`` itself carries, as proof; None for a message without any. A
    forwarded photo is someone else's (or older) work: it has no sender of its own."""
    found = _media(message)
    if found is None:
        return None
    kind, media_id = found
    forwarded = message.forward_origin is not None
    sender = None if message.sender_chat is not None or forwarded else message.from_user
    return Proof(kind, media_id, message.date, _id(sender))


def proof_of(message: Message) -> Proof | None:
    """The proof a ``/done`` comes with: the media in it, else that of the message it
    replies to (None when neither has any: a plain ``/done``). A bot's picture or file (the
    /stats picture, an /export) is no one's proof: a ``/done`` replying to it is plain."""
    own = media_proof(message)
    if own is not None:
        return own
    replied = message.reply_to_message
    if replied is None or replied.forum_topic_created is not None:
        return None
    if replied.from_user is not None and replied.from_user.is_bot:
        return None
    return media_proof(replied)


def _media(message: Message) -> tuple[ProofKind, str] | None:
    if message.photo:
        # One photo, several sizes: the largest names it (each size has its own id).
        return ProofKind.PHOTO, message.photo[-1].file_unique_id
    if message.video is not None:
        return ProofKind.VIDEO, message.video.file_unique_id
    if message.voice is not None:
        return ProofKind.VOICE, message.voice.file_unique_id
    if message.document is not None:
        return ProofKind.DOCUMENT, message.document.file_unique_id
    return None


def _id(user: User | None) -> int | None:
    return None if user is None else user.id
