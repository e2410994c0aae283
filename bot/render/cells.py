"""The look of one day's cell: a colour *and* a shape for every kind, so that readers who
can't tell the colours apart still tell the days apart.

=================  ==========================================  ============
kind               shape                                       colour
=================  ==========================================  ============
checked in         full square                                 green
  with proof       full square, a paper dot in a corner        green
fail that counts   full circle                                 orange
fail, not counted  ring                                        vermilion
rest day           small dot                                   grey
break              a bar across (joins up over several days)   purple
freeze used        pale square with a snowflake                blue
missed             grey square with a cross                    grey, slate
today, still open  outlined square                             dark grey
before the start   nothing
=================  ==========================================  ============

The colours are in ``palette``. Every shape is drawn large and shrunk (supersampled), so
its edges are smooth, once per size and kind; a picture then only pastes them.

The centre pixel of each cell holds its kind's ``KEY`` colour (the tests read it back).
"""

from __future__ import annotations

import math
from functools import lru_cache

from PIL import Image, ImageDraw

from bot.domain.member_days import DayKind
from bot.render.palette import (
    BLUE,
    GREEN,
    GREY,
    ICE,
    INK,
    MIST,
    ORANGE,
    PAPER,
    PURPLE,
    RGB,
    SHARE_STEPS,
    SLATE,
    VERMILION,
)

__all__ = ["KEY", "cell_image", "share_image", "share_step"]

# The colour at the centre of each kind's cell.
KEY: dict[DayKind, RGB] = {
    DayKind.CHECKED_IN: GREEN,
    DayKind.FAIL_COUNTED: ORANGE,
    DayKind.FAIL_UNCOUNTED: VERMILION,
    DayKind.REST: GREY,
    DayKind.BREAK: PURPLE,
    DayKind.FROZEN: BLUE,
    DayKind.MISSED: SLATE,
    DayKind.OPEN: PAPER,
    DayKind.BEFORE_START: PAPER,
}

_SUPERSAMPLE = 4


def _canvas(size: int) -> tuple[Image.Image, ImageDraw.ImageDraw, int]:
    big = size * _SUPERSAMPLE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    return image, ImageDraw.Draw(image), big


def _shrunk(image: Image.Image) -> Image.Image:
    """The big drawing at its size, laid on the paper: cells always sit on it, and an
    opaque image is pasted much faster than one blended through its transparency."""
    small = image.reduce(_SUPERSAMPLE)
    cell = Image.new("RGB", small.size, PAPER)
    cell.paste(small, (0, 0), small)
    return cell


def _square(draw: ImageDraw.ImageDraw, big: int, fill: RGB, outline: RGB | None = None) -> None:
    radius = big // 6
    width = big // 10 if outline else 0
    draw.rounded_rectangle(
        (0, 0, big - 1, big - 1), radius, fill=fill, outline=outline, width=width
    )


def _snowflake(draw: ImageDraw.ImageDraw, big: int, colour: RGB) -> None:
    centre, reach, width = big / 2, big * 0.34, max(1, big // 11)
    for angle in (90, 30, -30):
        dx, dy = reach * math.cos(math.radians(angle)), reach * math.sin(math.radians(angle))
        draw.line((centre - dx, centre - dy, centre + dx, centre + dy), fill=colour, width=width)
    dot = big * 0.09
    draw.ellipse((centre - dot, centre - dot, centre + dot, centre + dot), fill=colour)


def _cross(draw: ImageDraw.ImageDraw, big: int, colour: RGB) -> None:
    """Two diagonals through the centre, inside the tile's rounded corners, round-ended."""
    centre, reach, width = big / 2, big * 0.24, max(1, big // 7)
    for sign in (1, -1):
        draw.line(
            (centre - reach, centre - sign * reach, centre + reach, centre + sign * reach),
            fill=colour,
            width=width,
        )
    end = width / 2
    for x in (centre - reach, centre + reach):
        for y in (centre - reach, centre + reach):
            draw.ellipse((x - end, y - end, x + end, y + end), fill=colour)


@lru_cache(maxsize=64)
def cell_image(kind: DayKind, size: int, *, proved: bool = False) -> Image.Image:
    """One day's cell, ``size`` pixels square, on the paper's colour; ``proved``: a day
    checked in with proof (a photo, a video...) carries a dot in its corner."""
    image, draw, big = _canvas(size)
    if kind is DayKind.CHECKED_IN:
        _square(draw, big, GREEN)
        if proved:
            _corner_dot(draw, big)
    elif kind is DayKind.FAIL_COUNTED:
        draw.ellipse((0, 0, big - 1, big - 1), fill=ORANGE)
    elif kind is DayKind.FAIL_UNCOUNTED:
        ring = big // 7
        draw.ellipse(
            (ring // 2, ring // 2, big - 1 - ring // 2, big - 1 - ring // 2),
            outline=VERMILION,
            width=ring,
        )
        dot = big * 0.16
        draw.ellipse((big / 2 - dot, big / 2 - dot, big / 2 + dot, big / 2 + dot), fill=VERMILION)
    elif kind is DayKind.REST:
        dot = big * 0.17
        draw.ellipse((big / 2 - dot, big / 2 - dot, big / 2 + dot, big / 2 + dot), fill=GREY)
    elif kind is DayKind.BREAK:
        # Full width, so that the days of a break join up into one bar along the row.
        half = big * 0.17
        draw.rounded_rectangle((0, big / 2 - half, big - 1, big / 2 + half), half, fill=PURPLE)
    elif kind is DayKind.FROZEN:
        _square(draw, big, ICE)
        _snowflake(draw, big, BLUE)
    elif kind is DayKind.MISSED:
        _square(draw, big, MIST)
        _cross(draw, big, SLATE)
    elif kind is DayKind.OPEN:
        _square(draw, big, PAPER, outline=INK)
    return _shrunk(image)


def _corner_dot(draw: ImageDraw.ImageDraw, big: int) -> None:
    """A paper-coloured dot off the centre, so that the centre keeps the kind's colour."""
    dot = big * 0.14
    x, y = big * 0.72, big * 0.28
    draw.ellipse((x - dot, y - dot, x + dot, y + dot), fill=PAPER)


def share_step(share: float) -> int:
    """Which of ``SHARE_STEPS`` shades a share (0 < share <= 1)."""
    if share >= 1:
        return len(SHARE_STEPS) - 1
    return min(len(SHARE_STEPS) - 2, max(0, math.ceil(share * 4) - 1))


@lru_cache(maxsize=16)
def share_image(step: int, size: int) -> Image.Image:
    """A group day's cell: one of ``SHARE_STEPS``; the last (everyone) carries a white dot."""
    image, draw, big = _canvas(size)
    _square(draw, big, SHARE_STEPS[step])
    if step == len(SHARE_STEPS) - 1:
        _corner_dot(draw, big)
    return _shrunk(image)
