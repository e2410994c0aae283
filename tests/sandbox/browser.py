"""Headless Chromium for the page's tests, driven by Playwright.

Which Chromium: the one ``make test`` found or got before the tests (``scripts/browser.py``:
Playwright's own, or the system's), or the one HABITLOOP_CHROMIUM names. It runs with
everything that would talk to the internet off. Screenshots go to
``test-artifacts/sandbox-page/`` (ignored by git) for a person to look at.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.async_api import Browser, ConsoleMessage, Page, ViewportSize, async_playwright

from scripts.browser import recorded_chromium

FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-sync",
    "--no-first-run",
    "--no-default-browser-check",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "sandbox-page"
DESKTOP = ViewportSize(width=1366, height=820)
PHONE = ViewportSize(width=390, height=844)


@asynccontextmanager
async def chromium() -> AsyncIterator[Browser]:
    executable = recorded_chromium()
    if executable is None:
        pytest.fail("no Chromium for the browser tests: run `make browser` (make test does)")
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=executable, headless=True, args=FLAGS
        )
        try:
            yield browser
        finally:
            await browser.close()


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
