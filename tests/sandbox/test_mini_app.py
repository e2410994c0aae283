"""The Mini App in a real browser, opened as Telegram opens it: a member taps the button
under /stats and sees their year and a day's details; an admin changes the cue time in the
form and the group is told; a member's form is read-only, and what Telegram did not sign is
refused; the group page shows the challenge and the quest. Screenshots of the three pages,
light and dark, go to ``test-artifacts/mini-app/``.
"""

from __future__ import annotations

from pathlib import Path

from playwright.async_api import Browser, Frame, FrameLocator, Page, ViewportSize, expect

from bot.sandbox.runner import SandboxRunner

from .browser import (
    _LAYOUT_PROBLEMS,
    PHONE,
    bot_message,
    jump,
    open_tab,
    say,
    send_sample,
    write_as,
)

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "mini-app"
# What the app's own script sends with each call (to try it changed, or later).
_CALL = """
async ([path, initData, body]) => {
  const response = await fetch(`/app/api/${path}`, {
    method: body ? "POST" : "GET",
    headers: { Authorization: `tma ${initData}`, "Content-Type": "application/json" },
    body: body ? JSON.stringify(body) : undefined,
  });
  return [response.status, await response.text()];
}
"""


async def open_app_under(page: Page, containing: str) -> FrameLocator:
    """Tap the "open the app" button under the bot's latest message ``containing``."""
    await bot_message(page, containing).last.get_by_role("button", name="📱").click()
    await expect(page.locator("#mini-app")).to_be_visible()
    app = page.frame_locator("#mini-app-frame")
    await expect(app.locator("#page[data-ready]")).to_be_attached()
    return app


async def frame_of(page: Page) -> Frame:
    handle = await page.locator("#mini-app-frame").element_handle()
    assert handle is not None
    frame = await handle.content_frame()
    assert frame is not None
    return frame


async def shoot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    await page.locator("#mini-app").screenshot(path=str(ARTIFACTS / f"{name}.png"))


async def fits(page: Page) -> None:
    """Nothing of the app sticks out of its panel or scrolls sideways."""
    problems = await (await frame_of(page)).evaluate(_LAYOUT_PROBLEMS)
    assert problems == []


async def tab_to(app: FrameLocator, name: str) -> None:
    await app.locator(f'#tabs button[data-page="{name}"]').click()
    await expect(app.locator(f'#page[data-ready="{name}"]')).to_be_attached()


async def test_a_member_opens_their_year_and_a_days_details(
    sandbox: SandboxRunner, browser: Browser
) -> None:
    tab = await open_tab(browser, sandbox.url, phone=True)
    page = tab.page
    await write_as(page, "Alice")
    await send_sample(page, "run", "/done the first chapter")  # with a photo
    await expect(bot_message(page, "day 1")).to_be_visible()
    # Two days later, again: the day between is a miss (a freeze is not earned yet).
    await jump(page, "☀️ Tomorrow 09:00", "09:00")
    await jump(page, "☀️ Tomorrow 09:00", "09:00")
    await say(page, "/done")
    await expect(bot_message(page, "day 1").last).to_be_visible()
    await say(page, "/stats")
    app = await open_app_under(page, "📊")
    await expect(app.locator("#tabs button").first).to_have_text("My year")
    await expect(app.locator(".tile", has_text="Current streak")).to_contain_text("1")
    await expect(app.locator(".tile", has_text="Best streak")).to_contain_text("1")
    await expect(app.locator("#heatmap .cell.checked_in")).to_have_count(2)
    await expect(app.locator("#heatmap .cell.missed")).to_have_count(1)
    await app.locator('#heatmap .cell[data-day="2026-03-02"]').click()
    await expect(app.locator("#day")).to_be_visible()
    await expect(app.locator("#day-kind")).to_have_text("Checked in")
    await expect(app.locator("#day-note")).to_have_text("the first chapter")
    await expect(app.locator("#day-proof")).to_have_text("📎 Proof: a photo")
    await app.locator('#heatmap .cell[data-day="2026-03-04"]').click()
    await expect(app.locator("#day-note")).to_have_text("Nothing written.")
    await expect(app.locator("#day-proof")).to_be_hidden()
    for width in (360, 390):
        await page.set_viewport_size(ViewportSize(width=width, height=PHONE["height"]))
        await fits(page)
    await page.set_viewport_size(PHONE)
    for dark in (False, True):
        if dark:
            await page.locator("#mini-app-theme").click()
            await expect(page.locator("#mini-app")).to_have_attribute("data-theme", "dark")
            app = page.frame_locator("#mini-app-frame")
            await expect(app.locator("#page[data-ready]")).to_be_attached()
        theme = "dark" if dark else "light"
        await shoot(page, f"year-{theme}")
        await tab_to(app, "group")
        await expect(app.locator(".board").first).to_contain_text("Alice")
        today = app.locator(".board").first.locator(".dot").last
        await expect(today).to_have_css("background-color", "rgb(47, 168, 79)")
        await fits(page)
        await shoot(page, f"group-{theme}")
        await tab_to(app, "settings")
        await expect(app.locator("#read-only")).to_be_visible()
        await fits(page)
        await shoot(page, f"settings-{theme}")
        await tab_to(app, "year")
    assert tab.errors == []


