"""The "/" menus Telegram shows beside the message box, set at every start.

One menu per kind of chat (groups, private chats, and groups as their admins see them), each
in every language the bot speaks: Telegram shows a person the one in their app's language,
and the one without a language (English) to everyone else. Command names stay the same in
every language; only their descriptions (bot.texts.help) are translated.

A new command goes into the lists below, and its description into bot.texts.help
(docs/translating.md).
"""

from __future__ import annotations

import asyncio
from typing import Any

from telegram import (
    Bot,
    BotCommand,
    BotCommandScope,
    BotCommandScopeAllChatAdministrators,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    MenuButtonWebApp,
    WebAppInfo,
)

from bot import i18n, texts

# What a member can do in a group, most used first.
GROUP_COMMANDS = (
    "done",
    "fail",
    "streak",
    "goal",
    "goals",
    "plan",
    "challenge",
    "target",
    "top",
    "stats",
    "cheer",
    "buddy",
    "break",
    "undo",
    "timezone",
    "remind",
    "export",
    "forgetme",
    "help",
)
# Admins see the group's commands and the settings (members can't change them).
ADMIN_COMMANDS = (*GROUP_COMMANDS, "settings")
# What works in a private chat with the bot: the reminder, its time zone, the whole history.
PRIVATE_COMMANDS = ("start", "remind", "timezone", "export", "help")

MENUS: tuple[tuple[BotCommandScope, tuple[str, ...]], ...] = (
    (BotCommandScopeAllGroupChats(), GROUP_COMMANDS),
    (BotCommandScopeAllPrivateChats(), PRIVATE_COMMANDS),
    (BotCommandScopeAllChatAdministrators(), ADMIN_COMMANDS),
)


def menu(commands: tuple[str, ...], language: str) -> list[BotCommand]:
    with i18n.speaking(language):
        return [BotCommand(name, texts.help.command_description(name)) for name in commands]


async def set_menus(bot: Bot) -> None:
    """Every menu in every language; the one without a language is English. The menu of
    the default scope (which earlier versions set) is removed: these cover every chat."""
    calls: list[Any] = [bot.delete_my_commands()]
    for scope, commands in MENUS:
        calls.append(bot.set_my_commands(menu(commands, i18n.DEFAULT_LANGUAGE), scope=scope))
        for language in i18n.LANGUAGES:
            calls.append(
                bot.set_my_commands(
                    menu(commands, language),
                    scope=scope,
                    language_code=i18n.telegram_code(language),
                )
            )
    await asyncio.gather(*calls)


async def set_app_menu_button(bot: Bot, url: str) -> None:
    """The private chat's menu button opens the Mini App (every private chat's default)."""
    with i18n.speaking(i18n.DEFAULT_LANGUAGE):
        text = texts.app.open_app()
    await bot.set_chat_menu_button(menu_button=MenuButtonWebApp(text, WebAppInfo(url)))
