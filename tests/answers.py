"""What the bot said to whom, read from the fake Telegram's records: how often each member
was answered, and how often each message got the bot's reaction."""

from __future__ import annotations

import re
from collections import Counter

from bot import texts
from bot.faketelegram import Chat, FakeTelegram, User
from bot.faketelegram.world import Change

# The bot isolates every name it shows for bidirectional text.
_ISOLATED = re.compile("\u2068[^\u2069]*\u2069")


def answered(tg: FakeTelegram, chats: list[Chat], members: list[User]) -> Counter[str]:
    """How often the bot named each member (by first name) in the chats: a member's
    confirmation, alone or merged with others', names them once."""
    shown = {texts.format.isolate(m.first_name): m.first_name for m in members}
    said: Counter[str] = Counter()
    for chat in chats:
        for message in tg.bot_messages(chat.id):
            said.update(
                shown[name] for name in _ISOLATED.findall(message.text or "") if name in shown
            )
    return said


def count_reactions(tg: FakeTelegram) -> Counter[tuple[int, int]]:
    """From now on, how often the bot sets a reaction on each message (chat, message id)."""
    counted: Counter[tuple[int, int]] = Counter()

    def seen(change: Change) -> None:
        if change.kind == "reaction" and change.chat and change.message:
            counted[(change.chat.id, change.message.message_id)] += 1

    tg.watch(seen)
    return counted