async def test_an_admin_moves_the_cue_and_the_group_is_told(
    sandbox: SandboxRunner, browser: Browser
) -> None:
    tab = await open_tab(browser, sandbox.url)
    page = tab.page
    await write_as(page, "Olga")
    await say(page, "/settings")
    app = await open_app_under(page, "09:00")
    await tab_to(app, "settings")
    form = app.locator("#settings-form")
    await expect(form.get_by_label("The daily cue")).to_be_enabled()
    await form.get_by_label("The daily cue").fill("08:30")
    await form.get_by_label("Proof for check-ins").select_option("on")
    await form.get_by_label("The week's first day").select_option(label="Sunday")
    await form.get_by_label("The members' target").select_option(label="3 times a week")
    await form.get_by_role("button", name="Save").click()
    await expect(app.locator("#toast")).to_contain_text("Saved")
    await expect(bot_message(page, "The daily cue is now 08:30")).to_be_visible()
    await expect(bot_message(page, "Proof for check-ins is now on")).to_be_visible()
    await expect(bot_message(page, "first day is now Sunday")).to_be_visible()
    await expect(bot_message(page, "target is 3 times a week")).to_be_visible()
    await page.locator("#mini-app-close").click()
    await say(page, "/settings")
    await expect(bot_message(page, "Daily cue: 08:30")).to_be_visible()
    await expect(bot_message(page, "Check-ins need proof: on")).to_be_visible()
    await expect(bot_message(page, "Weeks start on: Sunday")).to_be_visible()
    await expect(bot_message(page, "Members' target: every day → 3 times a week")).to_be_visible()
    assert tab.errors == []


async def test_a_members_settings_are_read_only_and_unsigned_calls_are_refused(
    sandbox: SandboxRunner, browser: Browser
) -> None:
    tab = await open_tab(browser, sandbox.url)
    page = tab.page
    await write_as(page, "Bob")
    await say(page, "/settings")
    app = await open_app_under(page, "09:00")
    await tab_to(app, "settings")
    await expect(app.locator("#read-only")).to_be_visible()
    await expect(app.locator("#settings-form").get_by_label("The daily cue")).to_be_disabled()
    await expect(app.locator("#settings-form").get_by_role("button", name="Save")).to_have_count(0)

    frame = await frame_of(page)
    init_data = await frame.evaluate("sessionStorage.getItem('initData')")
    group = await frame.evaluate("document.querySelector('#group option').value")
    save = {"group": group, "name": "cue", "value": "05:00"}
    # Bob's own signed data, but he is no admin: refused, and nothing is said in the group.
    assert (await frame.evaluate(_CALL, ["settings", init_data, save]))[0] == 403
    # The same data with another name in it, or with no signature: 401, and nothing more.
    forged = init_data.replace("Bob", "Olga")
    assert await frame.evaluate(_CALL, ["settings", forged, save]) == [401, ""]
    assert await frame.evaluate(_CALL, ["groups", "", None]) == [401, ""]
    # A day later, the data Telegram signed when he opened the app is too old.
    await jump(page, "☀️ Tomorrow 09:00", "09:00")
    await jump(page, "☀️ Tomorrow 09:00", "09:00")
    assert await frame.evaluate(_CALL, ["groups", init_data, None]) == [401, ""]
    await expect(bot_message(page, "05:00")).to_have_count(0)


async def test_the_private_chats_menu_button_opens_the_app(
    sandbox: SandboxRunner, browser: Browser
) -> None:
    tab = await open_tab(browser, sandbox.url)
    page = tab.page
    await write_as(page, "Chen")
    await say(page, "/done")
    await expect(bot_message(page, "day 1")).to_be_visible()
    await page.locator("#open-private").click()
    await expect(page.locator("#chat-name")).to_contain_text("Chen's chat")
    await page.get_by_role("button", name="📱 Open the app").click()
    app = page.frame_locator("#mini-app-frame")
    await expect(app.locator('#page[data-ready="year"]')).to_be_attached()
    await expect(app.locator("h2").first).to_have_text("Chen")
    await expect(app.locator("#heatmap .cell.checked_in")).to_have_count(1)
    assert tab.errors == []


async def test_the_group_page_shows_the_challenge_and_the_quest(
    sandbox: SandboxRunner, browser: Browser
) -> None:
    tab = await open_tab(browser, sandbox.url)
    page = tab.page
    await write_as(page, "Olga")
    await say(page, "/settings quest on")
    await expect(bot_message(page, "weekly quest is now on")).to_be_visible()
    await say(page, "/challenge 7d No sugar")
    await expect(bot_message(page, "New challenge")).to_be_visible()
    await say(page, "/challenge join")
    await expect(bot_message(page, "joined")).to_be_visible()
    await say(page, "/done")
    await expect(bot_message(page, "day 1")).to_be_visible()
    await say(page, "/stats")
    app = await open_app_under(page, "📊")
    await tab_to(app, "group")
    challenge = app.locator("#challenge")
    await expect(challenge).to_contain_text("No sugar")
    await expect(challenge).to_contain_text("Starts")
    await expect(challenge.locator("tr", has_text="Olga")).to_contain_text("0 of 7 days")
    await expect(app.locator("#quest")).to_contain_text("🎯 Weekly quest:")
    await fits(page)
    assert tab.errors == []
