"""A picture of a real conversation in a group, drawn from the sandbox, for the README.

    .venv/bin/python -m bot.sandbox.screenshot docs/images/conversation.png

starts the sandbox (the real bot, the fake Telegram, a fixed Monday), plays three mornings
of the ready group through the fake: the bot's cue with its ✅ button, members checking in
with /done or the button, a 3-day milestone, then /top. Chromium draws the chat as a phone
shows it (``bot.sandbox.chromium``: Playwright and the system's browser, so it needs the
development install), and the picture is saved as a small PNG (a 256-colour palette).
"""

from __future__ import annotations

import argparse
import asyncio
import io
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PIL import Image
from playwright.async_api import ViewportSize

from bot.faketelegram.records import Message
from bot.sandbox.chromium import chromium
from bot.sandbox.runner import SandboxRunner

MONDAY = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
PHONE = ViewportSize(width=400, height=1000)
# The sandbox's own controls (the time bar, who writes, the reply arrows) are not
# Telegram's: left out.
NOT_TELEGRAM = ".timebar, .writers, .reply-button { display: none !important; }"
# Whose phone it is: their messages are on the right.
OWNER_OF_THE_PHONE = "Alice"


class Scene:
    """The ready group, played through the fake Telegram as its members would."""

    def __init__(self, runner: SandboxRunner) -> None:
        self.runner = runner
        self.tg = runner.tg
        self.group = next(iter(self.tg.chats))

    def person(self, first_name: str) -> int:
        return next(u.id for u in self.tg.users.values() if u.first_name == first_name)

    async def later(self, minutes: int) -> None:
        await self.runner.time.advance(self.runner.bot, timedelta(minutes=minutes))

    async def says(self, name: str, text: str) -> None:
        self.tg.send(self.group, self.tg.user(self.person(name)), text)
        await self.runner.bot.settled()

    async def taps_the_cue(self, name: str) -> None:
        cue = self.last_cue()
        self.tg.press(self.group, cue.message_id, self.tg.user(self.person(name)), "checkin")
        await self.runner.bot.settled()

    def last_cue(self) -> Message:
        return next(m for m in reversed(self.tg.bot_messages(self.group)) if m.buttons)

    async def morning(self) -> None:
        await self.runner.time.to_next(self.runner.bot, cue=True)


async def play(runner: SandboxRunner) -> None:
    """Three mornings: the cue, check-ins by /done and by ✅, a milestone, the leaderboard."""
    scene = Scene(runner)
    for words in ("wrote 500 words", "wrote 650 words"):
        await scene.morning()
        await scene.later(7)
        await scene.says("Alice", f"/done {words}")
        await scene.later(12)
        await scene.taps_the_cue("Bob")
        await scene.later(20)
        await scene.says("Chen", "/done read 20 pages")
    await scene.morning()
    await scene.later(4)
    await scene.taps_the_cue("Bob")
    await scene.later(9)
    await scene.says("Alice", "/done finished chapter two ✍️")
    await scene.later(30)
    await scene.says("Olga", "/top")


async def draw_conversation(path: Path) -> Path:
    """Play the scene and save the picture of the chat at ``path``; returns it."""
    runner = SandboxRunner(port=0, start=MONDAY, follow_real_time=False)
    await runner.start()
    try:
        await play(runner)
        drawn = await _chat_as_a_phone_shows_it(runner)
    finally:
        await runner.stop()
    runner.tg.raise_for_problems()
    path.parent.mkdir(parents=True, exist_ok=True)
    _save_small(drawn, path)
    return path


async def _chat_as_a_phone_shows_it(runner: SandboxRunner) -> bytes:
    async with chromium() as browser:
        context = await browser.new_context(
            viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True
        )
        page = await context.new_page()
        await page.goto(runner.url)
        await page.locator("#writers .writer", has_text=OWNER_OF_THE_PHONE).click()
        await page.locator("#writers .writer.active", has_text=OWNER_OF_THE_PHONE).wait_for()
        await page.locator("#messages .row", has_text="Leaderboard").wait_for()
        await page.add_style_tag(content=NOT_TELEGRAM)
        await page.locator("#text").evaluate("box => { box.placeholder = 'Message'; }")
        await page.evaluate("document.fonts.ready.then(() => true)")
        # The conversation's end in sight, as it is when the chat is opened.
        await page.locator("#messages").evaluate("box => { box.scrollTop = box.scrollHeight; }")
        return await page.locator("section.chat").screenshot(animations="disabled")


def _save_small(png: bytes, path: Path) -> None:
    # A chat is a few flat colours and a soft gradient: 256 of them keep it sharp and small.
    with Image.open(io.BytesIO(png)) as image:
        small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
        small.save(path, format="PNG", optimize=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot.sandbox.screenshot",
        description="Draw a conversation in a group from the sandbox, as a phone shows it.",
    )
    parser.add_argument("path", type=Path, help="where to save the PNG")
    args = parser.parse_args(argv)
    try:
        saved = asyncio.run(draw_conversation(args.path))
    except FileNotFoundError as exc:
        print(f"python -m bot.sandbox.screenshot: {exc}", file=sys.stderr)
        return 1
    print(f"{saved} ({saved.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
