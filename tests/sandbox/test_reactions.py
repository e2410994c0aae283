"""Reactions from the page: a person picks 🔥 under someone's check-in, and with the bot an
admin of the group it counts as a cheer; tapping it again takes it back."""

from __future__ import annotations

from playwright.async_api import Browser, expect

from bot.sandbox.runner import SandboxRunner

from .browser import bot_message, group_id, open_tab, say, user_id, write_as


async def test_a_reaction_from_the_page_cheers(sandbox: SandboxRunner, browser: Browser) -> None:
    tab = await open_tab(browser, sandbox.url)
    page = tab.page
    await expect(bot_message(page, "show up every day")).to_be_visible()
    await page.get_by_role("button", name="Members and settings").click()
    bot_row = page.locator(f'#info [data-member="{sandbox.tg.bot().user.id}"]')
    await bot_row.get_by_role("button", name="Make admin").click()
    await expect(bot_row).to_contain_text("admin")
    await page.get_by_role("button", name="Close").click()

    await write_as(page, "Bob")
    await say(page, "/done 5k")
    await expect(bot_message(page, "day 1")).to_be_visible()
    done = page.locator('#messages .row[data-from-bot="false"]', has_text="/done 5k")

    await write_as(page, "Alice")
    await done.get_by_role("button", name="React", exact=True).click()
    await done.get_by_role("button", name="React 🔥").click()
    alices = done.locator(".reaction", has_text="🔥")
    await expect(alices).to_have_attribute("title", "Alice reacted")
    await expect(alices).to_have_class("reaction mine")
    message = next(m for m in sandbox.tg.messages(group_id(sandbox)) if m.text == "/done 5k")
    assert message.user_reactions == {user_id(sandbox, "Alice"): ["🔥"]}
    await tab.screenshot("reaction-desktop")

    await write_as(page, "Bob")
    await say(page, "/streak")
    await expect(bot_message(page, "Cheers received: 1")).to_be_visible()

    # Alice taps her reaction again: it goes, and the cheer with it.
    await write_as(page, "Alice")
    await alices.click()
    await expect(alices).to_have_count(0)
    assert not message.user_reactions
    await write_as(page, "Bob")
    answers = page.locator('#messages .row[data-from-bot="true"]')
    before = await answers.count()
    await say(page, "/streak")
    await expect(answers).to_have_count(before + 1)
    await expect(answers.last).not_to_contain_text("Cheers received")
    assert tab.errors == []
