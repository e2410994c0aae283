"""Headless Chromium for the page's tests: Debian's browser, driven by Playwright
(``bot.sandbox.chromium``: it can't download its own browsers here). Screenshots go to
``test-artifacts/sandbox-page/`` (ignored by git) for a person to look at. Below: what a
person does on the page (write as someone, say something, move time), and what a test
checks of its layout.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.async_api import (
    Browser,
    ConsoleMessage,
    Locator,
    Page,
    ViewportSize,
    expect,
)

from bot.sandbox.chromium import NO_CHROMIUM, executable
from bot.sandbox.chromium import chromium as system_chromium
from bot.sandbox.runner import SandboxRunner

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "sandbox-page"
DESKTOP = ViewportSize(width=1366, height=820)
PHONE = ViewportSize(width=390, height=844)


@asynccontextmanager
async def chromium(env: dict[str, str | float | bool] | None = None) -> AsyncIterator[Browser]:
    """The system's Chromium (``bot.sandbox.chromium``); a test fails, saying what to
    install, where there is none."""
    if executable() is None:
        pytest.fail(NO_CHROMIUM)
    async with system_chromium(env) as browser:
        yield browser


@dataclass
class Tab:
    """A page in the browser and the script errors it logged (a test wants none)."""

    page: Page
    errors: list[str] = field(default_factory=list)

    def on_console(self, message: ConsoleMessage) -> None:
        # A refused request (a 400 the page shows as a toast) is logged too: that's no error.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.errors.append(message.text)

    async def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        await self.page.screenshot(path=str(path))
        return path


async def open_tab(browser: Browser, url: str, *, phone: bool = False) -> Tab:
    """A fresh tab on ``url``, phone-sized (touch, 390 px wide) or desktop-sized."""
    context = await browser.new_context(
        viewport=PHONE if phone else DESKTOP,
        device_scale_factor=2 if phone else 1,
        is_mobile=phone,
        has_touch=phone,
        # The page shows the sandbox's time zone, whatever the browser's is.
        timezone_id="America/New_York",
        accept_downloads=True,
    )
    tab = Tab(await context.new_page())
    tab.page.on("pageerror", lambda error: tab.errors.append(str(error)))
    tab.page.on("console", tab.on_console)
    tab.page.set_default_timeout(10_000)
    await tab.page.goto(url)
    return tab


# -- what a person does ------------------------------------------------------------------


def group_id(sandbox: SandboxRunner) -> int:
    return next(iter(sandbox.tg.chats))


def user_id(sandbox: SandboxRunner, first_name: str) -> int:
    return next(u.id for u in sandbox.tg.users.values() if u.first_name == first_name)


def bot_message(page: Page, containing: str) -> Locator:
    return page.locator('#messages .row[data-from-bot="true"]', has_text=containing)


async def send_sample(page: Page, sample: str, caption: str) -> None:
    """Type the caption, open the photo picker and send the ``sample``."""
    await page.locator("#text").fill(caption)
    await page.get_by_role("button", name="Send a photo", exact=True).click()
    await page.get_by_role("menuitem", name=f"Send the {sample} photo").click()
    await expect(page.locator("#text")).to_have_value("")


async def write_as(page: Page, name: str) -> None:
    await page.locator("#writers .writer", has_text=name).click()
    await expect(page.locator("#writers .writer.active")).to_contain_text(name)


async def say(page: Page, text: str) -> None:
    await page.locator("#text").fill(text)
    await page.locator("#text").press("Enter")
    await expect(page.locator("#text")).to_have_value("")


async def jump(page: Page, button: str, clock: str) -> None:
    await page.get_by_role("button", name=button, exact=True).click()
    await expect(page.locator("#clock")).to_contain_text(clock)
    await expect(page.locator("#busy")).to_be_hidden()


async def travel_to(page: Page, day: str, at: str) -> None:
    """Pick a day (2026-03-12) and a 24-hour time (21:30) in the time bar, and go."""
    await page.get_by_label("Jump to date", exact=True).fill(day)
    await page.get_by_label("Jump to time (24-hour)").fill(at)
    await page.get_by_role("button", name="Go", exact=True).click()


async def fill_dialog(page: Page, values: dict[str, str], confirm: str) -> None:
    dialog = page.locator("dialog[open]")
    for label, value in values.items():
        field = dialog.get_by_label(label)
        if await field.evaluate("node => node.tagName") == "SELECT":
            await field.select_option(value)
        else:
            await field.fill(value)
    await dialog.get_by_role("button", name=confirm, exact=True).click()
    await expect(page.locator("dialog[open]")).to_have_count(0)


# -- what a test checks of the layout ----------------------------------------------------

# Everything shown must fit the window: no element wider than it, nothing past its edges
# unless a box of the page scrolls or clips it (the body clips everything, so it does not
# count: it would hide exactly what is lost off screen), and nothing but the rows meant to
# scroll sideways (who writes, forum topics) scrolls sideways.
_LAYOUT_PROBLEMS = r"""
() => {
  const width = document.documentElement.clientWidth;
  const sideways = new Set(["writers", "topics"]);
  const classes = (e) => typeof e.className === "string" ? e.className.trim().split(/\s+/) : [];
  const name = (e) => [e.tagName.toLowerCase() + (e.id ? "#" + e.id : ""), ...classes(e)]
    .filter(Boolean).join(".");
  const clipper = (e) => {
    for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== "visible") return a;
    }
    return null;
  };
  const problems = [];
  for (const e of document.querySelectorAll("body *")) {
    const box = e.getBoundingClientRect();
    if (!box.width && !box.height) continue;
    if (box.width > width + 0.5) problems.push(`${name(e)} is ${Math.round(box.width)} px wide`);
    else if (!clipper(e) && (box.right > width + 0.5 || box.left < -0.5)) {
      problems.push(`${name(e)} reaches ${Math.round(box.left)}..${Math.round(box.right)} px`);
    }
    const overflow = getComputedStyle(e).overflowX;
    if ((overflow === "auto" || overflow === "scroll") && !sideways.has(e.id)
        && e.scrollWidth > e.clientWidth + 1) {
      problems.push(`${name(e)} scrolls sideways (${e.scrollWidth} px in ${e.clientWidth})`);
    }
  }
  const page = document.scrollingElement;
  if (page.scrollWidth > width + 1) problems.push(`the page is ${page.scrollWidth} px wide`);
  return [...new Set(problems)].slice(0, 12);
}
"""


async def layout_problems(page: Page) -> list[str]:
    """What sticks out of the window, or makes a box scroll sideways; [] when all fits."""
    problems: list[str] = await page.evaluate(_LAYOUT_PROBLEMS)
    return problems
