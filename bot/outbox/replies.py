"""What a handler says back: messages, reactions and a button answer, sent once its work is
saved, and kept (as JSON, in the inbox) until they are, so a restart can send them still."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from telegram import InlineKeyboardMarkup

from bot import i18n
from bot.outbox.courier import Courier
from bot.outbox.outgoing import Confirmation, OnDone, Outcome, Outgoing


@dataclass
class Replies:
    messages: list[Outgoing] = field(default_factory=list)
    reactions: list[tuple[int, int, str]] = field(default_factory=list)  # chat, message, emoji
    answer: tuple[str, str | None] | None = None  # button press id, toast

    def __bool__(self) -> bool:
        return bool(self.messages or self.reactions or self.answer)

    @property
    def durable(self) -> bool:
        """Worth keeping across a restart: messages and reactions (a button answer is only
        wanted within seconds)."""
        return bool(self.messages or self.reactions)

    def dispatch(self, courier: Courier, on_end: Callable[[Replies], None] | None = None) -> None:
        """Hand everything to the courier: the answer and reactions at once, the messages in
        their chat's turn. Each time a message or a reaction has ended (sent or given up),
        ``on_end`` hears what is left of the durable part (empty: all ended)."""
        if self.answer is not None:
            courier.answer(*self.answer)
        left = Replies(list(self.messages), list(self.reactions))

        def ended() -> None:
            if on_end is not None:
                on_end(left)

        for reaction in self.reactions:
            courier.react(*reaction, on_done=partial(_drop, left.reactions, reaction, ended))
        for message in self.messages:
            courier.send(message, on_done=_then(partial(_drop, left.messages, message, ended)))

    # -- kept as JSON -------------------------------------------------------------------------

    def to_json(self) -> str:
        return json.dumps(
            {
                "messages": [_outgoing_json(m) for m in self.messages],
                "reactions": [list(r) for r in self.reactions],
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, text: str) -> Replies:
        data = json.loads(text)
        return cls(
            messages=[_outgoing(m) for m in data.get("messages", [])],
            reactions=[(int(c), int(m), str(e)) for c, m, e in data.get("reactions", [])],
        )


def _drop(parts: list[Any], part: object, ended: Callable[[], None]) -> None:
    parts.remove(part)
    ended()


def _then(action: Callable[[], None]) -> OnDone:
    """A message's ``on_done`` that does ``action``, however the message ended."""

    async def done(_outcome: Outcome) -> None:
        action()

    return done


def _outgoing_json(item: Outgoing) -> dict[str, Any]:
    found: dict[str, Any] = {"chat_id": item.chat_id, "text": item.text}
    if item.thread_id is not None:
        found["thread_id"] = item.thread_id
    if item.reply_to is not None:
        found["reply_to"] = item.reply_to
    if item.markup is not None:
        found["markup"] = item.markup.to_dict()
    if item.photo is not None:
        found["photo"] = base64.b64encode(item.photo).decode("ascii")
    if item.document is not None:
        name, content = item.document
        found["document"] = [name, base64.b64encode(content).decode("ascii")]
    if item.confirmation is not None:
        confirmation = item.confirmation
        found["confirmation"] = [confirmation.short, list(confirmation.news), confirmation.language]
    return found


def _outgoing(data: dict[str, Any]) -> Outgoing:
    confirmation = data.get("confirmation")
    document = data.get("document")
    return Outgoing(
        chat_id=int(data["chat_id"]),
        text=str(data["text"]),
        thread_id=data.get("thread_id"),
        reply_to=data.get("reply_to"),
        markup=InlineKeyboardMarkup.de_json(data["markup"], None) if "markup" in data else None,
        photo=base64.b64decode(data["photo"]) if "photo" in data else None,
        document=(document[0], base64.b64decode(document[1])) if document else None,
        confirmation=_confirmation(confirmation) if confirmation else None,
    )


def _confirmation(data: list[Any]) -> Confirmation:
    # Answers kept before confirmations said their language have only two fields.
    language = str(data[2]) if len(data) > 2 else i18n.DEFAULT_LANGUAGE
    return Confirmation(str(data[0]), tuple(data[1]), language)
