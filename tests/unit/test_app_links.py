"""A Mini App link's token: read back to the group's id by the bot that made it, by nobody
else, and refused when anything in it changed."""

from __future__ import annotations

import re
import string

from bot.domain.app_links import group_of_token, group_token, link_key

KEY = link_key("123:ABC")
IDS = (-1001234567890, -4012345678, -1, 0, 1, 987654321, 2**63 - 1, -(2**63))


def test_a_token_names_its_group_and_shows_nothing_of_its_id() -> None:
    for chat_id in IDS:
        token = group_token(KEY, chat_id)
        assert re.fullmatch(r"[A-Za-z0-9_-]{22}", token), token
        if abs(chat_id) > 10**6:
            assert str(abs(chat_id)) not in token
        assert group_of_token(KEY, token) == chat_id
    assert len({group_token(KEY, chat_id) for chat_id in IDS}) == len(IDS)


def test_another_bots_token_or_a_changed_one_names_nothing() -> None:
    token = group_token(KEY, -1001234567890)
    assert group_of_token(link_key("456:DEF"), token) is None
    alphabet = string.ascii_letters + string.digits + "-_"
    for place in range(len(token) - 1):  # the last character carries padding bits too
        for other in alphabet:
            if other != token[place]:
                changed = token[:place] + other + token[place + 1 :]
                assert group_of_token(KEY, changed) is None, changed


def test_garbage_names_nothing() -> None:
    for made_up in ("", "abc", "é" * 30, "A" * 22, "_" * 400, "AAAAAAAAAAAAAAAAAAAAAA==", "%%"):
        assert group_of_token(KEY, made_up) is None, made_up
