"""The page shows what Telegram would: the "/" menu a person is given, the quotes the bot
asked for, the page's own 24-hour time, and emoji in colour on any machine."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.async_api import Browser, Page, expect
from telegram import BotCommandScopeAllChatAdministrators, BotCommandScopeAllGroupChats

from bot.sandbox.runner import SandboxRunner

from .browser import (
    bot_message,
    chromium,
    jump,
    open_tab,
    say,
    travel_to,
    user_id,
    write_as,
)


async def menu(page: Page) -> list[str]:
    """The commands the "/" button offers, opened and closed again."""
    await page.get_by_role("button", name="Bot commands").click()
    shown = page.locator("#command-menu")
    await expect(shown).to_be_visible()
    commands = await shown.locator("b").all_text_contents()
    await page.get_by_role("button", name="Bot commands").click()
    await expect(shown).to_be_hidden()
    return commands


async def test_admins_see_the_admins_menu(sandbox: SandboxRunner, browser: Browser) -> None:
    # The fake answers getMyCommands by scope, as the bot set them.
    bot = sandbox.bot.app.bot
    admins = await bot.get_my_commands(scope=BotCommandScopeAllChatAdministrators())
    members = await bot.get_my_commands(scope=BotCommandScopeAllGroupChats())
    assert "settings" in [c.command for c in admins]
    assert "settings" not in [c.command for c in members]

    tab = await open_tab(browser, sandbox.url)
    page = tab.page
    await expect(bot_message(page, "show up every day")).to_be_visible()
    await write_as(page, "Olga")  # the owner
    owners = await menu(page)
    assert owners[0] == "/done"
    assert "/settings" in owners
    await write_as(page, "Alice")
    assert "/settings" not in await menu(page)
    # Made an admin, Bob gets the admins' menu; typing filters it.
    await page.get_by_role("button", name="Members and settings").click()
    bob = page.locator(f'#info [data-member="{user_id(sandbox, "Bob")}"]')
    await bob.get_by_role("button", name="Make admin").click()
    await expect(bob).to_contain_text("admin")
    await page.get_by_role("button", name="Close").click()
    await write_as(page, "Bob")
    assert "/settings" in await menu(page)
    await page.locator("#text").press_sequentially("/se")
    await expect(page.locator("#command-menu b")).to_have_text(["/settings"])
    await page.locator("#text").fill("")
    # A private chat has the private menu.
    await page.get_by_role("button", name="Message the bot privately as Bob").click()
    await expect(page.locator("#chat-name")).to_contain_text("Bob's chat")
    private = await menu(page)
    assert private[0] == "/start"
    assert "/done" not in private
    assert tab.errors == []


async def test_private_answers_quote_nothing(sandbox: SandboxRunner, browser: Browser) -> None:
    tab = await open_tab(browser, sandbox.url)
    page = tab.page
    await expect(bot_message(page, "show up every day")).to_be_visible()
    await write_as(page, "Alice")
    await page.get_by_role("button", name="Message the bot privately as Alice").click()
    await say(page, "/start")
    await expect(bot_message(page, "accountability group")).to_be_visible()
    alice = user_id(sandbox, "Alice")
    # A message of the bot's that answers nothing, as a reminder is.
    await sandbox.bot.app.bot.send_message(alice, "A nudge that quotes nothing")
    await say(page, "/help")
    await expect(bot_message(page, "accountability group")).to_have_count(2)
    await expect(bot_message(page, "A nudge")).to_be_visible()
    # A private chat is a conversation of two: the bot's answers there quote nothing (in a
    # group they quote what they answer: tests/sandbox/test_page.py).
    sent = sandbox.tg.bot_messages(alice)
    assert [m.reply_to is not None for m in sent] == [False, False, False]
    for message in sent:
        row = page.locator(f'#messages .row[data-message="{message.message_id}"]')
        quoted = row.locator(".quote")
        await expect(quoted).to_have_count(1 if message.reply_to else 0)
        if message.reply_to:
            replied = next(
                m for m in sandbox.tg.messages(alice) if m.message_id == message.reply_to
            )
            await expect(quoted).to_contain_text(replied.text or "")
    await tab.screenshot("private-quotes-desktop")
    assert tab.errors == []


async def test_the_date_picker_is_24_hour(sandbox: SandboxRunner, browser: Browser) -> None:
    # Playwright's browser speaks American English, whose own time fields are 12-hour.
    tab = await open_tab(browser, sandbox.url, phone=True)
    page = tab.page
    assert await page.evaluate("navigator.language") == "en-US"
    await expect(bot_message(page, "show up every day")).to_be_visible()
    when = page.get_by_label("Jump to time (24-hour)")
    await expect(when).to_have_value("09:00")
    assert await when.get_attribute("type") == "text"
    await expect(page.get_by_label("Jump to date", exact=True)).to_have_value("2026-03-03")
    await when.fill("9:30 PM")
    assert await when.evaluate("input => input.validity.patternMismatch")
    await travel_to(page, "2026-03-02", "21:30")
    await expect(page.locator("#clock")).to_contain_text("Mon 2 Mar 2026 · 21:3")
    await expect(bot_message(page, "Good morning")).to_have_count(1)
    await tab.screenshot("picker-phone")
    assert tab.errors == []


# Fontconfig as on a machine with no colour-emoji font: every colour font is left out.
NO_COLOUR_FONTS = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <selectfont>
    <rejectfont>
      <glob>*Emoji*</glob>
      <pattern><patelt name="color"><bool>true</bool></patelt></pattern>
    </rejectfont>
  </selectfont>
</fontconfig>
"""


