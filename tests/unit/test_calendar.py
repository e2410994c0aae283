"""Local dates, plain day keys and daily instants across DST changes, odd offsets and the
date line (day keys while travelling: test_day_key.py).

The DST dates are the real ones of 2026.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.domain.calendar import (
    day_key,
    late_checkin_open,
    local_date,
    next_daily_instant,
)
from bot.domain.zone_names import UnknownZone, resolve_zone

LONDON = ZoneInfo("Europe/London")
BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
SYDNEY = ZoneInfo("Australia/Sydney")
KOLKATA = ZoneInfo("Asia/Kolkata")
CHATHAM = ZoneInfo("Pacific/Chatham")  # +12:45, +13:45 in summer
KIRITIMATI = ZoneInfo("Pacific/Kiritimati")  # +14
PAGO_PAGO = ZoneInfo("Pacific/Pago_Pago")  # -11


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


# --- resolve_zone -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Europe/Berlin", "Europe/Berlin"),
        ("europe/berlin", "Europe/Berlin"),
        ("  AMERICA/NEW_YORK ", "America/New_York"),
        ("america/new york", "America/New_York"),
        ("UTC", "UTC"),
        ("utc", "UTC"),
        ("Asia/Kolkata", "Asia/Kolkata"),
        ("US/Eastern", "US/Eastern"),
        ("america/argentina/buenos_aires", "America/Argentina/Buenos_Aires"),
    ],
)
def test_resolve_zone(text: str, name: str) -> None:
    assert resolve_zone(text).key == name


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [
        ("berlin", "Europe/Berlin"),
        ("Berlin", "Europe/Berlin"),
        ("new york", "America/New_York"),
        ("new_york", "America/New_York"),
        ("kolkata", "Asia/Kolkata"),
        ("Europe/Berln", "Europe/Berlin"),
        ("Asia/Berlin", "Europe/Berlin"),
        ("tokio", "Asia/Tokyo"),
        ("Pacific/Chatam", "Pacific/Chatham"),
    ],
)
def test_unknown_zone_suggests_close_matches(text: str, suggestion: str) -> None:
    with pytest.raises(UnknownZone) as caught:
        resolve_zone(text)
    assert caught.value.text == text
    assert suggestion in caught.value.suggestions
    assert len(caught.value.suggestions) <= 3


def test_an_exact_city_is_the_first_suggestion() -> None:
    with pytest.raises(UnknownZone) as caught:
        resolve_zone("london")
    assert caught.value.suggestions[0] == "Europe/London"
    assert "Europe/London" in str(caught.value)


@pytest.mark.parametrize(
    "text",
    ["", "   ", "x" * 10_000, "../etc/passwd", "/etc/localtime", "..", "Europe/", "/", "\x00",
     "Europe/../../etc", "localtime", "Factory", "🕐", "Europe\\Berlin", "qwertyuiop"],
)  # fmt: skip
def test_garbage_is_an_unknown_zone(text: str) -> None:
    with pytest.raises(UnknownZone):
        resolve_zone(text)


def test_unknown_zone_passes_through_a_context_manager() -> None:
    # contextlib sets __traceback__ on the exception on its way out.
    @contextlib.contextmanager
    def scope() -> Iterator[None]:
        yield

    with pytest.raises(UnknownZone), scope():
        resolve_zone("nowhere")


# --- local dates ------------------------------------------------------------------------------


def test_local_date_either_side_of_the_date_line() -> None:
    moment = utc(2026, 6, 1, 10, 30)
    assert local_date(moment, KIRITIMATI) == date(2026, 6, 2)  # 00:30 on the 2nd
    assert local_date(moment, PAGO_PAGO) == date(2026, 5, 31)  # 23:30 on the 31st
    assert local_date(moment, ZoneInfo("UTC")) == date(2026, 6, 1)


def test_naive_moments_are_refused() -> None:
    with pytest.raises(ValueError, match="no time zone"):
        local_date(datetime(2026, 1, 1), LONDON)  # noqa: DTZ001
    with pytest.raises(ValueError, match="no time zone"):
        next_daily_instant(datetime(2026, 1, 1), time(9), LONDON)  # noqa: DTZ001


@pytest.mark.parametrize(
    ("zone", "moment", "expected"),
    [
        # London springs forward 2026-03-29 01:00 GMT -> 02:00 BST.
        (LONDON, utc(2026, 3, 29, 0, 30), date(2026, 3, 29)),
        (LONDON, utc(2026, 3, 29, 22, 59), date(2026, 3, 29)),  # 23:59 BST
        (LONDON, utc(2026, 3, 29, 23, 0), date(2026, 3, 30)),  # 00:00 BST
        # London falls back 2026-10-25 02:00 BST -> 01:00 GMT: 01:30 happens twice.
        (LONDON, utc(2026, 10, 24, 23, 30), date(2026, 10, 25)),  # 00:30 BST
        (LONDON, utc(2026, 10, 25, 0, 30), date(2026, 10, 25)),  # 01:30 BST
        (LONDON, utc(2026, 10, 25, 1, 30), date(2026, 10, 25)),  # 01:30 GMT
        (LONDON, utc(2026, 10, 25, 23, 59), date(2026, 10, 25)),  # 23:59 GMT
        # New York: 2026-03-08 and 2026-11-01.
        (NEW_YORK, utc(2026, 3, 8, 4, 59), date(2026, 3, 7)),  # 23:59 EST
        (NEW_YORK, utc(2026, 3, 9, 3, 59), date(2026, 3, 8)),  # 23:59 EDT
        (NEW_YORK, utc(2026, 3, 9, 4, 0), date(2026, 3, 9)),  # 00:00 EDT
        (NEW_YORK, utc(2026, 11, 2, 4, 59), date(2026, 11, 1)),  # 23:59 EST
        (NEW_YORK, utc(2026, 11, 2, 5, 0), date(2026, 11, 2)),
        # Sydney: DST ends 2026-04-05, starts 2026-10-04.
        (SYDNEY, utc(2026, 4, 4, 12, 59), date(2026, 4, 4)),  # 23:59 AEDT
        (SYDNEY, utc(2026, 4, 5, 13, 59), date(2026, 4, 5)),  # 23:59 AEST
        (SYDNEY, utc(2026, 10, 4, 12, 59), date(2026, 10, 4)),  # 23:59 AEDT
        (SYDNEY, utc(2026, 10, 4, 13, 0), date(2026, 10, 5)),
        # Chatham: +13:45 until 2026-04-05, +12:45 until 2026-09-27.
        (CHATHAM, utc(2026, 4, 4, 10, 14), date(2026, 4, 4)),  # 23:59 CHADT
        (CHATHAM, utc(2026, 4, 4, 10, 15), date(2026, 4, 5)),
        (CHATHAM, utc(2026, 4, 5, 11, 14), date(2026, 4, 5)),  # 23:59 CHAST
        (CHATHAM, utc(2026, 9, 27, 10, 15), date(2026, 9, 28)),  # 00:00 CHADT
        # Kolkata, no DST, +05:30.
        (KOLKATA, utc(2026, 3, 8, 18, 29), date(2026, 3, 8)),
        (KOLKATA, utc(2026, 3, 8, 18, 30), date(2026, 3, 9)),
    ],
)
def test_check_in_day_around_dst_changes(zone: ZoneInfo, moment: datetime, expected: date) -> None:
    assert day_key(moment, zone) == expected


# --- next_daily_instant -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "after", "at", "expected"),
    [
        # New York springs forward at 02:00 EST: 02:30 doesn't exist, fires at 03:30 EDT.
        (NEW_YORK, utc(2026, 3, 7, 12), time(2, 30), utc(2026, 3, 8, 7, 30)),
        (NEW_YORK, utc(2026, 3, 8, 7, 30), time(2, 30), utc(2026, 3, 9, 6, 30)),
        (NEW_YORK, utc(2026, 3, 7, 12), time(9), utc(2026, 3, 7, 14)),  # 09:00 EST
        (NEW_YORK, utc(2026, 3, 7, 14), time(9), utc(2026, 3, 8, 13)),  # 09:00 EDT
        # New York falls back: 01:30 happens twice, fires once, the first time (EDT).
        (NEW_YORK, utc(2026, 10, 31, 12), time(1, 30), utc(2026, 11, 1, 5, 30)),
        (NEW_YORK, utc(2026, 11, 1, 5, 30), time(1, 30), utc(2026, 11, 2, 6, 30)),
        (NEW_YORK, utc(2026, 11, 1, 6, 0), time(1, 30), utc(2026, 11, 2, 6, 30)),
        # London and Berlin.
        (LONDON, utc(2026, 3, 28, 12), time(1, 30), utc(2026, 3, 29, 1, 30)),  # 02:30 BST
        (LONDON, utc(2026, 10, 24, 12), time(1, 30), utc(2026, 10, 25, 0, 30)),  # 01:30 BST
        (BERLIN, utc(2026, 3, 28, 8), time(9), utc(2026, 3, 29, 7)),
        (BERLIN, utc(2026, 10, 24, 8), time(9), utc(2026, 10, 25, 8)),
        # Sydney: DST starts 2026-10-04 02:00 AEST, ends 2026-04-05 03:00 AEDT.
        (SYDNEY, utc(2026, 10, 3, 0), time(2, 30), utc(2026, 10, 3, 16, 30)),  # 03:30 AEDT
        (SYDNEY, utc(2026, 4, 4, 0), time(2, 30), utc(2026, 4, 4, 15, 30)),  # 02:30 AEDT
        (SYDNEY, utc(2026, 4, 4, 15, 30), time(2, 30), utc(2026, 4, 5, 16, 30)),  # next, AEST
        # Chatham: 02:45 CHAST -> 03:45 CHADT on 2026-09-27; 03:45 -> 02:45 on 2026-04-05.
        (CHATHAM, utc(2026, 9, 26, 0), time(3), utc(2026, 9, 26, 14, 15)),  # 04:00 CHADT
        (CHATHAM, utc(2026, 9, 26, 0), time(9), utc(2026, 9, 26, 19, 15)),  # 09:00 CHADT
        (CHATHAM, utc(2026, 4, 4, 0), time(3), utc(2026, 4, 4, 13, 15)),  # 03:00 CHADT
        (CHATHAM, utc(2026, 4, 4, 13, 15), time(3), utc(2026, 4, 5, 14, 15)),  # 03:00 CHAST
        # Kolkata: no DST, half-hour offset.
        (KOLKATA, utc(2026, 3, 8, 0), time(9), utc(2026, 3, 8, 3, 30)),
        (KOLKATA, utc(2026, 3, 8, 3, 30), time(9), utc(2026, 3, 9, 3, 30)),
        # The date line.
        (KIRITIMATI, utc(2026, 6, 1, 12), time(9), utc(2026, 6, 1, 19)),  # 09:00 on the 2nd
        (PAGO_PAGO, utc(2026, 6, 1, 12), time(9), utc(2026, 6, 1, 20)),  # 09:00 on the 1st
    ],
)
def test_next_daily_instant(zone: ZoneInfo, after: datetime, at: time, expected: datetime) -> None:
    result = next_daily_instant(after, at, zone)
    assert result == expected
    assert result.tzinfo is UTC


def test_next_daily_instant_is_never_the_instant_given() -> None:
    fired = next_daily_instant(utc(2026, 1, 1), time(9), BERLIN)
    assert next_daily_instant(fired, time(9), BERLIN) == fired + timedelta(days=1)
    assert next_daily_instant(fired - timedelta(microseconds=1), time(9), BERLIN) == fired


def test_next_daily_instant_accepts_any_aware_moment() -> None:
    after = datetime(2026, 3, 8, 1, 0, tzinfo=NEW_YORK)
    assert next_daily_instant(after, time(2, 30), NEW_YORK) == utc(2026, 3, 8, 7, 30)


# --- late check-in ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "zone", "open_"),
    [
        (utc(2026, 3, 2, 1, 59), LONDON, True),  # 01:59 GMT
        (utc(2026, 3, 2, 2, 59), LONDON, True),
        (utc(2026, 3, 2, 3, 0), LONDON, False),
        (utc(2026, 3, 2, 23, 0), LONDON, False),
        (utc(2026, 3, 2, 0, 0), LONDON, True),
        (utc(2026, 3, 8, 6, 59), NEW_YORK, True),  # 01:59 EST, the night of the change
        (utc(2026, 3, 8, 7, 0), NEW_YORK, False),  # 03:00 EDT, an hour of night fewer
        (utc(2026, 11, 1, 6, 30), NEW_YORK, True),  # 01:30 EST, the second time round
        (utc(2026, 6, 1, 12, 59), KIRITIMATI, True),  # 02:59 on the 2nd
        (utc(2026, 6, 1, 13, 0), KIRITIMATI, False),
    ],
)
def test_late_checkin_open(moment: datetime, zone: ZoneInfo, open_: bool) -> None:
    assert late_checkin_open(moment, zone) is open_
