"""How a Mini App link names a group: a token only the bot can make from the group's id.

A group's ``t.me/<bot>/<app>?startapp=<token>`` button is seen by anyone the message is
forwarded to; the token does not reveal the group's id, and the bot finds the group again by
making the token of each group the person is in. Made with a key derived from the bot token,
so it can't be made by anyone else either.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

# 12 bytes of HMAC: no two groups of one bot share a token by chance.
TOKEN_BYTES = 12


def link_key(bot_token: str) -> bytes:
    return hmac.new(b"habitloop group links", bot_token.encode(), hashlib.sha256).digest()


def group_token(key: bytes, chat_id: int) -> str:
    """The group's token: URL-safe letters, digits, ``-`` and ``_`` (what startapp takes)."""
    digest = hmac.new(key, str(chat_id).encode(), hashlib.sha256).digest()[:TOKEN_BYTES]
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")
