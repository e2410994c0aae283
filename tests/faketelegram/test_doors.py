"""The in-process request and the HTTP server are two doors to the same world."""

from __future__ import annotations

import asyncio
import io
from collections.abc import AsyncIterator, Awaitable
from datetime import UTC, datetime
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from PIL import Image
from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    ReplyParameters,
    TelegramObject,
)
from telegram.error import TelegramError

from bot.clock import ManualClock
from bot.faketelegram import FakeTelegram, FakeTelegramServer, start_server

from .conftest import TOKEN


def new_world() -> FakeTelegram:
    world = FakeTelegram(clock=ManualClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC)))
    world.create_bot(TOKEN)
    return world


async def scenario(bot: Bot, world: FakeTelegram) -> list[Any]:
    """The same calls, recorded as Telegram's answers (objects) or refusals (messages)."""
    alice = world.add_user("Alice", username="alice")
    group = world.add_group("Writers", creator=alice)
    world.add_bot(group.id, by=alice)
    asked = world.send(group.id, alice, "/done 500")
    picture = io.BytesIO()
    Image.new("RGB", (4, 3)).save(picture, "PNG")
    results: list[Any] = []
    calls: list[Awaitable[Any]] = [
        bot.get_me(),
        bot.get_updates(),
        bot.send_message(
            group.id,
            "<b>Done</b> 🎉",
            parse_mode="HTML",
            reply_parameters=ReplyParameters(asked.message_id),
            reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("Undo", callback_data="u")]]),
        ),
        bot.send_message(group.id, "<b>broken", parse_mode="HTML"),
        bot.send_photo(group.id, picture.getvalue(), caption="chart"),
        bot.get_chat_member(group.id, alice.id),
        bot.edit_message_text("same", group.id, 999),
        bot.send_message(-100123, "nobody"),
    ]
    for call in calls:
        try:
            answer = await call
        except TelegramError as exc:
            results.append(f"{type(exc).__name__}: {exc.message}")
            continue
        if isinstance(answer, tuple):
            results.append([a.to_dict() for a in answer])
        elif isinstance(answer, TelegramObject):
            results.append(answer.to_dict())
        else:
            results.append(answer)
    return results


@pytest.fixture
async def server() -> AsyncIterator[FakeTelegramServer]:
    running = await start_server(new_world())
    yield running
    await running.stop()
    running.world.raise_for_problems()


async def test_both_doors_answer_the_same(server: FakeTelegramServer) -> None:
    local = new_world()
    async with Bot(TOKEN, request=local.request(), get_updates_request=local.request()) as bot:
        in_process = await scenario(bot, local)
    async with Bot(TOKEN, base_url=server.bot_api_url, base_file_url=server.file_url) as bot:
        over_http = await scenario(bot, server.world)
    assert in_process == over_http
    assert "BadRequest: Can't parse entities" in in_process[3]
    assert server.world.bot_messages(-1002000000001)[1].photo is not None


async def test_http_download_and_raw_requests(server: FakeTelegramServer) -> None:
    world = server.world
    alice = world.add_user("Alice")
    world.send(alice.id, alice, "/start")
    async with Bot(TOKEN, base_url=server.bot_api_url, base_file_url=server.file_url) as bot:
        sent = await bot.send_document(alice.id, b"hello", filename="a.txt")
        assert sent.document is not None
        downloaded = await (await bot.get_file(sent.document.file_id)).download_as_bytearray()
        assert bytes(downloaded) == b"hello"
    async with aiohttp.ClientSession() as http:
        async with http.get(f"{server.url}/bot{TOKEN}/getMe") as reply:
            assert (await reply.json())["result"]["username"] == "habitloop_bot"
        body = {"chat_id": alice.id, "text": "json body", "reply_markup": {"inline_keyboard": []}}
        async with http.post(f"{server.url}/bot{TOKEN}/sendMessage", json=body) as reply:
            assert reply.status == 200
            assert (await reply.json())["result"]["text"] == "json body"
        form = {"chat_id": str(alice.id), "text": "form body"}
        async with http.post(f"{server.url}/bot{TOKEN}/sendMessage", data=form) as reply:
            assert reply.status == 200
        async with http.get(f"{server.url}/bot{TOKEN}/fooBar") as reply:
            assert (reply.status, await reply.json()) == (
                404,
                {"ok": False, "error_code": 404, "description": "Not Found"},
            )
        async with http.get(f"{server.url}/bot999:{'B' * 35}/getMe") as reply:
            assert reply.status == 401
    texts = [m.text for m in world.bot_messages(alice.id)]
    assert texts == [None, "json body", "form body"]


