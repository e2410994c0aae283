"""Local dates, day keys and daily instants across DST changes, odd offsets and the date line.

The DST dates are the real ones of 2026.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from functools import partial
from zoneinfo import ZoneInfo

import pytest

from bot.domain.calendar import (
    UnknownZone,
    day_key,
    late_checkin_open,
    local_date,
    next_daily_instant,
    resolve_zone,
)
from bot.domain.streaks import Mark, Rules, missed_days_between, replay

LONDON = ZoneInfo("Europe/London")
BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
SYDNEY = ZoneInfo("Australia/Sydney")
KOLKATA = ZoneInfo("Asia/Kolkata")
CHATHAM = ZoneInfo("Pacific/Chatham")  # +12:45, +13:45 in summer
KIRITIMATI = ZoneInfo("Pacific/Kiritimati")  # +14
PAGO_PAGO = ZoneInfo("Pacific/Pago_Pago")  # -11
TOKYO = ZoneInfo("Asia/Tokyo")


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


# --- day_key while travelling -----------------------------------------------------------------


def test_moving_west_cannot_reopen_a_day() -> None:
    # Checked in in Tokyo on the 11th (08:00 JST), then set New York at 22:00 EDT on the 10th.
    last_day = day_key(utc(2026, 3, 10, 23), TOKYO)
    assert last_day == date(2026, 3, 11)
    changed = utc(2026, 3, 11, 2)
    key = partial(day_key, previous_zone=TOKYO, zone_changed_at=changed, last_day=last_day)
    # 23:00 EDT on the 10th: the 10th was already left behind, it's the 11th again.
    assert key(utc(2026, 3, 11, 3), NEW_YORK) == date(2026, 3, 11)
    # 14:00 EDT on the 11th: still the day already checked in.
    assert key(utc(2026, 3, 11, 18), NEW_YORK) == date(2026, 3, 11)
    # 09:00 EDT on the 12th: a new day.
    assert key(utc(2026, 3, 12, 13), NEW_YORK) == date(2026, 3, 12)


def test_moving_east_cannot_add_a_second_day_on_the_day_of_the_change() -> None:
    # Checked in in New York at 20:00 EDT on the 10th; set Tokyo at 23:00 EDT (12:00 JST, 11th).
    last_day = day_key(utc(2026, 3, 11, 0), NEW_YORK)
    assert last_day == date(2026, 3, 10)
    changed = utc(2026, 3, 11, 3)
    # 12:30 JST on the 11th is still the 10th in New York: the same day, already checked in.
    moment = utc(2026, 3, 11, 3, 30)
    assert day_key(moment, TOKYO, last_day=last_day) == date(2026, 3, 11)  # without the rule
    assert day_key(
        moment, TOKYO, last_day=last_day, previous_zone=NEW_YORK, zone_changed_at=changed
    ) == date(2026, 3, 10)
    # 13:30 JST is past midnight in New York: the 11th counts.
    later = utc(2026, 3, 11, 4, 30)
    assert day_key(
        later, TOKYO, last_day=last_day, previous_zone=NEW_YORK, zone_changed_at=changed
    ) == date(2026, 3, 11)


def test_moving_east_without_a_check_in_that_day_keeps_the_day_of_the_change() -> None:
    changed = utc(2026, 3, 11, 3)  # 23:00 EDT on the 10th
    moment = utc(2026, 3, 11, 3, 30)  # 12:30 JST on the 11th, 23:30 EDT on the 10th
    key = day_key(
        moment, TOKYO, last_day=date(2026, 3, 9), previous_zone=NEW_YORK, zone_changed_at=changed
    )
    assert key == date(2026, 3, 10)


def test_a_check_in_made_before_the_change_keeps_the_old_zone() -> None:
    # A backlog delivered after the change: 23:00 EDT on the 10th, before the switch to Tokyo.
    key = day_key(
        utc(2026, 3, 11, 3),
        TOKYO,
        previous_zone=NEW_YORK,
        zone_changed_at=utc(2026, 3, 11, 6),
    )
    assert key == date(2026, 3, 10)


def test_a_jump_east_across_the_date_line_skips_a_date() -> None:
    # Pago Pago (-11) to Kiritimati (+14): 25 hours ahead.
    last_day = day_key(utc(2026, 6, 2, 7), PAGO_PAGO)  # 20:00 on the 1st
    assert last_day == date(2026, 6, 1)
    # Kiritimati set at 21:00 on the 1st in Pago Pago.
    key = partial(
        day_key, last_day=last_day, previous_zone=PAGO_PAGO, zone_changed_at=utc(2026, 6, 2, 8)
    )
    # 23:30 on the 2nd in Kiritimati is still the 1st in Pago Pago: already checked in.
    assert key(utc(2026, 6, 2, 9, 30), KIRITIMATI) == date(2026, 6, 1)
    # 01:00 on the 3rd in Kiritimati: the 2nd was never a day for this member.
    next_day = key(utc(2026, 6, 2, 11), KIRITIMATI)
    assert next_day == date(2026, 6, 3)
    assert missed_days_between(last_day, next_day, [], Rules()) == 1
    history = {last_day - timedelta(days=i): Mark.DONE for i in range(7)} | {next_day: Mark.DONE}
    assert replay(history, [], Rules()).current == 8  # the freeze earned on day 7 covers it


def test_a_jump_west_across_the_date_line_waits_for_the_date_to_come() -> None:
    last_day = day_key(utc(2026, 6, 2, 8), KIRITIMATI)  # 22:00 on the 2nd
    assert last_day == date(2026, 6, 2)
    key = partial(
        day_key, last_day=last_day, previous_zone=KIRITIMATI, zone_changed_at=utc(2026, 6, 2, 9)
    )
    for hours in (10, 20, 30):  # the 1st, then the 2nd in Pago Pago
        moment = utc(2026, 6, 2) + timedelta(hours=hours)
        assert key(moment, PAGO_PAGO) == last_day
    assert key(utc(2026, 6, 3, 11), PAGO_PAGO) == date(2026, 6, 3)


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
