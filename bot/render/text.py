"""Text on the pictures: the bundled fonts, which characters they can draw, and fitting.

Names come from Telegram and may hold anything (emoji, scripts the font lacks, control
characters). A character the font has no glyph for would be drawn as an empty box, so it is
left out instead; a name with nothing left falls back to a placeholder. Nothing here raises
on odd input.
"""

from __future__ import annotations

import struct
import unicodedata
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

__all__ = ["FONTS", "Font", "drawable", "fitted", "font", "truncated"]

Font = ImageFont.FreeTypeFont

# Package data (pyproject: tool.setuptools.package-data); the licence is beside them.
FONTS = Path(__file__).resolve().parent / "fonts"
_FONT_FILES = {False: "DejaVuSans.ttf", True: "DejaVuSans-Bold.ttf"}
# Unicode categories never drawn: controls, format characters (joiners, direction marks),
# surrogates, private use and unassigned code points.
_INVISIBLE = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})
_ELLIPSIS = "…"


@lru_cache(maxsize=64)
def font(size: int, *, bold: bool = False) -> Font:
    """The bundled DejaVu Sans at ``size`` pixels (loaded once per size)."""
    return ImageFont.truetype(FONTS / _FONT_FILES[bold], size)


@lru_cache(maxsize=2)
def _covered(bold: bool) -> frozenset[int]:
    """The code points the font maps to a glyph (its Unicode 'cmap' table)."""
    return _cmap((FONTS / _FONT_FILES[bold]).read_bytes())


def _cmap(data: bytes) -> frozenset[int]:
    """Code points of a TrueType font's full Unicode cmap (platform 3, encoding 10, format
    12: what DejaVu has); each group maps a range of code points to glyphs from
    ``glyph`` on, and glyph 0 is the empty box of a missing character."""
    tables = struct.unpack_from(">H", data, 4)[0]
    cmap = next(
        offset
        for tag, _, offset, _ in (
            struct.unpack_from(">4sIII", data, 12 + 16 * i) for i in range(tables)
        )
        if tag == b"cmap"
    )
    for i in range(struct.unpack_from(">H", data, cmap + 2)[0]):
        platform, encoding, offset = struct.unpack_from(">HHI", data, cmap + 4 + 8 * i)
        if (platform, encoding) == (3, 10):
            start = cmap + offset
            break
    else:
        raise ValueError("the font has no full Unicode cmap (platform 3, encoding 10)")
    points: set[int] = set()
    for group in range(struct.unpack_from(">I", data, start + 12)[0]):
        first, last, glyph = struct.unpack_from(">III", data, start + 16 + 12 * group)
        points.update(range(first if glyph else first + 1, last + 1))
    return frozenset(points)


def drawable(text: str, *, bold: bool = False, fallback: str = "") -> str:
    """``text`` with only what the font can draw: characters without a glyph (emoji, most
    symbols of other fonts) and invisible ones dropped, runs of spaces joined, ends trimmed.
    ``fallback`` when nothing is left."""
    covered = _covered(bold)
    kept = "".join(
        " " if char.isspace() else char
        for char in unicodedata.normalize("NFC", text)
        if char.isspace() or (ord(char) in covered and unicodedata.category(char) not in _INVISIBLE)
    )
    return " ".join(kept.split()) or fallback


def truncated(text: str, face: Font, width: float) -> str:
    """``text``, cut with an ellipsis if it is wider than ``width`` pixels in ``face``."""
    if face.getlength(text) <= width:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest prefix that fits with the ellipsis
        middle = (low + high + 1) // 2
        if face.getlength(text[:middle].rstrip() + _ELLIPSIS) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + _ELLIPSIS


def fitted(
    text: str, width: float, size: int, *, bold: bool = False, smallest: int = 0
) -> tuple[str, Font]:
    """``text`` and a face to draw it in, no wider than ``width``: the size shrinks down to
    ``smallest`` (default: two thirds of ``size``), then the text is cut with an ellipsis."""
    smallest = smallest or max(1, size * 2 // 3)
    for step in range(size, smallest - 1, -2):
        face = font(step, bold=bold)
        if face.getlength(text) <= width:
            return text, face
    face = font(smallest, bold=bold)
    return truncated(text, face, width), face
