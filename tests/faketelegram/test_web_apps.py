"""Mini Apps as Telegram does them: initData signed with the bot's token, the app opened with
it, direct links, and the private chats' menu button."""

from __future__ import annotations

import hashlib
import hmac
import json
from urllib.parse import parse_qs, parse_qsl, urlsplit

import pytest
from telegram import Bot, MenuButtonWebApp, WebAppInfo
from telegram.error import BadRequest

from bot.faketelegram import FakeTelegram, User
from bot.faketelegram.web_apps import DARK_THEME

from .conftest import TOKEN


def signature_holds(init_data: str, token: str) -> bool:
    """The Bot API's check, written out here on its own."""
    fields = dict(parse_qsl(init_data))
    given = fields.pop("hash")
    check = "\n".join(f"{k}={v}" for k, v in sorted(fields.items()))
    secret = hmac.new(b"WebAppData", token.encode(), hashlib.sha256).digest()
    return hmac.compare_digest(given, hmac.new(secret, check.encode(), hashlib.sha256).hexdigest())


def test_init_data_is_signed_with_the_bots_token(tg: FakeTelegram, alice: User) -> None:
    data = tg.init_data(alice, start_param="g1")
    assert signature_holds(data, TOKEN)
    assert not signature_holds(data, "654321:" + "B" * 35)
    fields = dict(parse_qsl(data))
    assert json.loads(fields["user"])["id"] == alice.id
    assert fields["auth_date"] == str(tg.now_ts())
    assert fields["start_param"] == "g1"


def test_a_direct_link_opens_the_registered_app_with_its_parameter(
    tg: FakeTelegram, alice: User
) -> None:
    tg.register_web_app("app", "https://bot.example/app")
    url = tg.open_link(alice, "https://t.me/habitloop_bot/app?startapp=abc", dark=True)
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == "https://bot.example/app"
    launch = parse_qs(parts.fragment)
    assert dict(parse_qsl(launch["tgWebAppData"][0]))["start_param"] == "abc"
    assert json.loads(launch["tgWebAppThemeParams"][0]) == DARK_THEME
    with pytest.raises(LookupError):
        tg.open_link(alice, "https://t.me/habitloop_bot/other")


async def test_the_menu_button_opens_an_https_app(tg: FakeTelegram, bot: Bot) -> None:
    button = MenuButtonWebApp("Open", WebAppInfo("https://bot.example/app"))
    assert await bot.set_chat_menu_button(menu_button=button)
    assert tg.bot().menu_buttons[0]["web_app"]["url"] == "https://bot.example/app"
    assert (await bot.get_chat_menu_button()).type == "web_app"
    with pytest.raises(BadRequest):
        await bot.set_chat_menu_button(
            menu_button=MenuButtonWebApp("Open", WebAppInfo("http://bot.example/app"))
        )
