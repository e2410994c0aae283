"""Headless Chromium, driven by Playwright: the system's browser, with nothing that talks to
the internet.

Playwright (a development dependency) can't download its own browsers here, so it launches
Debian's (``apt-get install -y chromium``). The page's tests and the README's picture of a
conversation (``bot.sandbox.screenshot``) both draw the page with it.
"""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from playwright.async_api import Browser, async_playwright

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
HAVE_CHROMIUM = Path(CHROMIUM).is_file()
NO_CHROMIUM = f"no Chromium at {CHROMIUM}: install it with `apt-get install -y chromium`"
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


@asynccontextmanager
async def chromium(env: dict[str, str | float | bool] | None = None) -> AsyncIterator[Browser]:
    """The browser; ``env``: its environment (this process's when None)."""
    if not HAVE_CHROMIUM:
        raise FileNotFoundError(NO_CHROMIUM)
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=FLAGS, env=env
        )
        try:
            yield browser
        finally:
            await browser.close()
