"""The sandbox page in a real browser: a newcomer's first minutes with the bot.

Headless Chromium opens the page of a running sandbox (the real bot, the fake Telegram)
and does what a person does: types ``/done``, taps ✅ under the cue, jumps to the next
days, and sees the streak and its milestone, pictures and files. Screenshots of the phone
and desktop layouts are saved under ``test-artifacts/sandbox-page/``.
"""

from __future__ import annotations

import asyncio

from playwright.async_api import Browser, expect

from bot import texts
from bot.render.card import WIDTH
from bot.sandbox.runner import SandboxRunner

from .browser import (
    bot_message,
    fill_dialog,
    group_id,
    jump,
    open_tab,
    say,
    travel_to,
    user_id,
    write_as,
)

# Names as the bot's sentences show them: isolated for bidirectional text.
ALICE = texts.format.isolate("Alice")
BOB = texts.format.isolate("Bob")


async def test_a_streak_in_the_browser(sandbox: SandboxRunner, browser: Browser) -> None:
    tab = await open_tab(browser, sandbox.url)
    page = tab.page
    await expect(bot_message(page, "show up every day")).to_be_visible()
    await expect(page.locator("#clock")).to_contain_text("Mon 2 Mar 2026 · 08:0")
    await expect(page.locator("#chat-name")).to_have_text("Morning Writers")

    # Day 1: Alice types /done; her message is hers (on the right), the bot answers and reacts.
    await write_as(page, "Alice")
    await say(page, "/done wrote 500 words")
    await expect(bot_message(page, f"{ALICE}: day 1")).to_be_visible()
    mine = page.locator("#messages .row.out", has_text="/done wrote 500 words")
    await expect(mine.locator(".reaction")).to_be_visible()
    await expect(bot_message(page, f"{ALICE}: day 1").locator(".quote")).to_contain_text("Alice")

    # The cue comes at 09:00 with its button; Bob taps it and sees the bot's answer.
    await jump(page, "⏭ Next cue", "09:00")
    cue = bot_message(page, "Good morning").last
    await expect(cue).to_be_visible()
    await write_as(page, "Bob")
    await cue.get_by_role("button", name="✅ I did it").click()
    await expect(page.locator(".toast", has_text="Checked in! Streak: 1 day")).to_be_visible()

    # Days 2 and 3: the next cues (the recaps fire on the way), Bob taps again each day.
    for day, clock, streak in ((2, "Tue 3 Mar 2026 · 09:00", "2 days"), (3, "Wed 4 Mar", "3 days")):
        await jump(page, "⏭ Next cue", clock)
        await expect(bot_message(page, "Good morning")).to_have_count(day)
        await expect(bot_message(page, "🌙 Today")).to_have_count(day - 1)
        await (
            bot_message(page, "Good morning").last.get_by_role("button", name="✅ I did it").click()
        )
        await expect(page.locator(".toast", has_text=f"Streak: {streak}")).to_be_visible()
    await expect(bot_message(page, f"{BOB} reached a 3-day streak")).to_be_visible()
    await expect(page.locator("#messages .day", has_text="Wednesday, 4 March 2026")).to_be_visible()

    # Bob asks for the picture of his year and for his data: both show in the chat, the
    # picture as drawn, the file downloads as it was sent.
    await say(page, "/stats")
    image = page.locator("#messages .photo img").last
    await expect(image).to_be_visible()
    assert await image.evaluate("img => img.complete && img.naturalWidth") == WIDTH
    await expect(bot_message(page, "3 days now").locator("b")).to_have_text(BOB)
    await say(page, "/export")
    document = page.locator("#messages a.document", has_text="habitloop-2026-03-04.csv")
    await expect(document).to_be_visible()
    async with page.expect_download() as downloading:
        await document.click()
    download = await downloading.value
    assert download.suggested_filename == "habitloop-2026-03-04.csv"
    saved = await download.path()
    rows = (await asyncio.to_thread(saved.read_text, encoding="utf-8")).splitlines()
    assert rows[0].startswith("date,group,kind")
    assert [row.split(",")[2] for row in rows[1:]] == ["done", "done", "done"]

    await tab.screenshot("streak-desktop")
    phone = await open_tab(browser, sandbox.url, phone=True)
    await expect(bot_message(phone.page, "Your history")).to_be_visible()
    await phone.screenshot("streak-phone")
    await phone.page.get_by_role("button", name="Back to chats").click()
    await expect(phone.page.locator("#chat-list")).to_contain_text("Morning Writers")
    await phone.screenshot("chats-phone")
    assert tab.errors == []
    assert phone.errors == []


