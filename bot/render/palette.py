"""The colours of the pictures, and the 8-bit palette their PNGs are stored in.

Every picture is drawn in full colour, then stored with a fixed palette: the colours below
and the in-between shades their smooth edges need. That makes the file about a third of
the size and quicker to write. A colour drawn on the pictures must be listed here, over
each background it is drawn on (``BLENDS``), or its edges come out rough.

The cell colours follow the Okabe-Ito palette, made to stay apart under the common kinds
of colour blindness, with neutral greys beside them (they have no hue to lose); the shapes
in ``cells`` carry the meaning as well. A missed day is a grey tile (``MIST``) with a dark
cross (``SLATE``): the cross has about 4.5 times the paper's contrast, above the 3:1 that
WCAG asks of a graphic's parts, so it still shows when a phone draws the cell ten pixels
wide.
"""

from __future__ import annotations

from functools import lru_cache

from PIL import Image

__all__ = [
    "BLUE",
    "GREEN",
    "GREY",
    "ICE",
    "INK",
    "MIST",
    "MUTED",
    "ORANGE",
    "PALE",
    "PAPER",
    "PURPLE",
    "RGB",
    "SHARE_STEPS",
    "SLATE",
    "TILE",
    "VERMILION",
    "palette_image",
]

RGB = tuple[int, int, int]

PAPER: RGB = (255, 255, 255)
INK: RGB = (31, 35, 40)
MUTED: RGB = (87, 96, 106)
TILE: RGB = (243, 245, 247)

GREEN: RGB = (0, 140, 100)
ORANGE: RGB = (230, 159, 0)
VERMILION: RGB = (213, 94, 0)
GREY: RGB = (140, 149, 159)
PURPLE: RGB = (204, 121, 167)
ICE: RGB = (214, 234, 248)
BLUE: RGB = (0, 114, 178)
PALE: RGB = (228, 232, 236)
MIST: RGB = (210, 216, 222)  # a missed day's tile
SLATE: RGB = (112, 121, 130)  # a missed day's cross

# A group's days, lightest to darkest: a share in (0, 1/4], ..., (3/4, 1), then everyone.
SHARE_STEPS: tuple[RGB, ...] = (
    (190, 230, 210),
    (120, 200, 162),
    (40, 160, 118),
    (0, 120, 86),
    (0, 84, 60),
)

_BASE: tuple[RGB, ...] = (
    PAPER,
    INK,
    MUTED,
    TILE,
    GREEN,
    ORANGE,
    VERMILION,
    GREY,
    PURPLE,
    ICE,
    BLUE,
    PALE,
    MIST,
    SLATE,
    *SHARE_STEPS,
)
# (colour, background it is drawn on): the pairs whose edges need in-between shades.
BLENDS: tuple[tuple[RGB, RGB], ...] = (
    *((colour, PAPER) for colour in _BASE if colour != PAPER),
    (INK, TILE),
    (MUTED, TILE),
    (GREEN, TILE),
    (BLUE, ICE),
    (SLATE, MIST),
    (PAPER, SHARE_STEPS[-1]),
)
_STEPS = 11
# In-between shades this close to a listed colour are left out: Pillow maps colours to a
# palette through a coarse cache, and a near neighbour could take a listed colour's place.
_MIN_DISTANCE = 10


def _mixed(a: RGB, b: RGB, t: float) -> RGB:
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


@lru_cache(maxsize=1)
def palette_image() -> Image.Image:
    """A 'P' image holding the palette (what ``Image.quantize(palette=...)`` takes)."""
    colours = list(_BASE)
    for colour, background in BLENDS:
        for step in range(1, _STEPS):
            shade = _mixed(background, colour, step / _STEPS)
            if all(
                max(abs(x - y) for x, y in zip(shade, other, strict=True)) >= _MIN_DISTANCE
                for other in colours
            ):
                colours.append(shade)
    if len(colours) > 256:
        raise ValueError(f"{len(colours)} colours do not fit a PNG palette")
    image = Image.new("P", (1, 1))
    image.putpalette([value for colour in colours for value in colour])
    return image
