"""Headless Chromium, driven by Playwright, with nothing that talks to the internet: the
page's tests and the README's picture of a conversation (``bot.sandbox.screenshot``) both
draw the page with it.

Which Chromium: the one HABITLOOP_CHROMIUM names, else the one ``make test`` found or got
and wrote down in the virtualenv (``scripts/browser.py``: Playwright's own where it can be
downloaded, else the system's), else a ``chromium`` on the PATH.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from playwright.async_api import Browser, async_playwright

# Where ``make test`` writes down the browser it found or got, and what names another.
RECORD = Path(sys.prefix) / "habitloop-chromium"
OVERRIDE = "HABITLOOP_CHROMIUM"
NO_CHROMIUM = "no Chromium for the browser: run `make browser` (make test does)"


def recorded() -> Path | None:
    """The browser HABITLOOP_CHROMIUM names, else the one written down in the virtualenv."""
    named = os.environ.get(OVERRIDE)
    if named:
        return Path(named)
    if RECORD.is_file():
        path = Path(RECORD.read_text(encoding="utf-8").strip())
        return path if path.is_file() else None
    return None


def executable() -> Path | None:
    """The Chromium to drive (see the module's docs); None where there is none."""
    found = recorded()
    if found is not None:
        return found
    on_path = shutil.which("chromium")
    return Path(on_path) if on_path else None


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
    path = executable()
    if path is None:
        raise FileNotFoundError(NO_CHROMIUM)
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=path, headless=True, args=FLAGS, env=env
        )
        try:
            yield browser
        finally:
            await browser.close()