async def test_playing_everyone(sandbox: SandboxRunner, browser: Browser) -> None:
    tab = await open_tab(browser, sandbox.url)
    page = tab.page
    group = group_id(sandbox)
    await expect(bot_message(page, "show up every day")).to_be_visible()
    await page.get_by_role("button", name="Members and settings").click()
    info = page.locator("#info")
    bob = info.locator(f'[data-member="{user_id(sandbox, "Bob")}"]')

    # Admin or not, with one click; the chips under the chat show it too.
    await bob.get_by_role("button", name="Make admin").click()
    await expect(page.locator("#writers .writer", has_text="Bob")).to_contain_text("admin")
    assert sandbox.tg.chat(group).status_of(user_id(sandbox, "Bob")) == "administrator"
    await bob.get_by_role("button", name="Remove admin").click()
    await expect(page.locator("#writers .writer", has_text="Bob")).not_to_contain_text("admin")
    assert sandbox.tg.chat(group).status_of(user_id(sandbox, "Bob")) == "member"

    # A new name shows in the chips, and the bot calls them by it.
    chen = user_id(sandbox, "Chen")
    await info.locator(f'[data-member="{chen}"]').get_by_role("button", name="Rename").click()
    await fill_dialog(page, {"First name": "Charlie"}, "Save")
    await write_as(page, "Charlie")
    await say(page, "/done")
    await expect(bot_message(page, f"{texts.format.isolate('Charlie')}: day 1")).to_be_visible()

    # Someone new joins; the bot leaves and comes back.
    await page.locator("#writers").get_by_role("button", name="+ Person").click()
    await fill_dialog(page, {"A new person's first name": "Dana"}, "Add")
    await expect(page.locator("#writers .writer.active")).to_contain_text("Dana")
    await expect(page.locator("#messages .service", has_text="Charlie added Dana")).to_be_visible()
    bot_row = info.locator(f'[data-member="{sandbox.tg.bot().user.id}"]')
    await bot_row.get_by_role("button", name="Remove").click()
    await expect(page.locator("#messages .service", has_text="removed Habitloop")).to_be_visible()
    await expect(page.locator("#chat-sub")).to_contain_text("bot not here")
    await info.get_by_role("button", name="Add Habitloop to the group").click()
    await expect(page.locator("#messages .service", has_text="added Habitloop")).to_have_count(2)
    await expect(page.locator("#chat-sub")).not_to_contain_text("bot not here")
    await bot_row.get_by_role("button", name="Make admin").click()
    await expect(bot_row).to_contain_text("admin")
    await tab.screenshot("members-desktop")
    await page.get_by_role("button", name="Close").click()

    # A basic group, upgraded: one chat in the list, its history kept.
    await page.get_by_role("button", name="New group").click()
    await fill_dialog(page, {"Group name": "Old School", "Kind": "group"}, "Create")
    await expect(page.locator("#chat-name")).to_have_text("Old School")
    await expect(bot_message(page, "show up every day")).to_be_visible()
    await page.get_by_role("button", name="Members and settings").click()
    await info.get_by_role("button", name="Upgrade to a supergroup").click()
    await expect(page.locator("#messages .service", has_text="Upgraded from")).to_be_visible()
    await expect(bot_message(page, "show up every day")).to_be_visible()
    await expect(page.locator("#chat-sub")).to_contain_text("supergroup")
    await expect(page.locator("#chat-list .chat-item", has_text="Old School")).to_have_count(1)
    await page.get_by_role("button", name="Close").click()

    # A forum: topics to switch between, and the bot answers inside the topic.
    await page.get_by_role("button", name="New group").click()
    await fill_dialog(page, {"Group name": "Book Club", "Kind": "forum"}, "Create")
    await expect(bot_message(page, "show up every day")).to_be_visible()
    await page.locator("#topics").get_by_role("button", name="+ Topic").click()
    await fill_dialog(page, {"Topic name": "Daily pages"}, "Create")
    await expect(page.locator("#topics .topic.active")).to_have_text("# Daily pages")
    await expect(page.locator("#messages .service", has_text="created the topic")).to_be_visible()
    await write_as(page, "Alice")
    await say(page, "/done read 20 pages")
    await expect(bot_message(page, f"{ALICE}: day 1")).to_be_visible()
    await tab.screenshot("forum-desktop")
    await page.locator("#topics").get_by_role("button", name="# General").click()
    await expect(bot_message(page, "show up every day")).to_be_visible()
    await expect(bot_message(page, f"{ALICE}: day 1")).to_have_count(0)

    # A private chat with the bot, as the current member.
    await page.get_by_role("button", name="Message the bot privately as Alice").click()
    await expect(page.locator("#chat-name")).to_contain_text("Alice's chat")
    await say(page, "/start")
    await expect(bot_message(page, "accountability group")).to_be_visible()
    assert sandbox.tg.bot_messages(user_id(sandbox, "Alice"))
    await tab.screenshot("private-desktop")

    phone = await open_tab(browser, sandbox.url, phone=True)
    await phone.page.get_by_role("button", name="Back to chats").click()
    await phone.page.locator("#chat-list .chat-item", has_text="Book Club").click()
    await phone.page.locator("#topics").get_by_role("button", name="# Daily pages").click()
    await expect(bot_message(phone.page, f"{ALICE}: day 1")).to_be_visible()
    await phone.screenshot("forum-phone")
    await phone.page.get_by_role("button", name="Members and settings").click()
    await phone.screenshot("members-phone")
    assert tab.errors == []
    assert phone.errors == []


