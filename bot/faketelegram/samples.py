"""A few built-in photos a person on the sandbox page (or a test over HTTP) can send.

Each is drawn with Pillow, the same bytes every time: sent twice, a sample is the same file
(the same file_unique_id), as a person sending the same picture again would be.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from functools import cache

from PIL import Image, ImageDraw

__all__ = ["SAMPLE_PHOTOS", "sample_photo_bytes"]

_SIZE = (480, 360)


def _sunrise(draw: ImageDraw.ImageDraw) -> None:
    width, height = _SIZE
    for y in range(height):
        warm = y / height
        draw.line((0, y, width, y), fill=(255, round(120 + 100 * warm), round(60 + 80 * warm)))
    draw.ellipse((170, 140, 310, 280), fill=(255, 236, 140))
    draw.polygon(
        [(0, 260), (140, 200), (300, 250), (480, 190), (480, 360), (0, 360)], fill=(70, 60, 90)
    )


def _run(draw: ImageDraw.ImageDraw) -> None:
    draw.rectangle((0, 0, *_SIZE), fill=(90, 160, 90))
    for lane in range(4):
        inset = 30 + lane * 18
        draw.rounded_rectangle(
            (inset, inset, _SIZE[0] - inset, _SIZE[1] - inset),
            radius=150 - lane * 18,
            outline=(200, 80, 60) if lane % 2 == 0 else (240, 240, 240),
            width=14,
        )


def _salad(draw: ImageDraw.ImageDraw) -> None:
    draw.rectangle((0, 0, *_SIZE), fill=(200, 170, 130))
    draw.ellipse((90, 30, 390, 330), fill=(250, 250, 245), outline=(220, 220, 215), width=8)
    leaves = [(170, 120), (240, 100), (300, 150), (200, 210), (270, 230), (230, 160)]
    for x, y in leaves:
        draw.ellipse((x - 32, y - 22, x + 32, y + 22), fill=(80, 170, 70))
    for x, y in [(200, 150), (280, 190), (240, 250), (180, 260)]:
        draw.ellipse((x - 14, y - 14, x + 14, y + 14), fill=(220, 50, 50))


# The samples by name, in the order the page offers them.
SAMPLE_PHOTOS: dict[str, Callable[[ImageDraw.ImageDraw], None]] = {
    "sunrise": _sunrise,
    "run": _run,
    "salad": _salad,
}


@cache
def sample_photo_bytes(name: str) -> bytes:
    """The PNG of the sample called ``name`` (a KeyError for none)."""
    paint = SAMPLE_PHOTOS[name]
    image = Image.new("RGB", _SIZE)
    paint(ImageDraw.Draw(image))
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
