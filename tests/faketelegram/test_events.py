"""The world's changes, live: the watch hook and the HTTP door's Server-Sent Events stream."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import aiohttp
import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, ReactionTypeEmoji

from bot.clock import ManualClock
from bot.faketelegram import Chat, FakeTelegram, FakeTelegramServer, User, start_server
from bot.faketelegram.world import Change


class EventReader:
    """One client of ``/sandbox/events``: reads the stream's events as (kind, data)."""

    def __init__(self, response: aiohttp.ClientResponse) -> None:
        self._response = response

    async def next(self, seconds: float = 5.0) -> tuple[str, dict[str, Any]]:
        kind, data = "", ""
        while True:
            raw = await asyncio.wait_for(self._response.content.readline(), seconds)
            if not raw:
                raise EOFError("the stream ended")
            line = raw.decode().rstrip("\n")
            if line.startswith("event: "):
                kind = line[len("event: ") :]
            elif line.startswith("data: "):
                data = line[len("data: ") :]
            elif line == "" and kind:
                return kind, json.loads(data)

    async def expect(self, kind: str) -> dict[str, Any]:
        """The next event, which must be of ``kind``."""
        got, data = await self.next()
        assert got == kind, (got, data)
        return data


@pytest.fixture
async def server(tg: FakeTelegram) -> AsyncIterator[FakeTelegramServer]:
    running = await start_server(tg)
    yield running
    await running.stop()


@pytest.fixture
async def stream(server: FakeTelegramServer) -> AsyncIterator[EventReader]:
    async with (
        aiohttp.ClientSession() as http,
        http.get(f"{server.url}/sandbox/events") as response,
    ):
        assert response.headers["Content-Type"] == "text/event-stream"
        # The stream is open once its greeting came; from then on nothing is missed.
        assert (await response.content.readline()).startswith(b"retry: ")
        yield EventReader(response)


async def test_messages_and_their_changes_are_streamed(
    tg: FakeTelegram, bot: Bot, group: Chat, alice: User, stream: EventReader
) -> None:
    said = tg.send(group.id, alice, "/done wrote 500 words")
    new = await stream.expect("message")
    assert new["chat_id"] == group.id
    assert new["message"]["message_id"] == said.message_id
    assert new["message"]["sender"]["first_name"] == "Alice"

    await bot.send_chat_action(group.id, "typing")
    assert (await stream.expect("chat_action"))["action"] == "typing"
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("✅", callback_data="checkin")]])
    sent = await bot.send_message(
        group.id, "<b>Day 1</b>", parse_mode="HTML", reply_markup=keyboard
    )
    shown = (await stream.expect("message"))["message"]
    assert (shown["html"], shown["buttons"], shown["from_bot"]) == (
        "<b>Day 1</b>",
        [[["✅", "checkin"]]],
        True,
    )
    await bot.edit_message_text("<i>Day 2</i>", group.id, sent.message_id, parse_mode="HTML")
    assert (await stream.expect("edited"))["message"]["html"] == "<i>Day 2</i>"
    await bot.set_message_reaction(group.id, said.message_id, ReactionTypeEmoji("🔥"))
    assert (await stream.expect("reaction"))["message"]["reactions"] == ["🔥"]
    await bot.delete_message(group.id, sent.message_id)
    assert (await stream.expect("deleted"))["message"]["deleted"] is True


async def test_button_answers_are_streamed_for_a_toast(
    tg: FakeTelegram, bot: Bot, group: Chat, bob: User, stream: EventReader
) -> None:
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("✅", callback_data="checkin")]])
    cue = await bot.send_message(group.id, "Good morning", reply_markup=keyboard)
    await stream.expect("message")
    query_id = tg.press(group.id, cue.message_id, bob, "checkin")
    await bot.answer_callback_query(query_id, "Checked in! Streak: 1 day.")
    answer = await stream.expect("callback_answer")
    assert answer["text"] == "Checked in! Streak: 1 day."
    assert answer["show_alert"] is False
    assert answer["user"]["first_name"] == "Bob"
    assert answer["chat_id"] == group.id


