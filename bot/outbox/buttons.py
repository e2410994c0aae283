"""The bot's inline buttons and what their presses carry (callback data)."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import texts

CHECKIN_BUTTON_DATA = "checkin"


def checkin_keyboard() -> InlineKeyboardMarkup:
    """The ✅ under the daily cue: one tap checks the presser in."""
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(texts.CUE_BUTTON, callback_data=CHECKIN_BUTTON_DATA)]]
    )
