"""Whether a call that failed may still have been carried out by Telegram.

Telegram has no idempotency key: a message sent twice is posted twice. So a failure after
the whole request went out (the answer timed out, the connection broke before the answer)
is not the same as one that surely failed (nothing was sent, or Telegram answered with an
error): after the first, the message may be in the chat already.

python-telegram-bot's HTTPXRequest turns every httpx error into its own, keeping httpx's
as the cause (``raise TimedOut from err``, ``raise NetworkError(...) from err``): a
``TimedOut`` for httpx's timeouts (a full pool included, "request was *not* sent"), a
``NetworkError`` for the rest. An answer with an error status (5xx) is a ``NetworkError``
with no cause: Telegram answered, so it did not carry the call out.
"""

from __future__ import annotations

import httpx
from telegram.error import BadRequest, NetworkError, TimedOut

# The httpx failures that happen before Telegram has the whole request: no connection (or
# none in time, or no free one in the pool), or the request's writing broke off. Telegram
# acts on a whole HTTP request only, and httpx reads nothing before it has written the
# last byte, so a write that failed means nothing was carried out.
_NOT_SENT: tuple[type[httpx.HTTPError], ...] = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.PoolTimeout,
    httpx.WriteTimeout,
    httpx.WriteError,
    httpx.LocalProtocolError,
    httpx.UnsupportedProtocol,
    httpx.ProxyError,
)


def outcome_unknown(error: BaseException) -> bool:
    """True when ``error`` leaves open whether Telegram carried the call out: the request
    went out whole and its answer never came (read timeout, connection dropped, a broken
    answer), or the transport failed in a way that does not say."""
    if not isinstance(error, NetworkError) or isinstance(error, BadRequest):
        return False  # Telegram answered: a refusal, a "retry after", a moved group ...
    cause = error.__cause__
    if isinstance(cause, httpx.HTTPError):
        return not isinstance(cause, _NOT_SENT)
    if cause is None:
        # No transport error behind it: an answer with an error status, unless a timeout
        # (another request class than httpx's may time out without saying how).
        return isinstance(error, TimedOut)
    return True  # something else broke in the transport: nobody can tell
