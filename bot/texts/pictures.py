"""The words drawn on the pictures (bot.render): month and weekday names, dates, the labels
of the numbers and of the legend, in the language of the group the picture is for."""

from __future__ import annotations

from babel.dates import get_day_names, get_month_names

from bot import i18n
from bot.i18n import pgettext
from bot.render.words import Words
from bot.texts.format import percent


def picture_words() -> Words:
    """Every word of the pictures (bot.render), in the current language."""
    locale = i18n.locale()
    months = get_month_names("abbreviated", context="stand-alone", locale=locale)
    in_dates = get_month_names("abbreviated", context="format", locale=locale)
    weekday_names = get_day_names("abbreviated", context="stand-alone", locale=locale)
    return Words(
        months=tuple(months[m] for m in range(1, 13)),
        date_months=tuple(in_dates[m] for m in range(1, 13)),
        weekdays=tuple(weekday_names[d] for d in range(7)),
        # TRANSLATORS: a date on a picture: {day} a number, {month} a short month name.
        date_format=pgettext("picture", "{day} {month} {year}"),
        # TRANSLATORS: a date on a picture without its year.
        short_date_format=pgettext("picture", "{day} {month}"),
        period=pgettext("picture", "{first} – {last}"),
        percent=percent(0).replace("0", "{value}", 1),
        current_streak=pgettext("picture", "current streak"),
        best_streak=pgettext("picture", "best streak"),
        consistency=pgettext("picture", "last 30 days"),
        best_month=pgettext("picture", "best month"),
        cheers=pgettext("picture", "cheers"),
        checked_in=pgettext("picture", "checked in"),
        with_proof=pgettext("picture", "with proof"),
        fail_counted=pgettext("picture", "honest miss"),
        fail_uncounted=pgettext("picture", "miss, not counted"),
        rest=pgettext("picture", "rest day"),
        on_break=pgettext("picture", "break"),
        frozen=pgettext("picture", "freeze used"),
        missed=pgettext("picture", "missed"),
        open_today=pgettext("picture", "today"),
        group_streak=pgettext("picture", "group streak"),
        best_day=pgettext("picture", "best day"),
        average_share=pgettext("picture", "showed up, on average"),
        active_members=pgettext("picture", "active members"),
        check_ins=pgettext("picture", "check-ins"),
        share_none=pgettext("picture", "none"),
        share_all=pgettext("picture", "everyone"),
        best_weeks=pgettext("picture", "Beat their best week"),
        no_best_weeks=pgettext(
            "picture", "No new best week this time. Next week is a fresh start!"
        ),
        more="+{count}",
        nameless="?",
    )
