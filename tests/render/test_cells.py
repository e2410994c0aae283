"""Each kind of day can be told apart at a glance: a missed day on the paper, on a phone."""

from __future__ import annotations

from datetime import date, timedelta

from PIL import Image

from bot.domain.member_days import YEAR_DAYS, DayKind
from bot.render.cells import KEY, cell_image
from bot.render.heatmap import heatmap_grid
from bot.render.palette import PAPER, RGB
from tests.render.pictures import pixel

TODAY = date(2026, 3, 12)
# Telegram shows the 1000-pixel-wide picture about 400 wide on a phone.
PHONE = 0.4
# WCAG's least contrast for the parts of a graphic one must see.
GRAPHICS_CONTRAST = 3.0


def luminance(colour: RGB) -> float:
    """WCAG's relative luminance."""

    def linear(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(v) for v in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: RGB, b: RGB) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def on_a_phone(kind: DayKind) -> list[RGB]:
    """The pixels of a year's cell of ``kind`` as a phone shows them (averaged down)."""
    size = heatmap_grid(TODAY - timedelta(days=YEAR_DAYS - 1), TODAY).cell
    small = round(size * PHONE)
    shown = cell_image(kind, size).resize((small, small), Image.Resampling.BOX)
    rgb = shown.convert("RGB")
    return [pixel(rgb, (x, y)) for y in range(small) for x in range(small)]


def test_a_missed_day_stands_out_from_the_paper_on_a_phone() -> None:
    seen = on_a_phone(DayKind.MISSED)
    darkest = min(seen, key=luminance)
    assert contrast(darkest, PAPER) >= GRAPHICS_CONTRAST
    assert contrast(KEY[DayKind.MISSED], PAPER) >= GRAPHICS_CONTRAST
    # The whole cell reads as a tile, not as the paper around it.
    mean = tuple(round(sum(p[i] for p in seen) / len(seen)) for i in range(3))
    assert contrast((mean[0], mean[1], mean[2]), PAPER) >= 1.4


def test_a_missed_day_is_neither_an_empty_day_nor_another_kind() -> None:
    drawn = [kind for kind in DayKind if kind not in (DayKind.OPEN, DayKind.BEFORE_START)]
    keys = [KEY[kind] for kind in drawn]
    assert len(set(keys)) == len(keys)
    assert PAPER not in keys
    missed, open_today = on_a_phone(DayKind.MISSED), on_a_phone(DayKind.OPEN)
    assert missed != open_today
