"""The weekly picture: a group's seven days, and who beat their own best week.

Pure: a ``GroupWeek`` (see ``bot.domain.weeks``), the group's title and the words come in,
PNG bytes come out. Each day is a bar as tall as the share of active members who showed
up, with "showed up/active" on it; below, a line for each member who beat their best week,
with their previous best and this week's days ("5 → 6").
"""

from __future__ import annotations

from bot.domain.group_days import GroupDay
from bot.domain.weeks import BestWeek, GroupWeek
from bot.render.card import (
    MARGIN,
    WIDTH,
    Canvas,
    Tile,
    draw_footer,
    draw_header,
    draw_tiles,
    encode,
    new_canvas,
)
from bot.render.cells import share_step
from bot.render.palette import GREEN, INK, MUTED, PALE, SHARE_STEPS, TILE
from bot.render.text import drawable, fitted, font, truncated
from bot.render.words import Words

__all__ = ["MAX_LINES", "week_picture"]

# Members listed by name at most; the others are counted in one "+N" line.
MAX_LINES = 8

_BARS_TOP_GAP = 36
_COUNT_ROW = 40
_BAR_HEIGHT = 230
_BAR_WIDTH = 84
_ROW_HEIGHT = 58
_NAME_SIZE = 28


def week_picture(week: GroupWeek, *, title: str, words: Words) -> bytes:
    """The picture of ``week`` as PNG bytes. ``title`` is drawn as it is, as in
    ``year_heatmap``."""
    canvas = new_canvas()
    subtitle = words.period.format(
        first=words.short_date(week.first), last=words.short_date(week.last)
    )
    top = draw_header(canvas, title, subtitle, words)
    average = week.average_share
    tiles = [
        Tile(str(week.check_ins), words.check_ins),
        Tile(words.share(average) if average is not None else "–", words.average_share),
        Tile(str(week.group_streak), words.group_streak),
    ]
    top = draw_tiles(canvas, top, tiles)
    top = _draw_bars(canvas, top + _BARS_TOP_GAP, week.days, words)
    top = _draw_best_weeks(canvas, top + 40, week.best_weeks, words)
    return encode(canvas, draw_footer(canvas, top + 28, words))


def _draw_bars(canvas: Canvas, top: int, days: tuple[GroupDay, ...], words: Words) -> int:
    """One bar a day under its "showed up/active"; returns the y below the weekday names."""
    column = (WIDTH - 2 * MARGIN) / len(days)
    weekday_face = font(24, bold=True)
    date_face = font(22)
    bars_top = top + _COUNT_ROW
    bottom = bars_top + _BAR_HEIGHT
    for index, day in enumerate(days):
        centre = MARGIN + column * (index + 0.5)
        left, right = round(centre - _BAR_WIDTH / 2), round(centre + _BAR_WIDTH / 2)
        label = f"{day.showed_up}/{day.active}"
        count, face = fitted(label, column - 6, 26, bold=True, smallest=20)
        canvas.draw.text(
            (centre, top + _COUNT_ROW / 2 - 4), count, font=face, fill=INK, anchor="mm"
        )
        canvas.draw.rounded_rectangle((left, bars_top, right, bottom), 14, fill=TILE)
        if day.showed_up:
            # At least a rounded stub, so that one member out of many still shows.
            height = max(30, round(_BAR_HEIGHT * day.share))
            colour = SHARE_STEPS[share_step(day.share)]
            canvas.draw.rounded_rectangle((left, bottom - height, right, bottom), 14, fill=colour)
        else:
            canvas.draw.rounded_rectangle((left, bottom - 8, right, bottom), 4, fill=PALE)
        name = truncated(drawable(words.weekdays[day.day.weekday()]), weekday_face, column - 6)
        canvas.draw.text((centre, bottom + 24), name, font=weekday_face, fill=INK, anchor="mm")
        date = truncated(drawable(words.short_date(day.day)), date_face, column - 6)
        canvas.draw.text((centre, bottom + 54), date, font=date_face, fill=MUTED, anchor="mm")
    return bottom + 70


def _draw_best_weeks(canvas: Canvas, top: int, records: tuple[BestWeek, ...], words: Words) -> int:
    """The heading and a line per member who beat their best week; returns the y below."""
    width = WIDTH - 2 * MARGIN
    heading, face = fitted(drawable(words.best_weeks), width, 32, bold=True)
    canvas.draw.text((MARGIN, top), heading, font=face, fill=INK)
    y = top + 50
    if not records:
        note = font(24)
        canvas.draw.text(
            (MARGIN, y),
            truncated(drawable(words.no_best_weeks), note, width),
            font=note,
            fill=MUTED,
        )
        return y + 34
    shown = records if len(records) <= MAX_LINES else records[: MAX_LINES - 1]
    name_face, before_face = font(_NAME_SIZE, bold=True), font(_NAME_SIZE)
    for record in shown:
        box = (MARGIN, y, WIDTH - MARGIN, y + _ROW_HEIGHT - 10)
        canvas.draw.rounded_rectangle(box, 12, fill=TILE)
        middle = y + (_ROW_HEIGHT - 10) / 2
        # "5 → 6": the old best quietly, the new one in bold green.
        right = WIDTH - MARGIN - 20
        new, before = str(record.days), f"{record.previous_best} → "
        canvas.draw.text((right, middle), new, font=name_face, fill=GREEN, anchor="rm")
        right -= round(name_face.getlength(new))
        canvas.draw.text((right, middle), before, font=before_face, fill=MUTED, anchor="rm")
        right -= round(before_face.getlength(before))
        name = drawable(record.name, bold=True, fallback=words.nameless)
        name = truncated(name, name_face, right - MARGIN - 20 - 24)
        canvas.draw.text((MARGIN + 20, middle), name, font=name_face, fill=INK, anchor="lm")
        y += _ROW_HEIGHT
    left_off = len(records) - len(shown)
    if left_off:
        more = font(24)
        canvas.draw.text(
            (MARGIN + 20, y + 4), drawable(words.more.format(count=left_off)), font=more, fill=MUTED
        )
        y += 40
    return y
