"""A check-in with proof on the sandbox page: a sample photo captioned /done, then the same
photo again, refused with the day it counted on."""

from __future__ import annotations

from playwright.async_api import Browser, expect

from bot import texts
from bot.sandbox.runner import SandboxRunner

from .browser import bot_message, layout_problems, open_tab, send_sample, write_as

ALICE = texts.format.isolate("Alice")


async def test_a_photo_with_done_as_its_caption(sandbox: SandboxRunner, browser: Browser) -> None:
    tab = await open_tab(browser, sandbox.url)
    page = tab.page
    await expect(bot_message(page, "show up every day")).to_be_visible()
    await write_as(page, "Alice")
    await send_sample(page, "run", "/done ran 5k")
    mine = page.locator("#messages .row.out", has_text="/done ran 5k")
    image = mine.locator(".photo img")
    await expect(image).to_be_visible()
    assert await image.evaluate("img => img.complete && img.naturalWidth") == 480
    await expect(mine.locator(".reaction")).to_be_visible()
    await expect(bot_message(page, f"{ALICE}: day 1")).to_be_visible()

    await send_sample(page, "run", "/done again")
    await expect(bot_message(page, "That photo was already counted on March 2")).to_be_visible()
    await tab.screenshot("proof-desktop")
    assert await layout_problems(page) == []

    phone = await open_tab(browser, sandbox.url, phone=True)
    await phone.page.get_by_role("button", name="Send a photo", exact=True).click()
    await expect(phone.page.get_by_role("menuitem", name="Send the salad photo")).to_be_visible()
    assert await layout_problems(phone.page) == []
    await phone.screenshot("proof-picker-phone")
    assert tab.errors == []
    assert phone.errors == []
