"""The world's changes as a Server-Sent Events stream: ``GET /sandbox/events``.

Each change is sent as it happens, as ``event: <kind>`` with a JSON ``data`` line written
at that moment (so a message shows as it was then, even if it changes again later). A
client that falls too far behind is disconnected rather than slowing the world down; like
any client that reconnects, it should read the state again (the browser's EventSource
reconnects by itself after ``retry`` milliseconds).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from typing import Any

from aiohttp import web

from bot.faketelegram.json_shapes import user_json
from bot.faketelegram.server_users import chat_view, message_view
from bot.faketelegram.world import Change, World

HEARTBEAT_SECONDS = 15.0
RECONNECT_MILLISECONDS = 1000
# Changes a client may have unread before it is cut off (a "+1 year" jump makes ~800).
BACKLOG = 10_000

_CLOSE = object()
STREAMS_KEY = web.AppKey("event_streams", set)


def change_json(change: Change, now: int) -> dict[str, Any]:
    """What a client needs to show the change; ``now`` is the world's clock, in unix time."""
    body: dict[str, Any] = {"kind": change.kind, "now": now}
    if change.chat is not None:
        body["chat_id"] = change.chat.id
        if change.kind == "chat":
            body["chat"] = chat_view(change.chat)
    if change.message is not None:
        body["message"] = message_view(change.message)
    if change.user is not None:
        body["user"] = user_json(change.user)
    body.update(change.details)
    return body


def _frame(body: dict[str, Any]) -> bytes:
    data = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
    return f"event: {body['kind']}\ndata: {data}\n\n".encode()


def add_event_stream(app: web.Application, world: World) -> None:
    """Serve ``/sandbox/events`` for ``world``; streams end when the server shuts down."""
    streams: set[asyncio.Queue[object]] = set()
    app[STREAMS_KEY] = streams

    async def events(request: web.Request) -> web.StreamResponse:
        queue: asyncio.Queue[object] = asyncio.Queue(BACKLOG)

        def on_change(change: Change) -> None:
            try:
                queue.put_nowait(_frame(change_json(change, world.now_ts())))
            except asyncio.QueueFull:
                # Too far behind: better to reconnect and reload than to hold the world up.
                while not queue.empty():
                    queue.get_nowait()
                queue.put_nowait(_CLOSE)

        response = web.StreamResponse(
            headers={
                "Content-Type": "text/event-stream",
                "Cache-Control": "no-cache",
                "X-Accel-Buffering": "no",
            }
        )
        unwatch = world.watch(on_change)
        streams.add(queue)
        try:
            await response.prepare(request)
            await response.write(f"retry: {RECONNECT_MILLISECONDS}\n: connected\n\n".encode())
            while True:
                try:
                    item = await asyncio.wait_for(queue.get(), HEARTBEAT_SECONDS)
                except TimeoutError:
                    await response.write(b": still here\n\n")
                    continue
                if item is _CLOSE:
                    break
                assert isinstance(item, bytes)
                await response.write(item)
        except ConnectionResetError:
            pass  # the page went away
        finally:
            unwatch()
            streams.discard(queue)
        return response

    async def close_streams(app: web.Application) -> None:
        for queue in list(streams):
            with contextlib.suppress(asyncio.QueueFull):
                queue.put_nowait(_CLOSE)

    app.on_shutdown.append(close_streams)
    app.router.add_get("/sandbox/events", events)
