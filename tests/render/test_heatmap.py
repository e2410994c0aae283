"""/stats pictures: they decode, show each day as its kind, and stay small."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from bot.domain.group_days import GroupYear, group_year
from bot.domain.member_days import (
    YEAR_DAYS,
    DayKind,
    MemberFigures,
    MemberYear,
    member_year,
    picture_days,
)
from bot.domain.streaks import Break, Mark, Rules
from bot.render.calendar_grid import MONTH_ROW, WEEKDAY_WIDTH
from bot.render.card import MARGIN, WIDTH
from bot.render.cells import KEY, share_step
from bot.render.heatmap import heatmap_grid, year_heatmap
from bot.render.palette import GREEN, INK, PAPER, SHARE_STEPS, TILE
from bot.render.words import ENGLISH
from tests.render.pictures import RUSSIAN, decoded, pixel

TODAY = date(2026, 3, 12)
RULES = Rules(rest_weekdays=frozenset({6}), fail_counts=True)
MAX_BYTES = 200 * 1024


def history(rng: random.Random, check_ins: int) -> dict[date, Mark]:
    """``check_ins`` DONE days and a few fails among the last year, never on Sunday."""
    days = [TODAY - timedelta(days=i) for i in range(1, YEAR_DAYS)]
    working = [day for day in days if day.weekday() != 6]
    chosen = rng.sample(working, check_ins + 20)
    marks = dict.fromkeys(chosen[:check_ins], Mark.DONE)
    marks.update(dict.fromkeys(chosen[check_ins:], Mark.FAIL))
    return marks


def busiest_year() -> MemberYear:
    """Every kind of day scattered at random: the most a picture's PNG has to hold."""
    rng = random.Random(5)
    kinds = [k for k in DayKind if k is not DayKind.BEFORE_START]
    figures = MemberFigures(12345, 99999, 30, 30, None, 1_000_000, 365)
    return MemberYear(TODAY, tuple(rng.choice(kinds) for _ in range(YEAR_DAYS)), figures)


@pytest.mark.parametrize("check_ins", [0, 1, 57, 200, 290])
def test_a_year_with_n_check_ins_shows_n_check_in_cells(check_ins: int) -> None:
    days = history(random.Random(check_ins), check_ins)
    breaks = [Break(TODAY - timedelta(days=40), TODAY - timedelta(days=35))]
    year = member_year(days, breaks, RULES, TODAY, cheers=2)
    image = decoded(year_heatmap(year, title="Maria", words=ENGLISH))
    grid = heatmap_grid(year.first, TODAY)
    centres = [pixel(image, grid.centre(day)) for day in grid.days()]
    assert centres.count(KEY[DayKind.CHECKED_IN]) == check_ins


def test_every_cell_shows_its_kind() -> None:
    year = busiest_year()
    image = decoded(year_heatmap(year, title="Maria", words=ENGLISH))
    grid = heatmap_grid(year.first, TODAY)
    for day, kind in zip(grid.days(), year.days, strict=True):
        assert pixel(image, grid.centre(day)) == KEY[kind], (day, kind)


