"""Which language: Telegram's codes and what admins type, the language of the moment, and
the words of the bot's languages that come from CLDR (numbers, dates, weekdays, pictures)."""

from __future__ import annotations

import asyncio
import re
from dataclasses import replace
from datetime import date, time

import pytest

from bot import i18n, texts
from bot.domain.board import TOP_ROWS
from bot.render.words import ENGLISH


@pytest.mark.parametrize(
    ("code", "language"),
    [
        ("en", "en"),
        ("en-GB", "en"),
        ("es", "es"),
        ("es-419", "es"),
        ("es-MX", "es"),
        ("pt-br", "pt_BR"),
        ("pt", "pt_BR"),
        ("pt-pt", "pt_BR"),
        ("de", "de"),
        ("de-AT", "de"),
        ("ru", "ru"),
        ("RU", "ru"),
        ("fr", None),
        ("uk", None),
        ("", None),
        (None, None),
    ],
)
def test_telegrams_language_codes(code: str | None, language: str | None) -> None:
    assert i18n.of_telegram(code) == language
    assert i18n.of_person(code) == (language or "en")


@pytest.mark.parametrize(
    ("typed", "language"),
    [
        ("de", "de"),
        ("DE", "de"),
        (" pt-br ", "pt_BR"),
        ("pt_BR", "pt_BR"),
        ("es-419", "es"),
        ("Deutsch", "de"),
        ("русский", "ru"),
        ("Español", "es"),
        ("english", "en"),
        ("fr", None),
        ("klingon", None),
        ("", None),
    ],
)
def test_what_admins_may_type_for_a_language(typed: str, language: str | None) -> None:
    assert i18n.from_setting(typed) == language


def test_each_language_has_a_code_to_type_and_a_name_of_its_own() -> None:
    assert [i18n.code(lang) for lang in i18n.LANGUAGES] == ["en", "es", "pt-br", "de", "ru"]
    assert [i18n.telegram_code(lang) for lang in i18n.LANGUAGES] == ["en", "es", "pt", "de", "ru"]
    for language in i18n.LANGUAGES:
        assert i18n.from_setting(i18n.code(language)) == language
        assert i18n.from_setting(i18n.name_of(language)) == language


def test_speaking_lasts_for_its_block_only() -> None:
    assert i18n.current() == "en"
    with i18n.speaking("de"):
        assert texts.format.days(2) == "2 Tage"
        with i18n.speaking("ru"):
            assert texts.format.days(2) == "2 дня"
        assert i18n.current() == "de"
    assert texts.format.days(2) == "2 days"
    with i18n.speaking("xx"):  # nothing we speak: English
        assert i18n.current() == "en"


async def test_a_language_chosen_while_handling_one_update_stays_with_it() -> None:
    """Each update is handled in its own task: what one chooses never reaches another."""
    started = asyncio.Event()

    async def handle(language: str) -> str:
        i18n.use(language)
        started.set()
        await asyncio.sleep(0)
        return texts.format.days(5)

    spoken = await asyncio.gather(handle("ru"), handle("pt_BR"), handle("xx"))
    assert list(spoken) == ["5 дней", "5 dias", "5 days"]
    assert i18n.current() == "en"


@pytest.mark.parametrize(
    ("language", "number", "percent", "clock", "short_date", "rest_days"),
    [
        ("en", "100,000", "50%", "09:05", "Mon, Mar 9", "Sat and Sun"),
        ("es", "100.000", "50\xa0%", "9:05", "lun, 9 mar", "sáb y dom"),
        ("pt_BR", "100.000", "50%", "09:05", "seg., 9 de mar.", "sáb. e dom."),
        ("de", "100.000", "50\xa0%", "09:05", "Mo., 9. März", "Sa. und So."),
        ("ru", "100\xa0000", "50\xa0%", "09:05", "пн, 9 мар.", "сб и вс"),
    ],
)
def test_numbers_times_dates_and_weekdays_as_each_language_writes_them(
    language: str, number: str, percent: str, clock: str, short_date: str, rest_days: str
) -> None:
    with i18n.speaking(language):
        assert texts.format.number(100_000) == number
        assert texts.format.number(999) == "999"
        assert texts.format.percent(50) == percent
        assert texts.format.clock(time(9, 5)) == clock
        assert texts.format.short_date(date(2026, 3, 9)) == short_date
        assert texts.format.weekdays(frozenset({5, 6})) == rest_days


def test_english_pictures_have_the_words_they_had() -> None:
    assert replace(texts.pictures.picture_words(), date_months=()) == ENGLISH


@pytest.mark.parametrize(
    ("language", "full_date", "january", "monday", "caption"),
    [
        ("es", "9 may 2026", "ene", "lun", "racha actual"),
        ("pt_BR", "9 de mai. de 2026", "jan.", "seg.", "sequência atual"),
        ("de", "9. Mai 2026", "Jan", "Mo", "aktuelle Serie"),
        ("ru", "9 мая 2026", "янв.", "пн", "текущая серия"),
    ],
)
def test_pictures_speak_the_language_of_the_moment(
    language: str, full_date: str, january: str, monday: str, caption: str
) -> None:
    with i18n.speaking(language):
        words = texts.pictures.picture_words()
    assert words.full_date(date(2026, 5, 9)) == full_date
    assert (words.months[0], words.weekdays[0], words.current_streak) == (january, monday, caption)
    if language == "ru":
        assert words.months[4] == "май"  # alone, as on the calendar; "9 мая" in a date


def test_a_broken_catalog_fails_the_start_not_a_members_command() -> None:
    i18n.load_all()
    assert all(i18n.translations(language) is not None for language in i18n.LANGUAGES)


@pytest.mark.parametrize(
    ("language", "rest_days", "back"),
    [
        ("pt_BR", "✅ Dias de descanso: agora dom.", "volta até qui., 12 de mar. A sequência"),
        ("de", "✅ Ruhetage: jetzt So.", "ist bis Do., 12. März zurück."),
        ("ru", "✅ Дни отдыха: теперь вс.", "вернётся к чт, 12 мар. Серия"),
    ],
)
def test_an_abbreviation_at_the_end_of_a_sentence_takes_one_full_stop(
    language: str, rest_days: str, back: str
) -> None:
    with i18n.speaking(language):
        assert texts.settings.setting_changed(
            texts.settings.setting_rest(), texts.format.weekdays(frozenset({6}))
        ) == (rest_days)
        assert back in texts.streaks.break_started(
            "Ana", 3, texts.format.short_date(date(2026, 3, 12)), ""
        )


@pytest.mark.parametrize("count", [2, 5, 21, 101])
def test_a_reminders_heading_without_a_number_says_several_for_any_count_above_one(
    count: int,
) -> None:
    groups: list[tuple[str, int, str | None]] = [(f"Group {n}", 3, None) for n in range(count)]
    with i18n.speaking("ru"):
        assert texts.reminders.reminder(groups).startswith("⏳ <b>В полночь серии прервутся</b>")
        assert texts.reminders.reminder(groups[:1]).startswith(
            "⏳ <b>В полночь серия прервётся</b>"
        )
    assert texts.reminders.reminder(groups).startswith("⏳ <b>Your streaks end at midnight</b>")


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_the_boards_top_mode_names_as_many_rows_as_it_shows(language: str) -> None:
    with i18n.speaking(language):
        assert re.findall(r"\d+", texts.board.board_mode("top")) == [str(TOP_ROWS)]
