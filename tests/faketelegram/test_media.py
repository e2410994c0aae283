"""Photos come in several sizes, each a file of its own."""

from __future__ import annotations

from telegram import Bot

from bot.faketelegram import Chat

from .conftest import png


async def test_the_bots_own_photo_comes_in_sizes_too(bot: Bot, group: Chat) -> None:
    sent = await bot.send_photo(group.id, png(1000, 600))
    assert [(p.width, p.height) for p in sent.photo] == [
        (90, 54),
        (320, 192),
        (800, 480),
        (1000, 600),
    ]
    again = await bot.send_photo(group.id, sent.photo[-1].file_id)
    assert [p.file_id for p in again.photo] == [p.file_id for p in sent.photo]
