"""How the values inside the sentences are written, in the language of the moment: names
and mentions, numbers, days, percentages, times of day, dates, weekdays, on and off.

Everything a person typed (a name, a group's title, a goal, a reason, a value) goes into a
sentence through ``typed``: escaped, because every message goes out as HTML, and isolated,
so that its writing direction stays its own (``isolate``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, time
from functools import lru_cache
from html import escape

from babel.dates import format_date, format_time, get_day_names
from babel.lists import format_list
from babel.numbers import format_decimal, format_percent

from bot import i18n
from bot.i18n import gettext as _
from bot.i18n import ngettext, pgettext

# A post lists at most this many people by name (a phone screen or so); the rest are counted.
LISTED_PEOPLE = 30

# Unicode's FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE (UAX #9).
_FSI, _PDI = "\u2068", "\u2069"


def isolate(text: str) -> str:
    """``text`` set apart for bidirectional text: it takes the direction of its own first
    letter, and nothing in it (an Arabic name, a right-to-left override typed on purpose)
    turns the rest of the line around. The text comes in as it is shown: escaped for HTML,
    or plain for a button."""
    return f"{_FSI}{text}{_PDI}"


def typed(text: str) -> str:
    """What a person typed, as a sentence shows it: escaped, then isolated."""
    return isolate(escape(text))


def name(first_name: str) -> str:
    return typed(first_name) if first_name else _("Someone")


def mention(first_name: str, user_id: int) -> str:
    return f'<a href="tg://user?id={user_id}">{name(first_name)}</a>'


def number(n: int) -> str:
    """A whole number as the language writes it: 1,000 · 1.000 · 1 000."""
    if -1000 < n < 1000:
        return str(n)  # no group of digits to mark, in any language (and Babel is slow)
    return _grouped(n, i18n.current())


@lru_cache(maxsize=1024)
def _grouped(n: int, language: str) -> str:
    return format_decimal(n, locale=i18n.locale_of(language))


def days(n: int) -> str:
    """A number of days on its own ("Streak: 5 days"); in a sentence, the sentence has its
    own plural forms, as the words around the number may change with it."""
    return ngettext("{n} day", "{n} days", n).format(n=number(n))


def percent(share: int) -> str:
    """A share in percent as the language writes it: 50% · 50 %."""
    return format_percent(share / 100, locale=i18n.locale())


def clock(moment: time | None) -> str:
    """A time of day as the language writes it with 24 hours (09:00, 9:00), or "off"."""
    if moment is None:
        return on_off(False)
    return format_time(moment, _skeleton("Hm"), locale=i18n.locale())


def short_date(day: date) -> str:
    """A date with its weekday, without the year: "Mon, Mar 9", "Mo., 9. März"."""
    return format_date(day, _skeleton("MMMEd"), locale=i18n.locale())


def day_and_month(day: date) -> str:
    """A date by its day and month's name: "March 3", "3. März", "3 марта"."""
    return format_date(day, _skeleton("MMMMd"), locale=i18n.locale())


def weekdays(chosen: frozenset[int]) -> str:
    """Weekdays (0 = Monday) by their short names, as a list: "Sat and Sun"; or "none"."""
    if not chosen:
        return pgettext("rest days", "none")
    names = get_day_names("abbreviated", locale=i18n.locale())
    return format_list([names[d] for d in sorted(chosen)], locale=i18n.locale())


def on_off(on: bool) -> str:
    return pgettext("setting value", "on") if on else pgettext("setting value", "off")


def listed(items: Sequence[str]) -> str:
    """Names joined by commas, the ones past ``LISTED_PEOPLE`` counted instead."""
    shown = ", ".join(items[:LISTED_PEOPLE])
    rest = len(items) - LISTED_PEOPLE
    if rest <= 0:
        return shown
    # TRANSLATORS: {names} is a list of names, {count} how many more there are.
    return ngettext("{names} and {count} more", "{names} and {count} more", rest).format(
        names=shown, count=number(rest)
    )


def one_stop(sentence: str, value: str) -> str:
    """The sentence without a second full stop after a value that ends with one: "Sun." or
    "12 de mar." at the end of a sentence ("dom.." would look like a typo)."""
    if value.endswith("."):
        return sentence.replace(value + ".", value)
    return sentence


def _skeleton(skeleton: str) -> str:
    """The language's own pattern for what ``skeleton`` names (CLDR: "MMMEd", "Hm")."""
    pattern: str = i18n.locale().datetime_skeletons[skeleton].pattern
    return pattern
