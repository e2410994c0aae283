"""The pictures in every language the bot speaks, with the words of its catalogs."""

from __future__ import annotations

from dataclasses import fields

import pytest

from bot import i18n, texts
from bot.render.heatmap import year_heatmap
from bot.render.text import drawable
from bot.render.week import week_picture
from tests.render.pictures import decoded
from tests.render.test_heatmap import MAX_BYTES, busiest_year
from tests.render.test_week import records, week


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_the_font_draws_every_word_of_each_language(language: str) -> None:
    with i18n.speaking(language):
        words = texts.picture_words()
    shown = [getattr(words, f.name) for f in fields(words) if f.type == "str"]
    shown += [*words.months, *words.date_months, *words.weekdays]
    for word in shown:
        seen = word.replace("\xa0", " ")  # a no-break space ("50 %") is drawn as a space
        assert drawable(word) == seen
        assert drawable(word, bold=True) == seen


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_the_pictures_are_drawn_in_each_language(language: str) -> None:
    with i18n.speaking(language):
        words = texts.picture_words()
    year = year_heatmap(busiest_year(), title="Александра Fernández", words=words)
    assert len(year) <= MAX_BYTES
    decoded(year)
    decoded(week_picture(week(records(3)), title="Writers", words=words))
