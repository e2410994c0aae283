"""Telegram's limits on what a bot sends, with Telegram's own error descriptions.

Every rule here is one the real Telegram enforces, so code that passes against the fake
does not get refused in production for a reason the tests could have shown.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from bot.faketelegram.html_entities import HtmlError, parse_html
from bot.faketelegram.params import ApiError, Params, bad_request

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64
MAX_CALLBACK_ANSWER = 200

# From the Bot API's description of ReactionTypeEmoji.
_REACTION_TEXT = (
    "❤ 👍 👎 🔥 🥰 👏 😁 🤔 🤯 😱 🤬 😢 🎉 🤩 🤮 💩 🙏 👌 🕊 🤡 🥱 🥴 😍 🐳 ❤\u200d🔥 🌚 🌭 💯 "
    "🤣 ⚡ 🍌 🏆 💔 🤨 😐 🍓 🍾 💋 🖕 😈 😴 😭 🤓 👻 👨\u200d💻 👀 🎃 🙈 😇 😨 🤝 ✍ 🤗 🫡 "
    "🎅 🎄 ☃ 💅 🤪 🗿 🆒 💘 🙉 🦄 😘 💊 🙊 😎 👾 🤷\u200d♂ 🤷 🤷\u200d♀ 😡"
)
REACTIONS = frozenset(_REACTION_TEXT.split(" "))
# How many reactions one person may set on a message (Telegram Premium's; others get one).
MAX_USER_REACTIONS = 3

CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)

_COMMAND_RE = re.compile(r"^[a-z0-9_]{1,32}$")


class UnsupportedByFake(ApiError):
    """Something Telegram does but this fake does not; recorded so the test notices."""

    def __init__(self, what: str) -> None:
        super().__init__(400, f"Bad Request: not supported by the fake Telegram: {what}")


def formatted_text(
    params: Params, text_field: str, entities_field: str, *, caption: bool = False
) -> tuple[str | None, list[dict[str, Any]]]:
    """Read a text or caption with its parse_mode or explicit entities, and check its length."""
    source = params.string(text_field)
    if source is None:
        if caption:
            return None, []
        raise bad_request("message text is empty")
    parse_mode = params.string("parse_mode")
    entities: list[dict[str, Any]] = []
    if parse_mode:
        if parse_mode.lower() != "html":
            if parse_mode.lower() in ("markdown", "markdownv2"):
                raise UnsupportedByFake(f"parse_mode {parse_mode} (use HTML)")
            raise bad_request("unsupported parse_mode")
        try:
            text, entities = parse_html(source)
        except HtmlError as exc:
            raise bad_request(f"can't parse entities: {exc}") from None
    else:
        text = source
        explicit = params.json(entities_field)
        if explicit is not None:
            if not isinstance(explicit, list):
                raise bad_request(f"can't parse {entities_field} JSON object")
            entities = [dict(e) for e in explicit if isinstance(e, dict)]
    if not text.strip():
        if caption:
            return None, []
        raise bad_request("message text is empty")
    if len(text) > (MAX_CAPTION if caption else MAX_TEXT):
        raise bad_request("message caption is too long" if caption else "message is too long")
    return text, entities


def inline_markup(params: Params) -> dict[str, Any] | None:
    """Check an inline keyboard as Telegram does; other keyboards are kept as sent."""
    if not params.has("reply_markup"):
        return None
    try:
        markup = params.json("reply_markup")
    except ApiError:
        raise bad_request("can't parse reply keyboard markup JSON object") from None
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" not in markup:
        return markup
    rows = markup["inline_keyboard"]
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request(
            'field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays'
        )
    for row in rows:
        for button in row:
            _check_button(button)
    return markup


def _check_button(button: Any) -> None:
    if not isinstance(button, dict):
        raise bad_request("can't parse inline keyboard button: InlineKeyboardButton expected")
    if not str(button.get("text", "")).strip():
        raise bad_request("BUTTON_TEXT_INVALID")
    if "callback_data" in button:
        data = button["callback_data"]
        size = len(str(data).encode())
        if not isinstance(data, str) or not 1 <= size <= MAX_CALLBACK_DATA:
            raise bad_request("BUTTON_DATA_INVALID")
        return
    if "url" in button:
        parts = urlsplit(str(button["url"]))
        if parts.scheme not in ("http", "https", "tg") or not (parts.netloc or parts.path):
            raise bad_request("BUTTON_URL_INVALID")
        return
    actions = {
        "login_url",
        "switch_inline_query",
        "switch_inline_query_current_chat",
        "switch_inline_query_chosen_chat",
        "copy_text",
        "callback_game",
        "pay",
        "web_app",
    }
    if not actions & set(button):
        raise bad_request(
            "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
        )


def bot_commands(params: Params) -> list[dict[str, str]]:
    """The command list of setMyCommands, checked like Telegram checks it."""
    commands = params.json("commands")
    if not isinstance(commands, list):
        raise bad_request("can't parse commands JSON object")
    if len(commands) > 100:
        raise bad_request("too many commands")
    checked: list[dict[str, str]] = []
    for entry in commands:
        if not isinstance(entry, dict):
            raise bad_request("can't parse BotCommand")
        command = str(entry.get("command", "")).lstrip("/")
        description = str(entry.get("description", "")).strip()
        if not _COMMAND_RE.match(command):
            raise bad_request("BOT_COMMAND_INVALID")
        if not 1 <= len(description) <= 256:
            raise bad_request("command description must be non-empty")
        checked.append({"command": command, "description": description})
    return checked
