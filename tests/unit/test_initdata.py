"""initData is checked as the Bot API describes: against vectors made here from the documented
algorithm (independently of the bot's code), and a published one."""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta
from urllib.parse import quote, urlencode

from bot.web.miniapp.initdata import checked

TOKEN = "123456789:AAHabitloopTestTokenAbcdefghijklmnopq"
NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)

# Published with the validation examples of several initData libraries (the Mini Apps
# platform docs' sample): this token signed this data on 2022-09-10.
PUBLISHED_TOKEN = "5768337691:AAH5YkoiEuPk8-FZa32hStHTqXiLPtAEhx8"
PUBLISHED = (
    "query_id=AAHdF6IQAAAAAN0XohDhrOrc"
    "&user=%7B%22id%22%3A279058397%2C%22first_name%22%3A%22Vladislav%22%2C%22last_name%22"
    "%3A%22Kibenko%22%2C%22username%22%3A%22vdkfrost%22%2C%22language_code%22%3A%22ru%22"
    "%2C%22is_premium%22%3Atrue%7D"
    "&auth_date=1662771648"
    "&hash=c501b71e775f74ce10e377dea85a7ea24ecd640b223ea86dfe453e0eaed2e2b2"
)
PUBLISHED_AT = datetime.fromtimestamp(1662771648, UTC)


def signed(token: str, fields: dict[str, str]) -> str:
    """The documented algorithm, written out: data-check-string, secret key, hash."""
    data_check_string = "\n".join(f"{k}={v}" for k, v in sorted(fields.items()))
    secret = hmac.new(key=b"WebAppData", msg=token.encode(), digestmod=hashlib.sha256).digest()
    digest = hmac.new(secret, data_check_string.encode(), hashlib.sha256).hexdigest()
    return urlencode({**fields, "hash": digest}, quote_via=quote)


def fields(at: datetime, **extra: str) -> dict[str, str]:
    user = {"id": 42, "first_name": "Olga", "username": "olga", "language_code": "de"}
    return {
        "user": json.dumps(user),
        "auth_date": str(int(at.timestamp())),
        "query_id": "AAE",
        **extra,
    }


def test_the_published_vector_checks() -> None:
    data = checked(PUBLISHED, PUBLISHED_TOKEN, PUBLISHED_AT + timedelta(hours=1))
    assert data is not None
    assert data.user.id == 279058397
    assert data.user.first_name == "Vladislav"
    assert data.user.language_code == "ru"


def test_the_published_vector_is_too_old_a_day_later() -> None:
    later = PUBLISHED_AT + timedelta(days=1, seconds=1)
    assert checked(PUBLISHED, PUBLISHED_TOKEN, later) is None


def test_data_signed_for_this_bot_checks_with_its_start_param() -> None:
    data = checked(signed(TOKEN, fields(NOW, start_param="abc_1-2")), TOKEN, NOW)
    assert data is not None
    assert (data.user.id, data.user.username, data.start_param) == (42, "olga", "abc_1-2")
    assert data.signed_at == NOW


def test_another_bots_data_is_refused() -> None:
    other = "987654321:AAOtherBotTokenAbcdefghijklmnopqrstu"
    assert checked(signed(other, fields(NOW)), TOKEN, NOW) is None


def test_changed_data_is_refused() -> None:
    raw = signed(TOKEN, fields(NOW))
    assert checked(raw.replace("%22id%22%3A%2042", "%22id%22%3A%2043"), TOKEN, NOW) is None
    assert checked(raw.replace("Olga", "Olgb"), TOKEN, NOW) is None


def test_a_missing_or_empty_hash_is_refused() -> None:
    raw = signed(TOKEN, fields(NOW))
    without = "&".join(p for p in raw.split("&") if not p.startswith("hash="))
    assert checked(without, TOKEN, NOW) is None
    assert checked(without + "&hash=", TOKEN, NOW) is None
    assert checked("", TOKEN, NOW) is None
    assert checked("not a query string at all", TOKEN, NOW) is None


def test_data_older_than_a_day_is_refused() -> None:
    assert checked(signed(TOKEN, fields(NOW - timedelta(hours=23))), TOKEN, NOW) is not None
    assert checked(signed(TOKEN, fields(NOW - timedelta(days=1, minutes=1))), TOKEN, NOW) is None


def test_data_from_the_future_is_refused() -> None:
    assert checked(signed(TOKEN, fields(NOW + timedelta(hours=1))), TOKEN, NOW) is None


def test_signed_data_without_a_user_is_refused() -> None:
    raw = signed(TOKEN, {"auth_date": str(int(NOW.timestamp()))})
    assert checked(raw, TOKEN, NOW) is None
