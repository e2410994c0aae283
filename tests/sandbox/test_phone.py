"""The page on a phone, 360 to 430 px wide, and on a desktop: whatever is said, it fits.

A long preview in the chat list once stretched the list to thousands of pixels and pushed
"New group" off screen; a toast covered the chat's header. Each stage of a conversation (a
fresh start, a long /help, a 4,000-character message and a reply quoting it) is checked at
three phone widths, in the chat and in the chat list, and on a desktop. Screenshots of each
stage are saved under ``test-artifacts/sandbox-page/``.
"""

from __future__ import annotations

from playwright.async_api import Browser, Page, ViewportSize, expect

from bot.sandbox.runner import SandboxRunner

from .browser import PHONE, Tab, bot_message, jump, layout_problems, open_tab, say, write_as

PHONE_WIDTHS = (360, 390, 430)
# A message as long as a person can send (Telegram takes 4,096): a link without a single
# space to break at, then words.
LINK = "https://example.org/" + "streak" * 50
LONG = (LINK + " " + "day after day, " * 300)[:4000]


async def show_chat(page: Page) -> None:
    if await page.locator("#chat-list").is_visible():
        await page.locator("#chat-list .chat-item").first.click()
    await expect(page.locator("#messages")).to_be_visible()


async def show_chat_list(page: Page) -> None:
    await page.get_by_role("button", name="Back to chats").click()
    await expect(page.locator("#chat-list")).to_be_visible()


async def assert_fits(phone: Tab, desktop: Tab, stage: str) -> None:
    """At every phone width, the chat and the chat list fit; so does the desktop."""
    page = phone.page
    for width in PHONE_WIDTHS:
        await page.set_viewport_size(ViewportSize(width=width, height=PHONE["height"]))
        await show_chat(page)
        assert await layout_problems(page) == [], f"{stage}, chat, {width} px"
        await show_chat_list(page)
        assert await layout_problems(page) == [], f"{stage}, chat list, {width} px"
        new_group = await page.get_by_role("button", name="New group").bounding_box()
        assert new_group is not None
        assert new_group["x"] + new_group["width"] <= width, f"{stage}: New group off screen"
    await page.set_viewport_size(PHONE)
    await phone.screenshot(f"phone-{stage}-chats")
    await show_chat(page)
    await phone.screenshot(f"phone-{stage}")
    assert await layout_problems(desktop.page) == [], f"{stage}, desktop"
    await desktop.screenshot(f"desktop-{stage}")


async def test_any_message_fits_a_phone_and_a_desktop(
    sandbox: SandboxRunner, browser: Browser
) -> None:
    phone = await open_tab(browser, sandbox.url, phone=True)
    desktop = await open_tab(browser, sandbox.url)
    for tab in (phone, desktop):
        await expect(bot_message(tab.page, "show up every day")).to_be_visible()
    await assert_fits(phone, desktop, "fresh")

    await say(phone.page, "/help")
    for tab in (phone, desktop):
        await expect(bot_message(tab.page, "/timezone")).to_be_visible()
    await assert_fits(phone, desktop, "help")

    await write_as(phone.page, "Alice")
    await say(phone.page, LONG)
    await expect(phone.page.locator("#messages .row.out", has_text=LINK[:40])).to_be_visible()
    # Bob replies to it: the reply bar, then his message quoting it.
    await write_as(phone.page, "Bob")
    long = phone.page.locator("#messages .row", has_text=LINK[:40]).first
    await long.get_by_role("button", name="Reply").click()
    await expect(phone.page.locator("#reply-preview")).to_contain_text("Reply to Alice")
    assert await layout_problems(phone.page) == [], "the reply bar"
    await say(phone.page, "/done " + LONG[:3000])
    answer = phone.page.locator("#messages .row.out", has_text="/done https://")
    await expect(answer.locator(".quote")).to_contain_text("Alice")
    for tab in (phone, desktop):
        await expect(bot_message(tab.page, "day 1")).to_be_visible()
    await assert_fits(phone, desktop, "long")
    assert phone.errors == []
    assert desktop.errors == []


async def test_a_button_answer_leaves_the_header_in_sight(
    sandbox: SandboxRunner, browser: Browser
) -> None:
    for phone in (True, False):
        tab = await open_tab(browser, sandbox.url, phone=phone)
        page = tab.page
        await expect(bot_message(page, "show up every day")).to_be_visible()
        if phone:
            await jump(page, "⏭ Next cue", "09:00")
        await write_as(page, "Bob" if phone else "Chen")
        await bot_message(page, "Good morning").get_by_role("button", name="✅ I did it").click()
        toast = page.locator(".toast", has_text="Checked in!")
        await expect(toast).to_be_visible()
        shown = await toast.bounding_box()
        header = await page.locator(".chat-head").bounding_box()
        assert shown is not None
        assert header is not None
        assert shown["y"] >= header["y"] + header["height"], "the toast covers the header"
        await tab.screenshot(f"toast-{'phone' if phone else 'desktop'}")
        assert tab.errors == []
