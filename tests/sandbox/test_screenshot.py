"""The README's picture of a conversation is drawn from the sandbox, and stays small."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from bot.sandbox.chromium import NO_CHROMIUM, executable
from bot.sandbox.screenshot import PHONE, main

COMMITTED = Path(__file__).resolve().parents[2] / "docs" / "images" / "conversation.png"
MOST_BYTES = 150 * 1024


def test_the_picture_of_a_conversation_is_drawn_small(tmp_path: Path) -> None:
    assert executable() is not None, NO_CHROMIUM
    path = tmp_path / "images" / "conversation.png"
    # It fails when the bot misused the Bot API on the way (the fake's check).
    assert main([str(path)]) == 0
    for picture in (path, COMMITTED):
        assert picture.stat().st_size < MOST_BYTES, f"{picture} is too big for the README"
        with Image.open(picture) as image:
            # A phone's width, drawn at twice its pixels, as a phone draws them.
            assert image.size == (PHONE["width"] * 2, PHONE["height"] * 2)
