"""What a handler answers is kept as JSON in the inbox until it is sent: it comes back the
same, and answers kept by an earlier version still load."""

from __future__ import annotations

import json

from bot import i18n
from bot.outbox.outgoing import Confirmation, Outgoing
from bot.outbox.replies import Replies


def test_an_answer_comes_back_as_it_was_kept() -> None:
    confirmation = Confirmation("Ann 5", ("🏆 New personal best for Ann: 5 days!",), "de")
    kept = Replies(
        messages=[
            Outgoing(-100, "✅ Ann: day 5", thread_id=7, reply_to=3, confirmation=confirmation)
        ],
        reactions=[(-100, 3, "🔥")],
    )
    back = Replies.from_json(kept.to_json())
    assert back.messages == kept.messages
    assert back.reactions == kept.reactions


def test_a_confirmation_kept_without_its_language_is_english() -> None:
    older = {"messages": [{"chat_id": -100, "text": "✅", "confirmation": ["Ann 5", []]}]}
    [message] = Replies.from_json(json.dumps(older)).messages
    assert message.confirmation == Confirmation("Ann 5", (), i18n.DEFAULT_LANGUAGE)
