"""getUpdates: confirming with offset, long polling, filters, conflicts, webhook exclusion."""

from __future__ import annotations

import asyncio
import time

import pytest
from telegram import Bot, Update
from telegram.error import Conflict

from bot.faketelegram import Chat, FakeTelegram, User
from bot.faketelegram.updates import UpdateQueue


async def test_offset_confirms_and_limit(
    tg: FakeTelegram, bot: Bot, group: Chat, alice: User
) -> None:
    for n in range(3):
        tg.send(group.id, alice, f"/done {n}")
    first = await bot.get_updates(limit=2)
    assert [u.message.text for u in first if u.message] == ["/done 0", "/done 1"]
    again = await bot.get_updates()
    assert len(again) == 3, "nothing is confirmed without an offset"
    rest = await bot.get_updates(offset=first[-1].update_id + 1)
    assert [u.update_id for u in rest] == [first[-1].update_id + 1]
    assert tg.updates_pending() == 1
    assert await bot.get_updates(offset=rest[-1].update_id + 1) == ()
    assert tg.updates_pending() == 0


async def test_negative_offset_keeps_the_last_ones(
    tg: FakeTelegram, bot: Bot, group: Chat, alice: User
) -> None:
    for n in range(4):
        tg.send(group.id, alice, f"/done {n}")
    last = await bot.get_updates(offset=-1)
    assert [u.message.text for u in last if u.message] == ["/done 3"]
    assert tg.updates_pending() == 1


async def test_long_poll_returns_when_an_update_arrives(
    tg: FakeTelegram, bot: Bot, group: Chat, alice: User
) -> None:
    started = time.monotonic()
    polling = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.05)
    assert not polling.done()
    tg.send(group.id, alice, "/done")
    updates = await asyncio.wait_for(polling, 2)
    assert len(updates) == 1
    assert time.monotonic() - started < 2


async def test_long_poll_times_out_empty() -> None:
    queue = UpdateQueue()
    started = time.monotonic()
    assert await queue.get(0, 100, 0.05) == []
    assert time.monotonic() - started >= 0.04


async def test_second_poller_terminates_the_first(tg: FakeTelegram, bot: Bot) -> None:
    first = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.05)
    assert await bot.get_updates(timeout=0) == ()
    with pytest.raises(Conflict, match="terminated by other getUpdates request"):
        await asyncio.wait_for(first, 2)


async def test_allowed_updates_filter(
    tg: FakeTelegram, bot: Bot, group: Chat, alice: User, bob: User
) -> None:
    tg.promote(group.id, tg.bot().user)
    carol = tg.add_user("Carol")
    tg.add_member(group.id, carol, by=alice)
    default = await bot.get_updates()
    assert {kind for u in default for kind in _kinds(u)} == {"my_chat_member", "message"}
    tg.add_member(group.id, tg.add_user("Dan"), by=alice)
    everything = await bot.get_updates(
        offset=default[-1].update_id + 1, allowed_updates=Update.ALL_TYPES
    )
    assert {kind for u in everything for kind in _kinds(u)} == {"chat_member", "message"}
    tg.send(group.id, bob, "/done")
    tg.add_member(group.id, tg.add_user("Eve"), by=alice)
    only = await bot.get_updates(
        offset=everything[-1].update_id + 1, allowed_updates=["chat_member"]
    )
    assert [k for u in only for k in _kinds(u)] == ["chat_member"]


def _kinds(update: Update) -> list[str]:
    return [k for k in update.to_dict() if k != "update_id"]


async def test_webhook_excludes_get_updates(tg: FakeTelegram, bot: Bot) -> None:
    assert await bot.set_webhook("http://127.0.0.1:9/hook", secret_token="s3cret")
    info = await bot.get_webhook_info()
    assert info.url == "http://127.0.0.1:9/hook"
    with pytest.raises(Conflict, match="can't use getUpdates method while webhook is active"):
        await bot.get_updates()
    assert await bot.delete_webhook(drop_pending_updates=True)
    assert (await bot.get_webhook_info()).url == ""
    assert await bot.get_updates() == ()
