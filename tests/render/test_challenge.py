"""A challenge's picture: a row of cells a member, each day drawn as its kind, and a long
challenge of a big group still fits the picture."""

from __future__ import annotations

from datetime import date, timedelta

from bot.domain.challenges import ChallengeRules, progress
from bot.domain.member_days import DayKind
from bot.render import ChallengeGrid, GridRow, challenge_picture
from bot.render.cells import KEY
from bot.render.words import ENGLISH
from tests.render.pictures import RUSSIAN, decoded, pixel

FIRST = date(2027, 1, 4)


def _grid(days: int, members: int) -> ChallengeGrid:
    rules = ChallengeRules(FIRST, FIRST + timedelta(days=days - 1), None, False, 7, 2)
    end = rules.last_day + timedelta(days=1)
    rows = []
    for n in range(members):
        counted = {FIRST + timedelta(days=d) for d in range(days) if (d + n) % 5}
        seen = progress(rules, counted, end)
        rows.append(GridRow(f"Member {n}", seen.marks, seen.completed))
    return ChallengeGrid(FIRST, rules.last_day, tuple(rows), total=days * members)


def _colours(image_png: bytes) -> set[tuple[int, int, int]]:
    image = decoded(image_png)
    return {
        pixel(image, (x, y)) for x in range(0, image.width, 3) for y in range(0, image.height, 2)
    }


def test_a_week_draws_checked_in_and_missed_days() -> None:
    png = challenge_picture(_grid(7, 3), title="No sugar", words=ENGLISH)
    colours = _colours(png)
    assert KEY[DayKind.CHECKED_IN] in colours
    assert KEY[DayKind.MISSED] in colours


def test_a_year_of_a_big_group_fits_the_picture() -> None:
    png = challenge_picture(_grid(366, 40), title="A whole year", words=RUSSIAN)
    image = decoded(png)
    assert image.width == 1000
    assert image.height <= 2400
    # The footer is drawn: the picture ends below the rows, not cut through them.
    assert KEY[DayKind.CHECKED_IN] in _colours(png)
