"""What the pictures share: the canvas, the title, the row of figures, the legend, the
footer and the PNG.

Sizes are for a picture 1000 pixels wide that Telegram shows about 400 wide on a phone:
nothing smaller than 20 pixels (8 on the phone), the figures at 46.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO

from PIL import Image, ImageDraw

from bot.domain.member_days import DayKind
from bot.render.cells import cell_image
from bot.render.palette import INK, MUTED, PAPER, TILE, palette_image
from bot.render.text import Font, drawable, fitted, font, truncated
from bot.render.words import Words

__all__ = [
    "MARGIN",
    "WIDTH",
    "Canvas",
    "Tile",
    "draw_footer",
    "draw_header",
    "draw_legend",
    "draw_tiles",
    "encode",
    "new_canvas",
    "png_bytes",
]

WIDTH = 1000
MARGIN = 44
# Drawn on a canvas this tall, then cut to what was used.
_MAX_HEIGHT = 2400

TITLE_SIZE = 50
SUBTITLE_SIZE = 28
VALUE_SIZE = 46
CAPTION_SIZE = 25
LEGEND_SIZE = 26
FOOTER_SIZE = 22

TILE_HEIGHT = 140
TILE_GAP = 14
HEADER_HEIGHT = 118  # title and subtitle, from the top margin to the tiles


@dataclass
class Canvas:
    image: Image.Image
    draw: ImageDraw.ImageDraw


@dataclass(frozen=True, slots=True)
class Tile:
    """A figure: the value in big type, its caption (one or two lines) below."""

    value: str
    caption: str


def new_canvas() -> Canvas:
    image = Image.new("RGB", (WIDTH, _MAX_HEIGHT), PAPER)
    return Canvas(image, ImageDraw.Draw(image))


def draw_header(canvas: Canvas, title: str, subtitle: str, words: Words) -> int:
    """The title (a name, drawn as is, on one line) and a subtitle; returns the y below."""
    width = WIDTH - 2 * MARGIN
    name, face = fitted(
        drawable(title, bold=True, fallback=words.nameless),
        width,
        TITLE_SIZE,
        bold=True,
        smallest=34,
    )
    # On the baseline of the full size, so that a long name drawn smaller stays in line.
    canvas.draw.text((MARGIN, MARGIN + 46), name, font=face, fill=INK, anchor="ls")
    small = font(SUBTITLE_SIZE)
    canvas.draw.text(
        (MARGIN, MARGIN + 70), truncated(drawable(subtitle), small, width), font=small, fill=MUTED
    )
    return MARGIN + HEADER_HEIGHT


def _caption(text: str, width: float, lines: int) -> tuple[list[str], Font]:
    """``text`` on one line, a little smaller if that is enough; else wrapped at the usual
    size onto at most ``lines`` lines no wider than ``width`` (the last one cut)."""
    if "\n" not in text:
        for size in range(CAPTION_SIZE, CAPTION_SIZE - 3, -1):
            if font(size).getlength(text) <= width:
                return [text], font(size)
    face = font(CAPTION_SIZE)
    out: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            attempt = f"{line} {word}".strip()
            if line and face.getlength(attempt) > width:
                out.append(line)
                line = word
            else:
                line = attempt
        out.append(line)
    if len(out) > lines:
        out = [*out[: lines - 1], " ".join(out[lines - 1 :])]
    return [truncated(line, face, width) for line in out], face


def _drawable_lines(text: str) -> str:
    return "\n".join(drawable(line) for line in text.split("\n"))


def draw_tiles(canvas: Canvas, top: int, tiles: Sequence[Tile]) -> int:
    """A row of figures, side by side in rounded boxes; returns the y below."""
    count = len(tiles)
    width = (WIDTH - 2 * MARGIN - TILE_GAP * (count - 1)) / count
    inner = width - 24
    captions = [_caption(_drawable_lines(tile.caption), inner, 2) for tile in tiles]
    # Values on one line across the row, captions below them: centred as a block for the
    # tile with the most caption lines.
    line_height = CAPTION_SIZE + 4
    block = VALUE_SIZE + 10 + max(len(lines) for lines, _ in captions) * line_height
    value_y = top + (TILE_HEIGHT - block) / 2 + VALUE_SIZE / 2
    for index, (tile, (lines, caption_face)) in enumerate(zip(tiles, captions, strict=True)):
        left = MARGIN + index * (width + TILE_GAP)
        box = (round(left), top, round(left + width), top + TILE_HEIGHT)
        canvas.draw.rounded_rectangle(box, 16, fill=TILE)
        centre = (box[0] + box[2]) / 2
        value, face = fitted(drawable(tile.value), inner, VALUE_SIZE, bold=True, smallest=26)
        canvas.draw.text((centre, value_y), value, font=face, fill=INK, anchor="mm")
        y = value_y + VALUE_SIZE / 2 + 10
        for line in lines:
            canvas.draw.text(
                (centre, y + line_height / 2), line, font=caption_face, fill=MUTED, anchor="mm"
            )
            y += line_height
    return top + TILE_HEIGHT


@dataclass(frozen=True, slots=True)
class LegendItem:
    """A swatch with a word after it, or a word alone (``swatch`` None)."""

    swatch: Image.Image | None
    word: str


def draw_legend(canvas: Canvas, top: int, items: Sequence[LegendItem], swatch_size: int) -> int:
    """The legend, item after item, wrapping onto new lines; returns the y below."""
    face = font(LEGEND_SIZE)
    line_height = max(swatch_size, LEGEND_SIZE) + 16
    x, y = MARGIN, top
    for item in items:
        word = drawable(item.word)
        width = (swatch_size + 10 if item.swatch else 0) + face.getlength(word)
        if x > MARGIN and x + width > WIDTH - MARGIN:
            x, y = MARGIN, y + line_height
        if item.swatch is not None:
            canvas.image.paste(item.swatch, (x, y))
            x += swatch_size + 10
        canvas.draw.text((x, y + swatch_size / 2), word, font=face, fill=INK, anchor="lm")
        x += round(face.getlength(word)) + (28 if word else 4)
    return y + line_height


def draw_footer(canvas: Canvas, top: int, words: Words) -> int:
    """The project's name in the bottom corner (if ``words.footer``); returns the height."""
    if not words.footer:
        return top + MARGIN - 16
    face = font(FOOTER_SIZE)
    name = drawable(words.footer)
    canvas.draw.text((WIDTH - MARGIN, top), name, font=face, fill=MUTED, anchor="ra")
    # A checked-in day as the project's mark, before its name.
    mark = cell_image(DayKind.CHECKED_IN, FOOTER_SIZE - 4)
    x = WIDTH - MARGIN - round(face.getlength(name)) - mark.width - 8
    canvas.image.paste(mark, (x, top + 3))
    return top + FOOTER_SIZE + MARGIN - 8


def encode(canvas: Canvas, height: int) -> bytes:
    """The used part of the canvas as PNG bytes."""
    return png_bytes(canvas.image.crop((0, 0, WIDTH, height)))


def png_bytes(image: Image.Image) -> bytes:
    """``image`` stored with the pictures' palette. zlib's level 3 makes a file a third
    bigger than its default level 6 (about 33 KB instead of 25 for a year) in a third of
    the time."""
    out = BytesIO()
    stored = image.quantize(palette=palette_image(), dither=Image.Dither.NONE)
    stored.save(out, format="PNG", compress_level=3)
    return out.getvalue()
