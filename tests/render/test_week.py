"""The weekly picture: it decodes, draws a bar a day and a line per best week."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bot.domain.group_days import GroupDay
from bot.domain.weeks import BestWeek, GroupWeek
from bot.render.card import MARGIN, WIDTH
from bot.render.palette import TILE
from bot.render.week import MAX_LINES, week_picture
from bot.render.words import ENGLISH
from tests.render.pictures import RUSSIAN, decoded, pixel

SUN = date(2026, 3, 8)
MAX_BYTES = 200 * 1024


def week(
    best_weeks: tuple[BestWeek, ...], showed_up: tuple[int, ...] = (3, 5, 0, 9, 9, 1, 2)
) -> GroupWeek:
    days = tuple(GroupDay(SUN - timedelta(days=6 - i), n, 9) for i, n in enumerate(showed_up))
    return GroupWeek(days, sum(showed_up), 0.4, 12, best_weeks)


def records(count: int, name: str = "Member") -> tuple[BestWeek, ...]:
    return tuple(BestWeek(f"{name} {i}", 6, 5) for i in range(count))


def test_more_lines_make_a_taller_picture_up_to_the_limit() -> None:
    heights = [
        decoded(week_picture(week(records(n)), title="G", words=ENGLISH)).height
        for n in (0, 1, 3, MAX_LINES, MAX_LINES + 5)
    ]
    assert heights[0] < heights[1] < heights[2] < heights[3]
    # Past the limit, the rest is one "+N" line, whatever their number.
    assert (
        heights[4]
        == decoded(week_picture(week(records(MAX_LINES + 50)), title="G", words=ENGLISH)).height
    )


def test_each_best_week_gets_its_own_row() -> None:
    image = decoded(week_picture(week(records(3)), title="G", words=ENGLISH))
    assert image.width == WIDTH
    # Down the left edge, left of the bars: the row of figures, then one box per line.
    column = "".join(
        "t" if pixel(image, (MARGIN + 20, y)) == TILE else "." for y in range(image.height)
    )
    boxes = [run for run in column.split(".") if len(run) >= 20]
    assert len(boxes) == 1 + 3


@pytest.mark.parametrize(
    "names",
    [
        ("Анна", "Богдан", "Вера"),
        ("🔥", "🚀🚀", ""),
        ("x" * 200, "Zoë‍👩‍👩‍👧", "سارة"),
    ],
)
def test_any_names_render(names: tuple[str, ...]) -> None:
    best = tuple(BestWeek(name, 7, 6) for name in names)
    png = week_picture(week(best), title="Утренние страницы ✍️", words=RUSSIAN)
    assert decoded(png).width == WIDTH
    assert len(png) < MAX_BYTES


def test_a_week_nobody_was_active() -> None:
    empty = GroupWeek(
        tuple(GroupDay(SUN - timedelta(days=6 - i), 0, 0) for i in range(7)), 0, None, 0, ()
    )
    assert decoded(week_picture(empty, title="Quiet", words=ENGLISH)).width == WIDTH


def test_the_largest_week_stays_under_the_size_limit() -> None:
    png = week_picture(
        week(records(MAX_LINES + 3, "Участник с очень длинным именем"), (999,) * 7),
        title="G" * 80,
        words=RUSSIAN,
    )
    assert len(png) < MAX_BYTES
