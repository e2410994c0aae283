"""Text on the pictures: what the bundled font can draw, fitting, the words, and the fonts
shipped with the package."""

from __future__ import annotations

import fnmatch
import tomllib
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from bot.render.text import FONTS, drawable, fitted, font, truncated
from bot.render.words import ENGLISH
from tests.render.pictures import RUSSIAN

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("Анна Каренина", "Анна Каренина"),
        ("Ünal Çelik, Łukasz, Ñandú", "Ünal Çelik, Łukasz, Ñandú"),
        ("Дмитрий 🔥", "Дмитрий"),
        ("🔥 Sam 🚀 ", "Sam"),
        ("Zoë\u200d\u200b", "Zoë"),
        ("a\x00b\tc\nd", "ab c d"),
        ("e\u0301", "é"),  # composed, so the accent sits on its letter
        ("🔥🚀", "?"),
        ("李小龙", "?"),
        ("", "?"),
    ],
)
def test_only_what_the_font_can_draw_is_kept(name: str, shown: str) -> None:
    assert drawable(name, fallback="?") == shown
    assert drawable(name, bold=True, fallback="?") == shown


@pytest.mark.parametrize("bold", [False, True])
def test_the_font_draws_every_letter_of_the_bots_languages(bold: bool) -> None:
    letters = (
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
        "áéíóúüñÁÉÍÓÚÜÑ¿¡"  # Spanish
        "ãõâêôàçÃÕÂÊÔÀÇ"  # Portuguese
        "äöüßÄÖÜẞ„“"  # German
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ«»"  # Russian
        "–—…→%/·"
    )
    assert drawable(letters, bold=bold) == letters


def test_text_too_wide_is_cut_with_an_ellipsis() -> None:
    face = font(30)
    long = "Александра Константиновна " * 5
    cut = truncated(long, face, 300)
    assert cut.endswith("…")
    assert face.getlength(cut) <= 300
    assert truncated("Anna", face, 300) == "Anna"


def test_fitted_shrinks_first_then_cuts() -> None:
    text, face = fitted("Maria Fernández", 1000, 50, bold=True)
    assert (text, face.size) == ("Maria Fernández", 50)
    text, face = fitted("Maria Fernández", 300, 50, bold=True, smallest=20)
    assert text == "Maria Fernández"
    assert face.size < 50
    assert face.getlength(text) <= 300
    text, face = fitted("Maria Fernández" * 10, 300, 50, smallest=30)
    assert face.size == 30
    assert text.endswith("…")


def test_words_format_dates_and_shares() -> None:
    assert ENGLISH.full_date(date(2026, 3, 5)) == "5 Mar 2026"
    assert RUSSIAN.short_date(date(2026, 12, 31)) == "31 дек"
    assert ENGLISH.share(0.666) == "67%"
    assert RUSSIAN.share(1.0) == "100 %"


def test_words_need_every_month_and_weekday() -> None:
    with pytest.raises(ValueError, match="12 month names"):
        replace(ENGLISH, months=ENGLISH.months[:11])
    with pytest.raises(ValueError, match="7 weekday names"):
        replace(ENGLISH, weekdays=ENGLISH.weekdays[1:])


def test_the_fonts_and_their_licence_are_package_data() -> None:
    names = {path.name for path in FONTS.iterdir()}
    assert {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "LICENSE"} <= names
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    patterns = pyproject["tool"]["setuptools"]["package-data"]["bot"]
    for name in names:
        path = f"render/fonts/{name}"
        assert any(fnmatch.fnmatch(path, pattern) for pattern in patterns), path
