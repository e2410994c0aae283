"""The ``initData`` Telegram gives a Mini App, checked as the Bot API describes it.

The page sends it as it came (a query string). Its ``hash`` is the HMAC-SHA-256, with a key
that is itself the HMAC-SHA-256 of the bot token under the key "WebAppData", of every other
field as ``key=value`` lines sorted by key. Only Telegram and this bot know the token, so
data that checks was signed by Telegram for this bot. Data older than a day is refused: a
page left open longer is reopened.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl

MAX_AGE = timedelta(days=1)
# A clock a little ahead of ours is Telegram's, not a forgery.
CLOCK_SKEW = timedelta(minutes=5)


@dataclass(frozen=True, slots=True)
class AppUser:
    """The person the data is about, as Telegram signed it."""

    id: int
    first_name: str
    username: str | None
    language_code: str | None
    is_bot: bool


@dataclass(frozen=True, slots=True)
class InitData:
    user: AppUser
    signed_at: datetime
    start_param: str | None


def secret_key(token: str) -> bytes:
    return hmac.new(b"WebAppData", token.encode(), hashlib.sha256).digest()


def checked(raw: str, token: str, now: datetime) -> InitData | None:
    """The data, if Telegram signed it for this bot within the last day; else None."""
    try:
        fields = dict(parse_qsl(raw, keep_blank_values=True, strict_parsing=True))
    except ValueError:
        return None
    given = fields.pop("hash", "")
    lines = "\n".join(f"{key}={value}" for key, value in sorted(fields.items()))
    expected = hmac.new(secret_key(token), lines.encode(), hashlib.sha256).hexdigest()
    if not given or not hmac.compare_digest(given.encode(), expected.encode()):
        return None
    try:
        signed_at = datetime.fromtimestamp(int(fields["auth_date"]), UTC)
        user = json.loads(fields["user"])
        person = AppUser(
            id=int(user["id"]),
            first_name=str(user.get("first_name", "")),
            username=user.get("username"),
            language_code=user.get("language_code"),
            is_bot=bool(user.get("is_bot", False)),
        )
    except (KeyError, ValueError, TypeError, OverflowError):
        return None
    if not now - MAX_AGE <= signed_at <= now + CLOCK_SKEW:
        return None
    return InitData(person, signed_at, fields.get("start_param") or None)
