"""``/stats``: a member's or a group's last year as a PNG calendar heatmap.

Pure: a ``MemberYear`` or ``GroupYear`` (see ``bot.domain``), a title and the words come
in, PNG bytes come out. A member's days are told apart by colour and shape (see
``cells``); a group's are shaded by the share of its active members who showed up.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PIL import Image

from bot.domain.group_days import GroupDay, GroupYear
from bot.domain.member_days import DayKind, MemberYear
from bot.render.calendar_grid import Grid, draw_grid, year_grid
from bot.render.card import (
    HEADER_HEIGHT,
    MARGIN,
    TILE_HEIGHT,
    LegendItem,
    Tile,
    draw_footer,
    draw_header,
    draw_legend,
    draw_tiles,
    encode,
    new_canvas,
)
from bot.render.cells import cell_image, share_image, share_step
from bot.render.palette import SHARE_STEPS
from bot.render.words import Words

__all__ = ["heatmap_grid", "year_heatmap"]

_GRID_GAP = 40  # between the figures and the grid
_LEGEND_GAP = 30
# The legend's swatches: a year's cell, never a few weeks' large one.
_LEGEND_SWATCH = 28


def heatmap_grid(first: date, last: date) -> Grid:
    """Where ``year_heatmap`` puts the days of ``first``..``last`` (the same for every
    title and every language)."""
    return year_grid(first, last, MARGIN + HEADER_HEIGHT + TILE_HEIGHT + _GRID_GAP)


def year_heatmap(year: MemberYear | GroupYear, *, title: str, words: Words) -> bytes:
    """The picture of ``year`` (a member's or a group's) as PNG bytes.

    ``title`` is drawn as it is (a picture needs no escaping); characters the bundled font
    can't draw (emoji, say) are left out, and ``words.nameless`` stands in for a title with
    nothing left.
    """
    first, today = _first(year), year.today
    grid = heatmap_grid(first, today)
    canvas = new_canvas()
    subtitle = words.period.format(first=words.full_date(first), last=words.full_date(today))
    top = draw_header(canvas, title, subtitle, words)
    if isinstance(year, MemberYear):
        tiles, cell, legend = _member_parts(year, grid, words)
    else:
        tiles, cell, legend = _group_parts(year, grid, words)
    draw_tiles(canvas, top, tiles)
    draw_grid(canvas, grid, words, cell)
    bottom = draw_legend(canvas, grid.bottom + _LEGEND_GAP, legend, _swatch(grid))
    return encode(canvas, draw_footer(canvas, bottom, words))


def _swatch(grid: Grid) -> int:
    return min(grid.cell, _LEGEND_SWATCH)


def _first(year: MemberYear | GroupYear) -> date:
    if isinstance(year, MemberYear):
        return year.first
    return year.days[0].day


Cell = Callable[[date], Image.Image | None]


def _member_parts(
    year: MemberYear, grid: Grid, words: Words
) -> tuple[list[Tile], Cell, list[LegendItem]]:
    figures = year.figures
    month = figures.best_month
    tiles = [
        Tile(str(figures.current_streak), words.current_streak),
        Tile(str(figures.best_streak), words.best_streak),
        Tile(f"{figures.consistency}/{figures.consistency_window}", words.consistency),
        Tile(f"{words.month(month.month)} {month.year}" if month else "–", words.best_month),
        Tile(str(figures.cheers), words.cheers),
    ]

    def cell(day: date) -> Image.Image | None:
        kind = year.kind_on(day)
        if kind is DayKind.BEFORE_START:
            return None
        return cell_image(kind, grid.cell, proved=day in year.proved)

    shown = set(year.days) | {DayKind.CHECKED_IN}
    legend = [
        LegendItem(cell_image(kind, _swatch(grid)), words.kind(kind))
        for kind in DayKind
        if kind in shown and kind is not DayKind.BEFORE_START
    ]
    if year.proved:
        proved = cell_image(DayKind.CHECKED_IN, _swatch(grid), proved=True)
        legend.insert(1, LegendItem(proved, words.with_proof))
    return tiles, cell, legend


def _group_parts(
    year: GroupYear, grid: Grid, words: Words
) -> tuple[list[Tile], Cell, list[LegendItem]]:
    figures = year.figures
    best = figures.best_day
    average = figures.average_share
    tiles = [
        Tile(str(figures.group_streak), words.group_streak),
        Tile(
            f"{best.showed_up}/{best.active}" if best else "–",
            f"{words.best_day}\n{words.short_date(best.day)}" if best else words.best_day,
        ),
        Tile(words.share(average) if average is not None else "–", words.average_share),
        Tile(str(figures.active_today), words.active_members),
        Tile(str(figures.check_ins), words.check_ins),
    ]
    by_day = {d.day: d for d in year.days}
    today_open = by_day[year.today].showed_up == 0

    def cell(day: date) -> Image.Image | None:
        if year.started is None or day < year.started:
            return None
        return _group_cell(by_day[day], grid.cell, open_today=today_open and day == year.today)

    legend = [
        LegendItem(None, words.share_none),
        LegendItem(cell_image(DayKind.MISSED, _swatch(grid)), ""),
        *(LegendItem(share_image(step, _swatch(grid)), "") for step in range(len(SHARE_STEPS))),
        LegendItem(None, words.share_all),
    ]
    if today_open:
        legend.append(LegendItem(cell_image(DayKind.OPEN, _swatch(grid)), words.open_today))
    return tiles, cell, legend


def _group_cell(day: GroupDay, size: int, *, open_today: bool) -> Image.Image:
    if open_today:
        return cell_image(DayKind.OPEN, size)
    if day.showed_up == 0:
        return cell_image(DayKind.MISSED, size)
    return share_image(share_step(day.share), size)