async def test_people_and_chats_are_streamed(
    tg: FakeTelegram, group: Chat, alice: User, bob: User, stream: EventReader
) -> None:
    carol = tg.add_user("Carol")
    assert (await stream.expect("user"))["user"]["first_name"] == "Carol"
    tg.add_member(group.id, carol, by=alice)
    changed = await stream.expect("chat")
    assert changed["chat"]["members"][str(carol.id)] == "member"
    joined = (await stream.expect("message"))["message"]
    assert joined["service"]["new_chat_members"][0]["first_name"] == "Carol"

    tg.rename_user(bob, first_name="Robert", username="robert")
    renamed = await stream.expect("user")
    assert renamed["user"] == {
        "id": bob.id,
        "is_bot": False,
        "first_name": "Robert",
        "username": "robert",
        "language_code": "en",
    }
    forum = tg.add_group("Forum", creator=alice, forum=True)
    assert (await stream.expect("chat"))["chat"]["is_forum"] is True
    thread = tg.create_topic(forum.id, "Daily")
    assert (await stream.expect("chat"))["chat"]["topics"] == {
        str(thread): {"name": "Daily", "closed": False}
    }
    created = (await stream.expect("message"))["message"]
    assert created["thread_id"] == thread
    tg.private_chat(alice)
    private = (await stream.expect("chat"))["chat"]
    assert (private["type"], private["user_id"]) == ("private", alice.id)


async def test_the_clock_and_a_reset_are_streamed(
    tg: FakeTelegram, clock: ManualClock, stream: EventReader
) -> None:
    clock.advance(timedelta(days=1))
    tg.notify("clock")
    assert (await stream.expect("clock"))["now"] == tg.now_ts()
    await tg.reset()
    assert (await stream.expect("reset"))["kind"] == "reset"


async def test_each_client_gets_every_change(
    server: FakeTelegramServer, tg: FakeTelegram, stream: EventReader
) -> None:
    async with (
        aiohttp.ClientSession() as http,
        http.get(f"{server.url}/sandbox/events") as second_response,
    ):
        await second_response.content.readline()
        second = EventReader(second_response)
        tg.add_user("Dana")
        first_seen = await stream.expect("user")
        second_seen = await second.expect("user")
    assert first_seen == second_seen
    assert first_seen["user"]["first_name"] == "Dana"


async def test_stopping_the_server_ends_open_streams(tg: FakeTelegram) -> None:
    server = await start_server(tg)
    async with (
        aiohttp.ClientSession() as http,
        http.get(f"{server.url}/sandbox/events") as response,
    ):
        await response.content.readline()
        # Without ending the streams, shutting down would wait for them for a minute.
        await asyncio.wait_for(server.stop(), 5)
        reader = EventReader(response)
        with pytest.raises((EOFError, aiohttp.ClientPayloadError)):
            await reader.next(5)


def test_a_failing_watcher_does_not_break_the_world(tg: FakeTelegram, alice: User) -> None:
    seen: list[Change] = []

    def broken(change: Change) -> None:
        raise RuntimeError("boom")

    tg.watch(broken)
    stop = tg.watch(seen.append)
    tg.add_user("Dana")
    stop()
    tg.add_user("Eve")
    assert [(c.kind, c.user.first_name if c.user else None) for c in seen] == [("user", "Dana")]


async def test_reset_forgets_everything_but_keeps_its_watchers(
    tg: FakeTelegram, bot: Bot, group: Chat, alice: User, clock: ManualClock
) -> None:
    await bot.send_message(group.id, "hello")
    await bot.send_document(group.id, b"data", filename="a.txt")
    seen: list[str] = []
    tg.watch(lambda change: seen.append(change.kind))
    tg.fail_next()
    await tg.reset()
    fresh = FakeTelegram(clock=clock)
    assert vars(tg).keys() == vars(fresh).keys()
    assert (tg.users, tg.chats, tg.private_chats, tg.bots, tg.files) == ({}, {}, {}, {}, {})
    assert (tg.callback_queries, tg.callback_answers, tg.chat_actions) == ({}, {}, [])
    assert tg.rate_limits is True
    assert seen == ["reset"]
    # Ids start over, as in a new world.
    assert tg.add_user("Alice").id == alice.id
    tg.create_bot("123456:" + "A" * 35)
    again = tg.add_group("Writers", creator=tg.user(alice.id))
    assert again.id == group.id
    tg.add_bot(again.id, by=tg.user(alice.id))
    async with Bot("123456:" + "A" * 35, request=tg.request()) as fresh_bot:
        await fresh_bot.send_message(again.id, "no forced 429 is left over")
