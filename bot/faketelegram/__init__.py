"""A fake Telegram for end-to-end tests, benchmarks and the sandbox.

The real python-telegram-bot ``Application`` talks to it exactly as it talks to Telegram,
either in process (``FakeRequest``) or over HTTP (``FakeTelegramServer``), while tests play
the users through ``FakeTelegram``'s methods. See docs/fake-telegram.md.

It stands apart from the bot it tests: it imports nothing of ``bot`` but ``bot.clock``.
"""

from bot.faketelegram.actions import GROUP_ANONYMOUS_BOT, FakeTelegram, command_entities
from bot.faketelegram.params import ApiError, Params, Upload
from bot.faketelegram.records import (
    GROUP_ANONYMOUS_BOT_ID,
    CallbackRecord,
    Chat,
    FileKind,
    Member,
    Message,
    StoredFile,
    Topic,
    User,
)
from bot.faketelegram.request import FakeRequest
from bot.faketelegram.server import FakeTelegramServer, run_standalone, start_server
from bot.faketelegram.spec import ApiSpec, SpecUnavailable
from bot.faketelegram.world import BotAccount

__all__ = [
    "GROUP_ANONYMOUS_BOT",
    "GROUP_ANONYMOUS_BOT_ID",
    "ApiError",
    "ApiSpec",
    "BotAccount",
    "CallbackRecord",
    "Chat",
    "FakeRequest",
    "FakeTelegram",
    "FakeTelegramServer",
    "FileKind",
    "Member",
    "Message",
    "Params",
    "SpecUnavailable",
    "StoredFile",
    "Topic",
    "Upload",
    "User",
    "command_entities",
    "run_standalone",
    "start_server",
]
