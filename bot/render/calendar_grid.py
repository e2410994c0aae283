"""Where each day of a picture goes: a contribution graph, weeks as columns, Monday on top.

A year is 53 weeks; in one row of 53 columns a phone would show each day a few pixels
wide. So the weeks are laid out in bands of at most ``BAND_WEEKS`` columns, one above the
other (the older first), each with its own month labels and the weekday names on the
left: a year takes two, half a year or less one. A few weeks get larger cells (up to
``MAX_PITCH``), no grid is taller than a year's, and the grid is centred on the picture.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from PIL import Image

from bot.render.card import MARGIN, WIDTH, Canvas
from bot.render.palette import INK, MUTED
from bot.render.text import drawable, font
from bot.render.words import Words

__all__ = ["BAND_WEEKS", "Grid", "draw_grid", "year_grid"]

BAND_WEEKS = 27  # half of a year's 53 weeks, rounded up
MAX_PITCH = 64  # a few weeks' cells: large, yet not a poster
LABEL_SIZE = 24
WEEKDAY_WIDTH = 60  # room on the left for the weekday names
MONTH_ROW = 34  # room above each band for the month names
BAND_GAP = 26
# A year's two bands are this tall; no grid is taller (two bands of a few weeks each keep
# a year's cells, and leave room on the sides instead).
MAX_GRID_HEIGHT = 530


@dataclass(frozen=True, slots=True)
class Grid:
    """The cells of the days ``first``..``last``, laid out from ``top``."""

    first: date
    last: date
    top: int
    per_band: int  # columns (weeks) in each band
    pitch: int  # from one cell to the next
    cell: int  # a cell's side
    left: int  # the first column's left edge (the weekday names are before it)

    @property
    def start(self) -> date:
        """The Monday of the first column."""
        return self.first - timedelta(days=self.first.weekday())

    @property
    def columns(self) -> int:
        return (self.last - self.start).days // 7 + 1

    @property
    def bands(self) -> int:
        return -(-self.columns // self.per_band)

    @property
    def band_height(self) -> int:
        return MONTH_ROW + 7 * self.pitch

    @property
    def bottom(self) -> int:
        return self.top + self.bands * self.band_height + (self.bands - 1) * BAND_GAP

    def _band_top(self, band: int) -> int:
        return self.top + band * (self.band_height + BAND_GAP)

    def corner(self, day: date) -> tuple[int, int]:
        """The top left pixel of ``day``'s cell."""
        if not self.first <= day <= self.last:
            raise ValueError(f"{day} is outside {self.first}..{self.last}")
        column = (day - self.start).days // 7
        band, column = divmod(column, self.per_band)
        x = self.left + column * self.pitch
        return x, self._band_top(band) + MONTH_ROW + day.weekday() * self.pitch

    def centre(self, day: date) -> tuple[int, int]:
        x, y = self.corner(day)
        return x + self.cell // 2, y + self.cell // 2

    def days(self) -> list[date]:
        return [self.first + timedelta(days=i) for i in range((self.last - self.first).days + 1)]


def year_grid(first: date, last: date, top: int) -> Grid:
    """The grid for ``first``..``last`` as wide as the picture allows, centred on it."""
    start = first - timedelta(days=first.weekday())
    columns = (last - start).days // 7 + 1
    bands = -(-columns // BAND_WEEKS)
    per_band = -(-columns // bands)
    room = WIDTH - 2 * MARGIN - WEEKDAY_WIDTH
    tallest = (MAX_GRID_HEIGHT - bands * MONTH_ROW - (bands - 1) * BAND_GAP) // (7 * bands)
    pitch = min(MAX_PITCH, room // per_band, tallest)
    cell = pitch - max(3, pitch // 6)
    # The gap after the last column is not drawn: it takes no room.
    left = MARGIN + WEEKDAY_WIDTH + (room - (per_band - 1) * pitch - cell) // 2
    return Grid(first, last, top, per_band, pitch, cell, left)


def _month_labels(grid: Grid, words: Words) -> list[tuple[int, int, str]]:
    """(band, column, name) of each month label: at the column holding the month's first
    day, and at each band's first column unless a label follows too closely."""
    face = font(LABEL_SIZE)
    labels: list[tuple[int, int, str]] = []
    for column in range(grid.columns):
        monday = grid.start + timedelta(weeks=column)
        week = [monday + timedelta(days=i) for i in range(7)]
        shown = [d for d in week if grid.first <= d <= grid.last]
        band, at = divmod(column, grid.per_band)
        first_of_month = next((d for d in shown if d.day == 1), None)
        if first_of_month is not None:
            labels.append((band, at, words.month(first_of_month.month)))
        elif at == 0 and shown:
            labels.append((band, at, words.month(shown[0].month)))
    kept: list[tuple[int, int, str]] = []
    for index, (band, at, name) in enumerate(labels):
        following = labels[index + 1] if index + 1 < len(labels) else None
        room = (following[1] - at) * grid.pitch if following and following[0] == band else 1e9
        if face.getlength(name) + 6 <= room:
            kept.append((band, at, name))
    return kept


def draw_grid(
    canvas: Canvas, grid: Grid, words: Words, cell: Callable[[date], Image.Image | None]
) -> None:
    """The month and weekday names and every day's cell (``cell`` gives the image, or None
    to leave the day blank)."""
    face = font(LABEL_SIZE)
    for band in range(grid.bands):
        top = grid.top + band * (grid.band_height + BAND_GAP)
        for row, name in enumerate(words.weekdays):
            y = top + MONTH_ROW + row * grid.pitch + grid.cell / 2
            canvas.draw.text(
                (grid.left - 12, y), drawable(name), font=face, fill=MUTED, anchor="rm"
            )
    for band, at, name in _month_labels(grid, words):
        top = grid.top + band * (grid.band_height + BAND_GAP)
        canvas.draw.text((grid.left + at * grid.pitch, top), drawable(name), font=face, fill=INK)
    for day in grid.days():
        image = cell(day)
        if image is not None:
            canvas.image.paste(image, grid.corner(day))