def test_days_before_the_start_are_left_blank() -> None:
    year = member_year({TODAY - timedelta(days=3): Mark.DONE}, [], RULES, TODAY)
    image = decoded(year_heatmap(year, title="New", words=ENGLISH))
    grid = heatmap_grid(year.first, TODAY)
    x, y = grid.corner(year.first)
    blank = {pixel(image, (x + dx, y + dy)) for dx in range(grid.cell) for dy in range(grid.cell)}
    assert blank == {PAPER}
    assert pixel(image, grid.centre(TODAY - timedelta(days=3))) == KEY[DayKind.CHECKED_IN]
    assert pixel(image, grid.centre(TODAY - timedelta(days=1))) == KEY[DayKind.MISSED]
    # Today, open: its outline is drawn in ink.
    x, y = grid.corner(TODAY)
    assert pixel(image, (x + grid.cell // 2, y + 1)) == INK


def test_the_picture_has_the_width_it_promises_and_a_plain_background() -> None:
    image = decoded(year_heatmap(busiest_year(), title="Maria", words=ENGLISH))
    assert image.width == WIDTH
    assert 800 <= image.height <= 1200
    assert pixel(image, (2, 2)) == PAPER
    # The figures' boxes keep their exact colour through the PNG's palette.
    assert pixel(image, (60, 290)) == TILE


def test_a_full_busy_year_stays_under_the_size_limit() -> None:
    for words in (ENGLISH, RUSSIAN):
        assert len(year_heatmap(busiest_year(), title="Maria", words=words)) < MAX_BYTES
    group = group_of(40)
    assert len(year_heatmap(group, title="Group", words=ENGLISH)) < MAX_BYTES


def group_of(size: int) -> GroupYear:
    rng = random.Random(size)
    members = []
    for _ in range(size):
        joined, chance = rng.randrange(YEAR_DAYS + 30), rng.random()
        members.append(
            {TODAY - timedelta(days=i): Mark.DONE for i in range(joined) if rng.random() < chance}
        )
    return group_year(members, RULES, TODAY, share_percent=50)


def test_a_group_day_is_shaded_by_its_share() -> None:
    year = group_of(12)
    image = decoded(year_heatmap(year, title="Group", words=ENGLISH))
    grid = heatmap_grid(year.days[0].day, TODAY)
    assert year.started is not None
    shades = set()
    for day in year.days:
        centre = pixel(image, grid.centre(day.day))
        if day.day < year.started:
            assert centre == PAPER
        elif day.day == TODAY and not day.showed_up:
            assert centre == KEY[DayKind.OPEN]
        elif not day.showed_up:
            assert centre == KEY[DayKind.MISSED]
        else:
            assert centre == SHARE_STEPS[share_step(day.share)]
            shades.add(centre)
    assert len(shades) == len(SHARE_STEPS)  # the example uses every shade


def test_share_steps() -> None:
    assert [share_step(s) for s in (0.01, 0.25, 0.26, 0.5, 0.51, 0.75, 0.76, 0.99, 1.0)] == [
        0,
        0,
        1,
        1,
        2,
        2,
        3,
        3,
        4,
    ]


@pytest.mark.parametrize(
    "title",
    [
        "Анна Каренина",
        "Дмитрий 🔥🔥",
        "🔥🚀",  # nothing drawable: the placeholder stands in
        "",
        "Zoë‍ 👩‍👩‍👧 Ünal",
        "שרה",
        "سارة",
        "李小龙",
        "a\x00b\u202ec\ufe0f",
        "W" * 300,
        'Escaped <b>nothing</b> & "that\'s fine"',
    ],
)
def test_any_title_renders(title: str) -> None:
    image = decoded(year_heatmap(busiest_year(), title=title, words=RUSSIAN))
    assert image.width == WIDTH


def test_a_cyrillic_title_is_drawn() -> None:
    """The title's band holds ink for a Cyrillic name, as much as for a Latin one."""

    def inked(title: str) -> int:
        image = decoded(year_heatmap(busiest_year(), title=title, words=RUSSIAN))
        band = image.crop((0, 40, WIDTH, 100)).convert("L")
        return sum(band.histogram()[:128])

    assert inked("Анна Каренина") > 0.7 * inked("Anna Karenina")


def newcomer(weeks: int) -> dict[date, Mark]:
    """A member whose first entry was on the Wednesday ``weeks - 1`` weeks before this
    one: most days checked in, a few honest fails, a few missed."""
    this_monday = TODAY - timedelta(days=TODAY.weekday())
    first = this_monday - timedelta(weeks=weeks - 1) + timedelta(days=2)
    marks = {}
    for offset in range((TODAY - first).days):
        if offset % 6 != 4:
            marks[first + timedelta(days=offset)] = Mark.FAIL if offset % 9 == 3 else Mark.DONE
    return marks


@pytest.mark.parametrize("weeks", [4, 10])
def test_a_short_picture_draws_its_weeks_large_in_one_band(weeks: int) -> None:
    """A newcomer's picture: the weeks since their first entry, in one band of cells larger
    than a year's, centred, with the month names above and the legend below, every day
    showing its kind."""
    days = newcomer(weeks)
    year = member_year(days, [], RULES, TODAY, length=picture_days(min(days), TODAY))
    image = decoded(year_heatmap(year, title="Maria", words=ENGLISH))
    grid = heatmap_grid(year.first, TODAY)
    whole_year = heatmap_grid(TODAY - timedelta(days=YEAR_DAYS - 1), TODAY)
    assert year.first.weekday() == 0
    assert grid.columns == weeks
    assert grid.bands == 1
    assert whole_year.cell < grid.cell <= 2 * whole_year.pitch
    # Centred: as much room on the left of the weekday names as on the right of the cells.
    right = grid.left + grid.columns * grid.pitch
    assert abs((grid.left - WEEKDAY_WIDTH) - (WIDTH - right)) <= grid.pitch
    assert grid.left - WEEKDAY_WIDTH >= MARGIN
    assert grid.bottom < image.height <= 1300
    for day, kind in zip(grid.days(), year.days, strict=True):
        assert pixel(image, grid.centre(day)) == KEY[kind], (day, kind)
    # The month's name above the first column; the legend's green swatch below the cells.
    label = image.crop((grid.left, grid.top, grid.left + 2 * grid.pitch, grid.top + MONTH_ROW))
    assert INK in {colour for _, colour in label.getcolors(maxcolors=4096) or []}
    legend = image.crop((0, grid.bottom, WIDTH, image.height))
    assert GREEN in {colour for _, colour in legend.getcolors(maxcolors=4096) or []}


@pytest.mark.parametrize("weeks", [4, 10])
def test_a_young_groups_picture_draws_its_weeks(weeks: int) -> None:
    members = [newcomer(weeks), dict(list(newcomer(weeks).items())[::3])]
    first = min(min(m) for m in members)
    year = group_year(members, RULES, TODAY, length=picture_days(first, TODAY))
    image = decoded(year_heatmap(year, title="Group", words=ENGLISH))
    grid = heatmap_grid(year.days[0].day, TODAY)
    assert (grid.columns, grid.bands) == (weeks, 1)
    assert grid.bottom < image.height <= 1300
    for day in year.days:
        centre = pixel(image, grid.centre(day.day))
        if day.day < first:
            assert centre == PAPER
        elif day.showed_up:
            assert centre == SHARE_STEPS[share_step(day.share)]


def test_a_years_picture_keeps_two_bands() -> None:
    assert heatmap_grid(TODAY - timedelta(days=YEAR_DAYS - 1), TODAY).bands == 2


def test_a_day_with_proof_carries_a_mark_in_its_corner() -> None:
    days = {TODAY - timedelta(days=n): Mark.DONE for n in range(3)}
    proved = TODAY - timedelta(days=1)
    year = member_year(days, [], RULES, TODAY, proved=frozenset({proved}))
    image = decoded(year_heatmap(year, title="Maria", words=ENGLISH))
    grid = heatmap_grid(year.first, TODAY)

    def corner(day: date) -> tuple[int, int, int]:
        x, y = grid.corner(day)
        return pixel(image, (x + round(grid.cell * 0.72), y + round(grid.cell * 0.28)))

    assert corner(proved) == PAPER
    assert corner(TODAY) == KEY[DayKind.CHECKED_IN]
    # The centre keeps the kind's colour.
    assert pixel(image, grid.centre(proved)) == KEY[DayKind.CHECKED_IN]
