"""Every word the pictures show, passed in so that each language brings its own.

The pictures themselves only draw: names of months and weekdays, captions, the legend and
the date formats all come from a ``Words``. ``ENGLISH`` is the English set;
``bot.texts.pictures.picture_words()`` makes the set of the language being spoken from the
bot's catalogs and Babel's month and weekday names.

Numbers are drawn alone in big type, with their caption below, so no caption needs a plural
form. Templates use ``str.format`` fields: ``{day}``, ``{month}`` (a short month name),
``{year}``, ``{first}``/``{last}`` (formatted dates), ``{value}`` and ``{count}``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.domain.member_days import DayKind

__all__ = ["ENGLISH", "Words"]


@dataclass(frozen=True, slots=True)
class Words:
    """The words of the three pictures, in one language."""

    months: tuple[str, ...]  # twelve short month names, January first
    weekdays: tuple[str, ...]  # seven short weekday names, Monday first
    date_format: str  # a date with its year: "{day} {month} {year}"
    short_date_format: str  # a date without it: "{day} {month}"
    period: str  # from one date to another: "{first} – {last}"
    percent: str  # "{value}%"
    # The member's year.
    current_streak: str
    best_streak: str
    consistency: str  # caption of "24/30"
    best_month: str
    cheers: str
    checked_in: str
    fail_counted: str
    fail_uncounted: str
    rest: str
    on_break: str
    frozen: str
    missed: str
    open_today: str
    # The group's year and week.
    group_streak: str
    best_day: str
    average_share: str
    active_members: str
    check_ins: str
    share_none: str  # the legend's lightest end
    share_all: str  # the legend's darkest end (everyone showed up)
    best_weeks: str  # heading of the list of members who beat their best week
    no_best_weeks: str  # said instead when nobody did
    more: str  # "+{count}": members left off the list
    nameless: str  # a name with nothing drawable left (only emoji, say)
    footer: str = "Habitloop"  # bottom corner; empty to leave it off
    # Month names as a date says them, where a language declines them (Russian "9 мая" but
    # "май" alone); empty: the same as ``months``.
    date_months: tuple[str, ...] = ()
    with_proof: str = "with proof"  # the legend's word for a day checked in with proof

    def __post_init__(self) -> None:
        if len(self.months) != 12 or len(self.weekdays) != 7:
            raise ValueError("Words need 12 month names and 7 weekday names")
        if self.date_months and len(self.date_months) != 12:
            raise ValueError("Words need 12 month names in dates, or none")

    def kind(self, kind: DayKind) -> str:
        """The legend's word for a kind of day ('' for days before the member started)."""
        return {
            DayKind.CHECKED_IN: self.checked_in,
            DayKind.FAIL_COUNTED: self.fail_counted,
            DayKind.FAIL_UNCOUNTED: self.fail_uncounted,
            DayKind.REST: self.rest,
            DayKind.BREAK: self.on_break,
            DayKind.FROZEN: self.frozen,
            DayKind.MISSED: self.missed,
            DayKind.OPEN: self.open_today,
            DayKind.BEFORE_START: "",
        }[kind]

    def month(self, number: int) -> str:
        return self.months[number - 1]

    def full_date(self, day: date) -> str:
        return self.date_format.format(day=day.day, month=self._in_date(day), year=day.year)

    def short_date(self, day: date) -> str:
        return self.short_date_format.format(day=day.day, month=self._in_date(day))

    def _in_date(self, day: date) -> str:
        return (self.date_months or self.months)[day.month - 1]

    def share(self, share: float) -> str:
        return self.percent.format(value=round(share * 100))


ENGLISH = Words(
    months=("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    weekdays=("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    date_format="{day} {month} {year}",
    short_date_format="{day} {month}",
    period="{first} – {last}",
    percent="{value}%",
    current_streak="current streak",
    best_streak="best streak",
    consistency="last 30 days",
    best_month="best month",
    cheers="cheers",
    checked_in="checked in",
    fail_counted="honest miss",
    fail_uncounted="miss, not counted",
    rest="rest day",
    on_break="break",
    frozen="freeze used",
    missed="missed",
    open_today="today",
    group_streak="group streak",
    best_day="best day",
    average_share="showed up, on average",
    active_members="active members",
    check_ins="check-ins",
    share_none="none",
    share_all="everyone",
    best_weeks="Beat their best week",
    no_best_weeks="No new best week this time. Next week is a fresh start!",
    more="+{count}",
    nameless="?",
)