async def test_the_time_controls(sandbox: SandboxRunner, browser: Browser) -> None:
    tab = await open_tab(browser, sandbox.url)
    page = tab.page
    await expect(bot_message(page, "show up every day")).to_be_visible()
    await jump(page, "🌙 Recap", "Mon 2 Mar 2026 · 21:00")
    await expect(bot_message(page, "Good morning")).to_have_count(1)
    await expect(bot_message(page, "🌙 Today")).to_have_count(1)
    # Nobody checks in: after the first day, a short cue a day and no recap.
    await jump(page, "☀️ Tomorrow 09:00", "Tue 3 Mar 2026 · 09:00")
    await expect(bot_message(page, "New day, fresh start")).to_have_count(1)
    await jump(page, "+1 week", "Tue 10 Mar 2026 · 09:0")
    await expect(bot_message(page, "New day, fresh start")).to_have_count(8)
    await expect(bot_message(page, "🌙 Today")).to_have_count(1)
    await travel_to(page, "2026-03-12", "21:30")
    await expect(page.locator("#clock")).to_contain_text("Thu 12 Mar 2026 · 21:3")
    await expect(bot_message(page, "New day, fresh start")).to_have_count(10)
    await expect(bot_message(page, "Good morning")).to_have_count(1)
    await tab.screenshot("time-desktop")

    # Backwards is refused, with the reason shown.
    await travel_to(page, "2026-03-01", "09:00")
    await expect(page.locator(".toast.error")).to_contain_text("time only moves forward")

    await page.get_by_role("button", name="↺ Reset").click()
    await fill_dialog(page, {}, "Reset")
    await expect(page.locator("#clock")).to_contain_text("Mon 2 Mar 2026 · 08:0")
    await expect(bot_message(page, "Good morning")).to_have_count(0)
    await expect(bot_message(page, "show up every day")).to_have_count(1)
    await expect(page.locator("#chat-name")).to_have_text("Morning Writers")
    phone = await open_tab(browser, sandbox.url, phone=True)
    await expect(bot_message(phone.page, "show up every day")).to_be_visible()
    await phone.screenshot("time-phone")
    assert tab.errors == []
    assert phone.errors == []


async def test_only_telegrams_formatting_reaches_the_page(
    sandbox: SandboxRunner, browser: Browser
) -> None:
    tab = await open_tab(browser, sandbox.url)
    page = tab.page
    tg = sandbox.tg
    chat = tg.chat(group_id(sandbox))
    await expect(bot_message(page, "show up every day")).to_be_visible()
    # What a bot may send: Telegram's entities, one of them a link to a javascript: address.
    text = "Bold, spoiler, code, quote and a link and Alice"
    entities = [
        {"type": "bold", "offset": 0, "length": 4},
        {"type": "spoiler", "offset": 6, "length": 7},
        {"type": "code", "offset": 15, "length": 4},
        {"type": "blockquote", "offset": 21, "length": 5},
        {"type": "text_link", "offset": 33, "length": 4, "url": "javascript:alert(1)"},
        {"type": "text_link", "offset": 42, "length": 5, "url": "tg://user?id=100000002"},
    ]
    held = tg.new_message(chat, tg.bot().user, from_bot=True, text=text, entities=entities)
    tg.push_message(chat, held)
    shown = bot_message(page, "spoiler").locator(".text")
    await expect(shown.locator("b")).to_have_text("Bold")
    await expect(shown.locator(".spoiler")).to_have_text("spoiler")
    await expect(shown.locator("code")).to_have_text("code")
    await expect(shown.locator("blockquote")).to_have_text("quote")
    await expect(shown.locator(".mention")).to_have_text("Alice")
    assert await shown.locator("a").count() == 0  # the javascript: link lost its address
    # What a person types is text, whatever it looks like.
    await write_as(page, "Bob")
    typed = '<img src=x onerror="document.title=1"> <b>not bold</b>'
    await say(page, typed)
    own = page.locator("#messages .row.out").last
    await expect(own.locator(".text")).to_contain_text(typed)
    assert await own.locator("img, b").count() == 0
    # A reply quotes what it answers.
    await bot_message(page, "spoiler").get_by_role("button", name="Reply").click()
    await expect(page.locator("#reply-preview")).to_contain_text("Reply to Habitloop")
    await say(page, "nice")
    answer = page.locator("#messages .row.out", has_text="nice")
    await expect(answer.locator(".quote")).to_contain_text("Bold, spoiler")
    assert tg.messages(chat.id)[-1].reply_to == held.message_id
    # The bot "typing..." shows where Telegram shows it, under the chat's name.
    await sandbox.bot.app.bot.send_chat_action(chat.id, "typing")
    await expect(page.locator("#chat-sub")).to_have_text("Habitloop is typing…")
    assert await page.title() == "Habitloop sandbox"
    assert tab.errors == []


async def test_the_page_says_when_the_sandbox_is_gone(
    sandbox: SandboxRunner, browser: Browser
) -> None:
    tab = await open_tab(browser, sandbox.url)
    await expect(bot_message(tab.page, "show up every day")).to_be_visible()
    await expect(tab.page.locator("#offline")).to_be_hidden()
    await sandbox.stop()
    await expect(tab.page.locator("#offline")).to_contain_text("Can't reach the sandbox")
