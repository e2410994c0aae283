"""Which language the bot speaks right now, and its words in that language.

The words are GNU gettext catalogs kept with Babel: ``bot/locales/<language>/LC_MESSAGES/
habitloop.po``, one per language, English being the source (the messages themselves). The
catalogs are compiled in memory from the ``.po`` files the first time a language is used, so
whatever installs the package (``pip install .``, ``make install``, the Docker image) has
working translations, and no compiled file is ever kept in the repository.

The language is a context variable, read by every sentence of ``bot.texts``: for an update,
the person's own at first, then the group's once its row is read (bot.handlers.common); a
job that speaks to many groups sets it for each (``speaking``). Setting it in an update's
task never leaks into another update: each runs in its own task, with its own copy of the
context.
"""

from __future__ import annotations

import gettext as _gettext
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from io import BytesIO
from pathlib import Path

from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

DOMAIN = "habitloop"
LOCALES = Path(__file__).resolve().parent / "locales"
SOURCE_LANGUAGE = "en"
# Every language the bot speaks, by its catalog's name (a gettext locale).
LANGUAGES = ("en", "es", "pt_BR", "de", "ru")
DEFAULT_LANGUAGE = SOURCE_LANGUAGE

# How a language is typed in /settings and written by Telegram (an IETF tag, lower case).
_CODES = {"en": "en", "es": "es", "pt_BR": "pt-br", "de": "de", "ru": "ru"}
# Each language's name in itself.
_OWN_NAMES = {
    "en": "English",
    "es": "Español",
    "pt_BR": "Português do Brasil",
    "de": "Deutsch",
    "ru": "Русский",
}
# Names people may type for a language, besides its code.
_NAMES = {
    "english": "en",
    "español": "es",
    "espanol": "es",
    "spanish": "es",
    "português": "pt_BR",
    "português do brasil": "pt_BR",
    "portugues": "pt_BR",
    "portuguese": "pt_BR",
    "deutsch": "de",
    "german": "de",
    "русский": "ru",
    "russian": "ru",
}

_current: ContextVar[str] = ContextVar("language", default=DEFAULT_LANGUAGE)
# While a test records them: every message looked up in the catalogs.
_looked_up: ContextVar[set[str] | None] = ContextVar("looked_up", default=None)


def N_(message: str) -> str:
    """Marks a sentence for the catalogs where it is written; it is translated where it is
    said (``gettext(NAME)``)."""
    return message


# -- which language ------------------------------------------------------------------------


def current() -> str:
    return _current.get()


def use(language: str) -> None:
    """Speak ``language`` from now on in this task (the rest of the update being handled)."""
    _current.set(language if language in LANGUAGES else DEFAULT_LANGUAGE)


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Speak ``language`` inside the block (a job speaking to one group after another)."""
    token = _current.set(language if language in LANGUAGES else DEFAULT_LANGUAGE)
    try:
        yield
    finally:
        _current.reset(token)


def of_telegram(language_code: str | None) -> str | None:
    """The language we speak for Telegram's ``language_code`` ("pt-br", "es-419", "de"),
    or None when we don't speak it. Every Portuguese is answered in Brazilian Portuguese,
    the one Telegram's apps offer."""
    if not language_code:
        return None
    primary = language_code.strip().lower().replace("_", "-").split("-", 1)[0]
    if primary == "pt":
        return "pt_BR"
    return primary if primary in LANGUAGES else None


def of_person(language_code: str | None) -> str:
    """A person's own language: their Telegram one if we speak it, else English."""
    return of_telegram(language_code) or DEFAULT_LANGUAGE


def of_app(language_code: str | None) -> str | None:
    """The person's own language (``of_person``) when their app told Telegram one; None when
    it told nothing, so that what we keep of them is not overwritten by a guess."""
    return of_person(language_code) if language_code else None


def from_setting(text: str) -> str | None:
    """``/settings language VALUE``: a code ("de", "pt-br", "pt_BR", "es-419") or a
    language's name ("Deutsch", "русский"); None if it names no language we speak."""
    word = text.strip().lower()
    if not word:
        return None
    return _NAMES.get(word) or of_telegram(word)


def code(language: str) -> str:
    """How a language is typed: ``pt-br`` for pt_BR."""
    return _CODES[language]


def telegram_code(language: str) -> str:
    """The two-letter code Telegram's setMyCommands takes for a language."""
    return language.split("_", 1)[0]


def name_of(language: str) -> str:
    """A language's name in itself: "Deutsch", "Português do Brasil"."""
    return _OWN_NAMES[language]


def locale() -> Locale:
    """Babel's locale of the current language (dates, numbers, lists)."""
    return locale_of(current())


@cache
def locale_of(language: str) -> Locale:
    return Locale.parse(language)


# -- the catalogs --------------------------------------------------------------------------


def catalog_path(language: str) -> Path:
    return LOCALES / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(language: str) -> _gettext.NullTranslations:
    """A language's catalog, compiled in memory from its ``.po`` file (fuzzy entries are
    left out: they are guesses waiting for a translator)."""
    if language == SOURCE_LANGUAGE:
        return _gettext.NullTranslations()
    with catalog_path(language).open("rb") as po:
        catalog = read_po(po, locale=language, domain=DOMAIN)
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return _gettext.GNUTranslations(compiled)


def load_all() -> None:
    """Read every catalog now, so that no update waits for one (and a broken one fails the
    start, not a member's command)."""
    for language in LANGUAGES:
        translations(language)


def gettext(message: str) -> str:
    _note(message)
    return translations(current()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a sentence for the number ``n``, by the language's plural rules."""
    _note(singular)
    return translations(current()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """A short word whose translation depends on where it is used (``context``)."""
    _note(message)
    return translations(current()).pgettext(context, message)


def _note(message: str) -> None:
    looked_up = _looked_up.get()
    if looked_up is not None:
        looked_up.add(message)


@contextmanager
def recording() -> Iterator[set[str]]:
    """Collect the messages looked up inside the block (tests check that every message of
    the catalogs was said)."""
    looked_up: set[str] = set()
    token = _looked_up.set(looked_up)
    try:
        yield looked_up
    finally:
        _looked_up.reset(token)


def first_week_day(language: str) -> int:
    """The first day of the week where ``language`` is spoken, as CLDR says (0 = Monday)."""
    day: int = locale_of(language).first_week_day
    return day
