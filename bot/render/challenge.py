"""A challenge's picture at its end: a row of cells per member, one cell a day.

Pure: a ``ChallengeGrid`` (names and each member's day marks from
``bot.domain.challenges``), the challenge's title and the words come in, PNG bytes come
out. A day's cell is drawn as the year's picture draws its kind (``cells``): checked in,
freeze used, missed; a weekly challenge's other days in a week that was met as rest days.
Long challenges wrap each member's days onto several lines of at most ``LINE_DAYS``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from bot.domain.challenges import Mark
from bot.domain.member_days import DayKind
from bot.render.card import (
    MARGIN,
    WIDTH,
    Canvas,
    LegendItem,
    Tile,
    draw_footer,
    draw_header,
    draw_legend,
    draw_tiles,
    encode,
    new_canvas,
)
from bot.render.cells import cell_image
from bot.render.palette import GREEN, INK, MUTED
from bot.render.text import drawable, font, truncated
from bot.render.words import Words

__all__ = ["ChallengeGrid", "GridRow", "challenge_picture"]

LINE_DAYS = 31  # a month's days on one line at most
MAX_CELL = 40
NAME_WIDTH = 230
# The members drawn at most; the others are counted in a "+N" line (the caption names them).
MAX_ROWS = 16
# The rows end above this line, so that the legend and the footer fit on the canvas (a long
# challenge's rows are tall: fewer of them are drawn).
ROWS_BOTTOM = 2150

_KIND = {
    Mark.DONE: DayKind.CHECKED_IN,
    Mark.FROZEN: DayKind.FROZEN,
    Mark.MISSED: DayKind.MISSED,
    Mark.OPEN: DayKind.OPEN,
    Mark.RESTED: DayKind.REST,
    Mark.FUTURE: DayKind.BEFORE_START,
}


@dataclass(frozen=True, slots=True)
class GridRow:
    name: str
    marks: tuple[Mark, ...]
    completed: bool


@dataclass(frozen=True, slots=True)
class ChallengeGrid:
    first: date
    last: date
    rows: tuple[GridRow, ...]
    total: int  # the group's check-ins in the challenge


def challenge_picture(grid: ChallengeGrid, *, title: str, words: Words) -> bytes:
    """The picture of a challenge that ended, as PNG bytes; ``title`` drawn as it is."""
    canvas = new_canvas()
    dated = words.short_date if grid.first.year == grid.last.year else words.full_date
    subtitle = words.period.format(first=dated(grid.first), last=dated(grid.last))
    top = draw_header(canvas, title, subtitle, words)
    completed = sum(1 for row in grid.rows if row.completed)
    tiles = [
        Tile(str(len(grid.rows)), words.joined),
        Tile(str(completed), words.completed),
        Tile(str(grid.total), words.check_ins),
    ]
    top = draw_tiles(canvas, top, tiles) + 36
    days = (grid.last - grid.first).days + 1
    per_line = min(days, LINE_DAYS)
    lines = -(-days // per_line)
    pitch = min(MAX_CELL, (WIDTH - 2 * MARGIN - NAME_WIDTH) // per_line)
    cell = pitch - max(2, pitch // 6)
    name_face = font(26, bold=True)
    row_height = lines * pitch + 14
    most = min(MAX_ROWS, max(2, (ROWS_BOTTOM - top) // row_height))
    shown = grid.rows if len(grid.rows) <= most else grid.rows[: most - 1]
    for row in shown:
        name = drawable(row.name, bold=True, fallback=words.nameless)
        name = truncated(name, name_face, NAME_WIDTH - 20)
        colour = GREEN if row.completed else INK
        canvas.draw.text((MARGIN, top + cell / 2), name, font=name_face, fill=colour, anchor="lm")
        for index, mark in enumerate(row.marks):
            line, column = divmod(index, per_line)
            x = MARGIN + NAME_WIDTH + column * pitch
            y = top + line * pitch
            if mark is not Mark.FUTURE:
                canvas.image.paste(cell_image(_KIND[mark], cell), (x, y))
        top += row_height
    left_off = len(grid.rows) - len(shown)
    if left_off:
        more = font(24)
        text = drawable(words.more.format(count=left_off))
        canvas.draw.text((MARGIN, top), text, font=more, fill=MUTED)
        top += 40
    top = _legend(canvas, top + 16, grid.rows, words)
    return encode(canvas, draw_footer(canvas, top + 20, words))


def _legend(canvas: Canvas, top: int, rows: Sequence[GridRow], words: Words) -> int:
    marks = {mark for row in rows for mark in row.marks}
    items = [
        LegendItem(cell_image(_KIND[mark], 26), words.kind(_KIND[mark]))
        for mark in (Mark.DONE, Mark.RESTED, Mark.FROZEN, Mark.MISSED)
        if mark in marks
    ]
    return draw_legend(canvas, top, items, 26) if items else top