async def fonts_of(page: Page, selector: str) -> list[dict[str, Any]]:
    """The fonts Chromium drew the text of the first ``selector`` with."""
    cdp = await page.context.new_cdp_session(page)
    await cdp.send("DOM.enable")
    await cdp.send("CSS.enable")
    root = await cdp.send("DOM.getDocument", {"depth": -1})
    node = await cdp.send(
        "DOM.querySelector", {"nodeId": root["root"]["nodeId"], "selector": selector}
    )
    used = await cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})
    fonts: list[dict[str, Any]] = used["fonts"]
    return fonts


async def test_emoji_are_drawn_without_a_colour_emoji_font(
    sandbox: SandboxRunner, tmp_path: Path
) -> None:
    config = tmp_path / "fonts.conf"
    config.write_text(NO_COLOUR_FONTS, encoding="utf-8")
    async with chromium(env={"FONTCONFIG_FILE": str(config), "HOME": str(tmp_path)}) as browser:
        # The machine has none: an emoji on a page of its own gets no colour font.
        plain = await browser.new_page()
        await plain.set_content("<p id=e>✅</p>")
        assert all("Emoji" not in f["familyName"] for f in await fonts_of(plain, "#e"))

        tab = await open_tab(browser, sandbox.url, phone=True)
        page = tab.page
        await expect(bot_message(page, "show up every day")).to_be_visible()
        await jump(page, "⏭ Next cue", "09:00")
        await expect(bot_message(page, "Good morning")).to_be_visible()
        await page.evaluate("document.fonts.ready.then(() => true)")
        for selector in (
            ".clock-face",  # 🕒 in the time bar
            '#messages .row[data-from-bot="true"] .text',  # 👋 in the bot's hello
            "#messages .keyboard button",  # ✅ I did it
        ):
            drawn = [
                f for f in await fonts_of(page, selector) if f["familyName"] == "Twemoji Mozilla"
            ]
            assert drawn, f"{selector}: {await fonts_of(page, selector)}"
            assert drawn[0]["isCustomFont"], "the page's own font, not the machine's"
        # Letters and digits stay in the text font.
        assert all(f["familyName"] != "Twemoji Mozilla" for f in await fonts_of(page, "#clock"))
        await tab.screenshot("emoji-without-a-colour-font-phone")
        assert tab.errors == []


async def test_the_menu_offers_target_and_it_works(
    sandbox: SandboxRunner, browser: Browser
) -> None:
    members = await sandbox.bot.app.bot.get_my_commands(scope=BotCommandScopeAllGroupChats())
    assert "target" in [c.command for c in members]
    tab = await open_tab(browser, sandbox.url)
    page = tab.page
    await expect(bot_message(page, "show up every day")).to_be_visible()
    await write_as(page, "Alice")
    assert "/target" in await menu(page)
    await say(page, "/target 3")
    await expect(bot_message(page, "your target is 3 times a week from")).to_be_visible()
    assert tab.errors == []
