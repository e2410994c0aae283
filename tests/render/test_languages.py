"""The pictures in every language the bot speaks, with the words of its catalogs."""

from __future__ import annotations

from dataclasses import fields, replace

import pytest

from bot import i18n, texts
from bot.render.heatmap import year_heatmap
from bot.render.text import drawable
from bot.render.week import week_picture
from bot.render.words import ENGLISH
from tests.render.pictures import decoded
from tests.render.test_heatmap import MAX_BYTES, busiest_year
from tests.render.test_week import records, week


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_the_font_draws_every_word_of_each_language(language: str) -> None:
    with i18n.speaking(language):
        words = texts.pictures.picture_words()
    shown = [getattr(words, f.name) for f in fields(words) if f.type == "str"]
    shown += [*words.months, *words.date_months, *words.weekdays]
    for word in shown:
        seen = word.replace("\xa0", " ")  # a no-break space ("50 %") is drawn as a space
        assert drawable(word) == seen
        assert drawable(word, bold=True) == seen


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_the_pictures_are_drawn_in_each_language(language: str) -> None:
    with i18n.speaking(language):
        words = texts.pictures.picture_words()
    year = year_heatmap(busiest_year(), title="Александра Fernández", words=words)
    assert len(year) <= MAX_BYTES
    decoded(year)
    decoded(week_picture(week(records(3)), title="Writers", words=words))


# What a German group reads on its pictures, written here by hand (CLDR's month and weekday
# names, and the catalog's words), so that the test shows the words, not the catalog itself.
GERMAN = replace(
    ENGLISH,
    months=("Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"),
    date_months=(
        "Jan.",
        "Feb.",
        "März",
        "Apr.",
        "Mai",
        "Juni",
        "Juli",
        "Aug.",
        "Sept.",
        "Okt.",
        "Nov.",
        "Dez.",
    ),
    weekdays=("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"),
    date_format="{day}. {month} {year}",
    short_date_format="{day}. {month}",
    percent="{value}\xa0%",
    current_streak="aktuelle Serie",
    best_streak="beste Serie",
    consistency="letzte 30 Tage",
    best_month="bester Monat",
    cheers="Anfeuerungen",
    checked_in="abgehakt",
    fail_counted="ehrlicher Ausrutscher",
    fail_uncounted="Ausrutscher, zählt nicht",
    rest="Ruhetag",
    on_break="Pause",
    frozen="Joker eingesetzt",
    missed="verpasst",
    open_today="heute",
    group_streak="Gruppenserie",
    best_day="bester Tag",
    average_share="im Schnitt dabei",
    active_members="aktive Mitglieder",
    check_ins="Einträge",
    share_none="niemand",
    share_all="alle",
    best_weeks="Beste Woche übertroffen",
    no_best_weeks="Diesmal keine neue Bestwoche. Nächste Woche geht’s neu los!",
    with_proof="mit Nachweis",
)


def test_a_german_groups_pictures_carry_german_words() -> None:
    """What /stats and the weekly job draw with while German is spoken: German words."""
    with i18n.speaking("de"):
        words = texts.pictures.picture_words()
    assert words == GERMAN
    year, title = busiest_year(), "Schreiben"
    german = decoded(year_heatmap(year, title=title, words=words))
    assert german.tobytes() == decoded(year_heatmap(year, title=title, words=GERMAN)).tobytes()
    english = decoded(year_heatmap(year, title=title, words=ENGLISH))
    assert german.tobytes() != english.tobytes()
    shown = week(records(3))
    assert (
        decoded(week_picture(shown, title=title, words=words)).tobytes()
        != decoded(week_picture(shown, title=title, words=ENGLISH)).tobytes()
    )
