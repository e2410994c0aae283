"""The catalogs: complete, current, and faithful to the English they translate.

Every sentence marked in the code is in the template and in every language's catalog, none
is fuzzy or obsolete or empty; each translation keeps the English one's placeholders and
HTML tags; plural forms follow CLDR (Russian has three).
"""

from __future__ import annotations

import ast
import re
from collections import Counter
from functools import cache
from gettext import c2py
from pathlib import Path
from string import Formatter

import pytest
from babel import Locale
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

from bot import i18n, texts

ROOT = Path(__file__).resolve().parents[2]
TRANSLATED = [language for language in i18n.LANGUAGES if language != i18n.SOURCE_LANGUAGE]
# A message's key: its context and its (singular) English text.
Key = tuple[str | None, str]
_TAG = re.compile(r"</?[a-z][a-z0-9-]*(?:\s[^>]*)?>")


def _key(message: Message) -> Key:
    return message.context, _texts(message.id)[0]


def _texts(value: object) -> tuple[str, ...]:
    """A message's English or its translation: one text, or one for each plural form."""
    if isinstance(value, tuple | list):
        return tuple(str(text) for text in value)
    return (str(value),) if value else ()


@cache
def _extracted() -> dict[Key, tuple[str | tuple[str, ...], tuple[str, ...]]]:
    """What ``make messages`` finds in the code, as babel.cfg says to look for it: each
    message, with the notes for translators above it."""
    with (ROOT / "babel.cfg").open() as config:
        method_map, options_map = parse_mapping_cfg(config)  # type: ignore[no-untyped-call]
    found: dict[Key, tuple[str | tuple[str, ...], tuple[str, ...]]] = {}
    for _file, _line, message, comments, context in extract_from_dir(
        str(ROOT / "bot"),
        method_map,
        options_map,
        keywords=DEFAULT_KEYWORDS,
        comment_tags=("TRANSLATORS:",),
    ):
        singular = message[0] if isinstance(message, tuple) else message
        found[(context, singular)] = (message, tuple(comments))
    return found


def _code_messages() -> dict[Key, str | tuple[str, ...]]:
    return {key: message for key, (message, _notes) in _extracted().items()}


@cache
def _catalog(language: str) -> Catalog:
    with i18n.catalog_path(language).open("rb") as po:
        return read_po(po, locale=language, domain=i18n.DOMAIN)


def _template() -> Catalog:
    with (i18n.LOCALES / f"{i18n.DOMAIN}.pot").open("rb") as pot:
        return read_po(pot)


def _entries(catalog: Catalog) -> dict[Key, Message]:
    return {_key(message): message for message in catalog if message.id}


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(text) if name is not None}


def _tags(text: str) -> Counter[str]:
    return Counter(_TAG.findall(text))


def test_the_code_marks_sentences() -> None:
    assert len(_code_messages()) > 150


def test_the_template_is_current() -> None:
    """``make messages`` was run after the last sentence changed."""
    code = _code_messages()
    template = _entries(_template())
    assert set(template) == set(code)
    for key, message in template.items():
        assert message.id == code[key], key
        notes = " ".join(_extracted()[key][1])
        assert " ".join(message.auto_comments) == notes, f"{key}: the note for translators"


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_catalog_has_every_message_translated(language: str) -> None:
    catalog = _catalog(language)
    entries = _entries(catalog)
    code = _code_messages()
    assert sorted(set(code) - set(entries), key=str) == [], "missing: run make messages"
    assert sorted(set(entries) - set(code), key=str) == [], "left over: run make messages"
    assert not catalog.obsolete, "obsolete entries: run make messages"
    for key, message in entries.items():
        assert message.id == code[key], key
        assert not message.fuzzy, f"{key} is fuzzy: check its translation, then drop the flag"
        forms = _texts(message.string)
        assert forms, f"{key} is not translated"
        assert all(forms), f"{key} is not translated in every form"
        if message.pluralizable:
            assert len(forms) == catalog.num_plurals, key


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_plural_rule_of_each_catalog_is_cldrs(language: str) -> None:
    catalog = _catalog(language)
    assert catalog.num_plurals == get_plural(language).num_plurals
    # The catalog's formula picks one form per CLDR category, a different one for each.
    locale = Locale.parse(language)
    form_of: dict[str, set[int]] = {}
    for n in range(201):
        form_of.setdefault(locale.plural_form(n), set()).add(_form_index(catalog, n))
    assert all(len(forms) == 1 for forms in form_of.values()), form_of
    assert len({min(forms) for forms in form_of.values()}) == len(form_of)


@cache
def _numbers_of_form(language: str, index: int) -> set[int]:
    """The numbers from 0 to 200 that a language says with its plural form ``index``."""
    catalog = _catalog(language)
    return {n for n in range(201) if _form_index(catalog, n) == index}


def _form_index(catalog: Catalog, n: int) -> int:
    """Which form the catalog's Plural-Forms formula picks for ``n`` (as gettext does)."""
    return c2py(catalog.plural_expr)(n)


@pytest.mark.parametrize("language", TRANSLATED)
def test_translations_keep_the_placeholders_and_tags(language: str) -> None:
    catalog = _catalog(language)
    for key, message in _entries(catalog).items():
        english, forms = _texts(message.id), _texts(message.string)
        wanted = set().union(*(_fields(text) for text in english))
        tags = _tags(english[-1])
        for index, form in enumerate(forms):
            fields = _fields(form)  # also fails on a stray brace
            assert fields <= wanted, f"{key} [{index}] has unknown fields {fields - wanted}"
            # A form used for a number other than 1 must say the number; one used only for
            # 1 may leave it out ("a freeze"), as the English singular does.
            only_one = message.pluralizable and _numbers_of_form(language, index) == {1}
            needed = _fields(english[0]) if only_one else wanted
            assert needed <= fields, f"{key} [{index}] lost {needed - fields}"
            assert _tags(form) == tags, f"{key} [{index}]: tags {_tags(form)} != {tags}"
            form.format(**dict.fromkeys(fields, "x"))


