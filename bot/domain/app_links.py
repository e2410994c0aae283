"""How a Mini App link names a group: a token only the bot can make, and read, from the
group's id.

A group's ``t.me/<bot>/<app>?startapp=<token>`` button is seen by anyone the message is
forwarded to; the token does not reveal the group's id, and nobody else can make one, since
both need a key derived from the bot token. The bot reads the id back from the token
(a synthetic-IV construction: an 8-byte tag made from the id, which also masks it), so a
link is found at once, and a forged or damaged one is refused.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

# 8 bytes of tag, 8 of the masked id: 22 URL-safe characters.
PART_BYTES = 8
TOKEN_BYTES = 2 * PART_BYTES


def link_key(bot_token: str) -> bytes:
    return hmac.new(b"habitloop group links", bot_token.encode(), hashlib.sha256).digest()


def group_token(key: bytes, chat_id: int) -> str:
    """The group's token: URL-safe letters, digits, ``-`` and ``_`` (what startapp takes)."""
    plain = chat_id.to_bytes(PART_BYTES, "big", signed=True)
    tag = _mac(key, b"tag", plain)
    sealed = _xor(plain, _mac(key, b"mask", tag))
    return base64.urlsafe_b64encode(tag + sealed).decode().rstrip("=")


def group_of_token(key: bytes, token: str) -> int | None:
    """The group id a token names; None for anything the bot did not make."""
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    except ValueError:  # not base64, or not ASCII at all
        return None
    if len(raw) != TOKEN_BYTES:
        return None
    tag, sealed = raw[:PART_BYTES], raw[PART_BYTES:]
    plain = _xor(sealed, _mac(key, b"mask", tag))
    if not hmac.compare_digest(tag, _mac(key, b"tag", plain)):
        return None
    return int.from_bytes(plain, "big", signed=True)


def _mac(key: bytes, purpose: bytes, data: bytes) -> bytes:
    return hmac.new(key, purpose + b":" + data, hashlib.sha256).digest()[:PART_BYTES]


def _xor(data: bytes, mask: bytes) -> bytes:
    return bytes(a ^ b for a, b in zip(data, mask, strict=True))
