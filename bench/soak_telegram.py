"""The fake Telegram of the soak (bench/bench_soak.py), in a process of its own, reached over
HTTP by the bot's replicas as they reach Telegram.

Run by ``SoakTelegram`` (``python -m bench.soak_telegram``), under the same faked wall clock
as the replicas (libfaketime), so that the messages' dates, Telegram's flood windows and the
bots' clocks agree. It prints one JSON line (its URL) and serves the Bot API, with Telegram's
limits on, plus a few routes for the benchmark, which plays the people in bulk:

- ``POST /soak/groups`` ``{"groups": G, "members": M}``: an owner, G groups of M members
  each (named ``G<g>M<m>``), the bot added to each (the replicas welcome them);
- ``POST /soak/say`` ``{"said": [[chat, user, text], ...]}``: each person sends the text;
  the answer lists, for each, its update id and message id;
- ``GET /soak/progress``: updates not yet delivered, and the bot's messages so far;
- ``POST /soak/seen`` ``{"updates": [...], "posts": [[chat, kind, day], ...]}``: which of
  those updates the bot has answered (a reaction, or a reply to the message), and which of
  those posts it has posted;
- ``GET /soak/tally``: every message said through ``/soak/say`` with the reactions and
  replies it got, how often each person was named in the confirmations of each day, and
  every message the bot posted by itself, by kind and day.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

if __package__ in {None, ""}:  # run as a file: make ``bot`` and ``bench`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import aiohttp
from aiohttp import web

from bench.child import ChildProcess
from bench.common import BOT_USERNAME, TOKEN
from bot.clock import SystemClock
from bot.faketelegram import FakeTelegram, Message, User
from bot.faketelegram.server import FakeTelegramServer
from bot.faketelegram.world import Change
from bot.outbox.buttons import CHECKIN_BUTTON_DATA

# The bot isolates every name it shows for bidirectional text.
_ISOLATED = re.compile("\u2068([^\u2069]*)\u2069")
WELCOME = "show up every day"
RECAP = "🌙"


class SoakTelegram:
    """The child process, from the benchmark's side: ``async with SoakTelegram(env) as tg``,
    then ``tg.url`` for the bots and ``await tg.call(route, body)`` for the routes above."""

    def __init__(self, env: dict[str, str]) -> None:
        self._process = ChildProcess("bench.soak_telegram", env=env, ready_within=60)
        self._http: aiohttp.ClientSession | None = None
        self.url = ""

    @property
    def pid(self) -> int:
        return self._process.pid

    async def __aenter__(self) -> SoakTelegram:
        self.url = (await self._process.start())["url"]
        self._http = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=300))
        return self

    async def call(self, route: str, body: dict[str, Any] | None = None) -> Any:
        assert self._http is not None
        url = f"{self.url}/soak/{route}"
        request = self._http.get(url) if body is None else self._http.post(url, json=body)
        async with request as reply:
            found = await reply.json()
            if reply.status != 200:
                raise AssertionError(f"/soak/{route}: {found}")
            return found

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._http is not None:
            await self._http.close()
        await self._process.stop()


# -- the child ---------------------------------------------------------------------------


@dataclass(slots=True)
class Said:
    """A message a person sent through /soak/say, and what the bot did with it."""

    chat_id: int
    message_id: int
    user_id: int
    text: str
    day: str  # the UTC day it was sent on
    reactions: int = 0  # how often the bot set a reaction on it


class Soak:
    def __init__(self, tg: FakeTelegram) -> None:
        self._tg = tg
        self._users: dict[int, User] = {}
        self._said: dict[int, Said] = {}  # by update id
        self._by_message: dict[tuple[int, int], Said] = {}
        self._bot_messages = 0
        tg.watch(self._seen)

    def routes(self, app: web.Application) -> None:
        app.router.add_post("/soak/groups", self.groups)
        app.router.add_post("/soak/say", self.say)
        app.router.add_get("/soak/progress", self.progress)
        app.router.add_post("/soak/seen", self.seen)
        app.router.add_get("/soak/tally", self.tally)

    def _seen(self, change: Change) -> None:
        if change.kind == "reaction" and change.chat and change.message:
            said = self._by_message.get((change.chat.id, change.message.message_id))
            if said is not None:
                said.reactions += 1
        elif change.kind == "message" and change.message and change.message.from_bot:
            self._bot_messages += 1

    async def groups(self, request: web.Request) -> web.Response:
        body = await request.json()
        owner = self._tg.add_user("Owner", username="owner")
        self._users[owner.id] = owner
        made = []
        for g in range(body["groups"]):
            chat = self._tg.add_group(f"Group {g}", creator=owner)
            members = []
            for m in range(body["members"]):
                person = self._tg.add_user(f"G{g}M{m}")
                self._users[person.id] = person
                self._tg.add_member(chat.id, person)
                members.append(person.id)
            self._tg.add_bot(chat.id, by=owner)
            made.append({"chat_id": chat.id, "members": members})
        return web.json_response({"owner": owner.id, "groups": made})

    async def say(self, request: web.Request) -> web.Response:
        body = await request.json()
        queue = self._tg.bot().queue
        sent = []
        for chat_id, user_id, text in body["said"]:
            message = self._tg.send(chat_id, self._users[user_id], text)
            update_id = queue.next_id - 1
            said = Said(chat_id, message.message_id, user_id, text, _day(message))
            self._said[update_id] = said
            self._by_message[chat_id, message.message_id] = said
            sent.append([update_id, message.message_id])
        return web.json_response({"sent": sent})

    async def progress(self, request: web.Request) -> web.Response:
        waiting = len(self._tg.bot().queue.updates)
        return web.json_response({"undelivered": waiting, "bot_messages": self._bot_messages})

    async def seen(self, request: web.Request) -> web.Response:
        body = await request.json()
        replied = self._replies()
        answered = [
            u
            for u in body["updates"]
            if (said := self._said.get(u)) is not None
            and (said.reactions or replied[said.chat_id, said.message_id])
        ]
        posted = self._posts()
        posts = [p for p in body["posts"] if posted[p[0], p[1], p[2]]]
        return web.json_response({"updates": answered, "posts": posts})

    async def tally(self, request: web.Request) -> web.Response:
        replied = self._replies()
        names: Counter[tuple[int, str]] = Counter()  # (chat, day) named in answers
        answers: dict[tuple[int, int], list[str]] = {}
        for message in self._all_bot_messages():
            if message.reply_to is None:
                # Confirmations merged into one message reply to none of them.
                confirms = _kind(message) == "other"
            else:
                kind = (
                    "photo"
                    if message.photo_file
                    else "document"
                    if message.document_file
                    else "text"
                )
                answers.setdefault((message.chat_id, message.reply_to), []).append(kind)
                to = self._by_message.get((message.chat_id, message.reply_to))
                confirms = to is not None and to.text.startswith("/done")
            if confirms:
                # Once a message: a milestone's news beside the confirmation names them again.
                for name in set(_ISOLATED.findall(message.text or "")):
                    names[message.chat_id, f"{_day(message)}|{name}"] += 1
        said = [
            {
                "update_id": update_id,
                "chat_id": s.chat_id,
                "user": self._users[s.user_id].first_name,
                "text": s.text,
                "day": s.day,
                "reactions": s.reactions,
                "replies": answers.get((s.chat_id, s.message_id), []),
                "replied": replied[s.chat_id, s.message_id],
            }
            for update_id, s in self._said.items()
        ]
        named = [[chat, key, n] for (chat, key), n in names.items()]
        posts = [[chat, kind, day, n] for (chat, kind, day), n in self._posts().items()]
        return web.json_response({"said": said, "named": named, "posts": posts})

    def _all_bot_messages(self) -> list[Message]:
        return [m for chat in list(self._tg.chats) for m in self._tg.bot_messages(chat)]

    def _replies(self) -> Counter[tuple[int, int]]:
        return Counter(
            (m.chat_id, m.reply_to) for m in self._all_bot_messages() if m.reply_to is not None
        )

    def _posts(self) -> Counter[tuple[int, str, str]]:
        """The bot's own posts (not answers, nor merged confirmations), by chat, kind and
        (UTC) day."""
        found: Counter[tuple[int, str, str]] = Counter()
        for message in self._all_bot_messages():
            if message.reply_to is None and (kind := _kind(message)) != "other":
                found[message.chat_id, kind, _day(message)] += 1
        return found


def _day(message: Message) -> str:
    return datetime.fromtimestamp(message.date, UTC).date().isoformat()


def _kind(message: Message) -> str:
    """What a post of the bot's own is, as the posts table names it."""
    text = message.text or message.caption or ""
    if WELCOME in text:
        return "welcome"
    if RECAP in text:
        return "recap"
    if any(data == CHECKIN_BUTTON_DATA for row in message.buttons for _, data in row):
        return "cue"
    if message.photo_file is not None:
        return "weekly"
    return "other"


async def _serve() -> None:
    # The wall clock, which libfaketime moves for this process as for the replicas.
    tg = FakeTelegram(clock=SystemClock())  # Telegram's limits on, as in production
    tg.create_bot(TOKEN, username=BOT_USERNAME)
    soak = Soak(tg)
    server = FakeTelegramServer(tg, soak.routes)
    url = await server.start()
    print(json.dumps({"url": url}), flush=True)
    try:
        # Until the benchmark closes our stdin: also when it was killed, this process ends.
        await asyncio.to_thread(sys.stdin.buffer.read)
    finally:
        await server.stop()


def main() -> None:
    argparse.ArgumentParser(description=__doc__.split("\n\n")[0]).parse_args()
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve())


if __name__ == "__main__":
    main()