# -- plural forms over 0..200, as CLDR names them ---------------------------------------

DAY_WORDS = {
    "en": {"one": "day", "other": "days"},
    "es": {"one": "día", "other": "días", "many": "días"},
    "pt_BR": {"one": "dia", "other": "dias", "many": "dias"},
    "de": {"one": "Tag", "other": "Tage"},
    "ru": {"one": "день", "few": "дня", "many": "дней", "other": "дня"},
}


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_days_follow_cldr_from_0_to_200(language: str) -> None:
    locale = Locale.parse(language)
    with i18n.speaking(language):
        for n in range(201):
            assert texts.format.days(n) == f"{n} {DAY_WORDS[language][locale.plural_form(n)]}"


@pytest.mark.parametrize(
    ("n", "days", "milestone"),
    [
        (1, "1 день", "1 день подряд"),
        (2, "2 дня", "2 дня подряд"),
        (5, "5 дней", "5 дней подряд"),
        (11, "11 дней", "11 дней подряд"),
        (21, "21 день", "21 день подряд"),
        (22, "22 дня", "22 дня подряд"),
        (25, "25 дней", "25 дней подряд"),
        (101, "101 день", "101 день подряд"),
        (111, "111 дней", "111 дней подряд"),
    ],
)
def test_russian_has_three_forms(n: int, days: str, milestone: str) -> None:
    with i18n.speaking("ru"):
        assert texts.format.days(n) == days
        assert texts.checkins.milestone("Аня", n) == f"🎉 {texts.format.name('Аня')}: {milestone}!"


def test_plural_forms_in_sentences() -> None:
    with i18n.speaking("de"):
        assert "Ann\u2069 (1 Tag) ist vorbei" in texts.checkins.streak_ended("Ann", 1)
        assert "(12 Tage) ist vorbei" in texts.checkins.streak_ended("Ann", 12)
    with i18n.speaking("ru"):
        assert "из 21 дня закончилась" in texts.checkins.streak_ended("Аня", 21)
        assert "из 25 дней закончилась" in texts.checkins.streak_ended("Аня", 25)
        assert "Вчера отметился 1 из 9." in texts.posts.cue(1, 9, 0, [])
        assert "Вчера отметился 21 из 30." in texts.posts.cue(21, 30, 0, [])
        assert "Вчера отметились 6 из 9." in texts.posts.cue(6, 9, 0, [])
        assert "после 2 пропущенных дней" in texts.encouragement.comeback("Аня", 2)
        assert "после 21 пропущенного дня" in texts.encouragement.comeback("Аня", 21)
        assert "после 25 пропущенных дней" in texts.encouragement.comeback("Аня", 25)
        assert "после пропуска" in texts.encouragement.comeback("Аня", 1)
    with i18n.speaking("de"):
        assert "nach 7 verpassten Tagen zurück" in texts.encouragement.comeback("Ann", 7)
    with i18n.speaking("pt_BR"):
        assert "depois de 7 dias perdidos" in texts.encouragement.comeback("Ana", 7)
    with i18n.speaking("es"):
        assert "tras 7 días perdidos" in texts.encouragement.comeback("Ana", 7)
        assert "Ayer cumplió 1 de 9." in texts.posts.cue(1, 9, 0, [])
        assert "Ayer cumplieron 6 de 9." in texts.posts.cue(6, 9, 0, [])


# -- how the code uses the catalogs -------------------------------------------------------


def test_no_text_keeps_a_sentence_in_a_constant() -> None:
    """A sentence held in a constant would stay in the language it was made in: every
    sentence is a function of a module of bot.texts, translated when it is called, and no
    module holds a public text (its constants are numbers)."""
    package = ROOT / "bot" / "texts"
    modules = {path.stem for path in package.glob("*.py")} - {"__init__"}
    assert modules == set(texts.__all__), "bot/texts/__init__.py lists every module"
    for module in (getattr(texts, name) for name in texts.__all__):
        for attribute, value in vars(module).items():
            if not attribute.startswith("_"):
                assert not isinstance(value, str), f"{module.__name__}.{attribute}"


def test_code_reads_the_texts_through_their_modules() -> None:
    """One way to reach a sentence: ``from bot import texts``, then ``texts.goals.no_goal()``."""
    offenders = []
    for path in (ROOT / "bot").rglob("*.py"):
        if path.is_relative_to(ROOT / "bot" / "texts"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("bot.texts"):
                offenders += [f"{path}: {node.module}"]
            elif isinstance(node, ast.Import):
                offenders += [f"{path}: {a.name}" for a in node.names if "texts" in a.name]
    assert offenders == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_sentences_without_values_are_said_in_the_current_language(language: str) -> None:
    with i18n.speaking(language):
        spoken = (
            texts.settings.not_admin(),
            texts.help.group_help(),
            texts.settings.settings_usage(),
            texts.posts.welcome(),
        )
    english = (
        texts.settings.not_admin(),
        texts.help.group_help(),
        texts.settings.settings_usage(),
        texts.posts.welcome(),
    )
    assert all(a != b for a, b in zip(spoken, english, strict=True))
    assert texts.goals.GOAL_MAX_CHARS == 200  # numbers are numbers in every language
