"""The button that opens the Mini App for a group: a ``t.me/<bot>/<app>?startapp=<token>``
link (a group's message can't carry a ``web_app`` button), the token naming the group
without its id (``bot.domain.app_links``). None while the app is off."""

from __future__ import annotations

from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import texts
from bot.domain.app_links import group_token


@dataclass
class AppLinks:
    key: bytes
    app_name: str
    on: bool  # MINI_APP_URL is set
    username: str | None = None  # the bot's, known once it started

    def link(self, chat_id: int) -> str | None:
        if not self.on or not self.username:
            return None
        token = group_token(self.key, chat_id)
        return f"https://t.me/{self.username}/{self.app_name}?startapp={token}"

    def keyboard(self, chat_id: int) -> InlineKeyboardMarkup | None:
        """The button, in the language of the moment."""
        link = self.link(chat_id)
        if link is None:
            return None
        return InlineKeyboardMarkup([[InlineKeyboardButton(texts.app.open_app(), url=link)]])