async def test_webhook_delivery_with_secret(server: FakeTelegramServer) -> None:
    received: asyncio.Queue[tuple[str | None, dict[str, Any]]] = asyncio.Queue()

    async def hook(request: web.Request) -> web.Response:
        secret = request.headers.get("X-Telegram-Bot-Api-Secret-Token")
        await received.put((secret, await request.json()))
        return web.Response()

    app = web.Application()
    app.router.add_post("/hook", hook)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    try:
        async with Bot(TOKEN, base_url=server.bot_api_url) as bot:
            await bot.set_webhook(f"http://127.0.0.1:{port}/hook", secret_token="s3cret")
            alice = server.world.add_user("Alice")
            server.world.send(alice.id, alice, "/start")
            secret, update = await asyncio.wait_for(received.get(), 5)
            assert secret == "s3cret"
            assert update["message"]["text"] == "/start"
            info = await bot.get_webhook_info()
            assert info.pending_update_count == 0
            await bot.delete_webhook()
    finally:
        await runner.cleanup()


async def test_sandbox_endpoints_play_the_users(server: FakeTelegramServer) -> None:
    base = f"{server.url}/sandbox"
    async with aiohttp.ClientSession() as http:

        async def post(path: str, body: dict[str, Any]) -> Any:
            async with http.post(base + path, json=body) as reply:
                assert reply.status == 200, await reply.text()
                return await reply.json()

        alice = await post("/users", {"first_name": "Alice", "username": "alice"})
        group = await post("/groups", {"title": "Writers", "creator_id": alice["id"]})
        await post(f"/chats/{group['id']}/add_bot", {"by_id": alice["id"]})
        sent = await post(
            f"/chats/{group['id']}/messages", {"user_id": alice["id"], "text": "/done"}
        )
        assert sent["entities"] == [{"type": "bot_command", "offset": 0, "length": 5}]
        async with Bot(TOKEN, base_url=server.bot_api_url) as bot:
            updates = await bot.get_updates()
            assert updates[-1].message is not None
            assert updates[-1].message.text == "/done"
            await bot.send_message(
                group["id"],
                "Pick",
                reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("A", callback_data="a")]]),
            )
        async with http.get(f"{base}/chats/{group['id']}/messages") as reply:
            shown = await reply.json()
        assert shown[-1]["buttons"] == [[["A", "a"]]]
        assert shown[-1]["from_bot"]
        pressed = await post(
            f"/chats/{group['id']}/press",
            {"message_id": shown[-1]["message_id"], "user_id": alice["id"], "data": "a"},
        )
        assert pressed["callback_query_id"]
        async with http.post(
            f"{base}/chats/{group['id']}/messages", json={"user_id": 1, "text": "x"}
        ) as reply:
            assert reply.status == 400
        async with http.get(f"{base}/problems") as reply:
            assert await reply.json() == {"spec_violations": [], "unsupported_calls": []}


async def test_sandbox_endpoints_rename_demote_and_open_private_chats(
    server: FakeTelegramServer,
) -> None:
    base = f"{server.url}/sandbox"
    async with aiohttp.ClientSession() as http:

        async def post(path: str, body: dict[str, Any] | None = None, status: int = 200) -> Any:
            async with http.post(base + path, json=body or {}) as reply:
                assert reply.status == status, await reply.text()
                return await reply.json()

        alice = await post("/users", {"first_name": "Alice", "username": "alice"})
        bob = await post("/users", {"first_name": "Bob"})
        group = await post("/groups", {"title": "Writers", "creator_id": alice["id"]})
        await post(f"/chats/{group['id']}/members", {"user_id": bob["id"], "by_id": alice["id"]})
        renamed = await post(f"/users/{bob['id']}", {"first_name": "Robert", "username": "rob_s"})
        assert (renamed["first_name"], renamed["username"]) == ("Robert", "rob_s")
        refused = await post(f"/users/{bob['id']}", {"first_name": ""}, status=400)
        assert refused == {"error": "a first name can't be empty"}
        promoted = await post(f"/chats/{group['id']}/promote", {"user_id": bob["id"]})
        assert promoted["members"][str(bob["id"])] == "administrator"
        demoted = await post(
            f"/chats/{group['id']}/demote", {"user_id": bob["id"], "by_id": alice["id"]}
        )
        assert demoted["members"][str(bob["id"])] == "member"
        again = await post(f"/chats/{group['id']}/demote", {"user_id": bob["id"]}, status=400)
        assert again == {"error": f"Robert is not an administrator of chat {group['id']}"}
        private = await post(f"/users/{alice['id']}/private")
        assert (private["id"], private["type"], private["user_id"]) == (
            alice["id"],
            "private",
            alice["id"],
        )
        assert (private["started"], private["blocked"]) == (False, False)
        unknown = await post("/users/5/private", status=400)
        assert unknown == {"error": "no user 5"}
        async with Bot(TOKEN, base_url=server.bot_api_url) as bot:
            await bot.set_my_commands([("done", "check in")])
        async with http.get(f"{base}/state") as reply:
            state = await reply.json()
        assert [c["user_id"] for c in state["private_chats"]] == [alice["id"]]
        bot_id = str(server.world.bot().user.id)
        assert state["commands"] == {bot_id: [{"command": "done", "description": "check in"}]}
