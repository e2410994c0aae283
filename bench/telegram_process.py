"""The fake Telegram in a process of its own, reached over HTTP, as production reaches Telegram.

In one process with the bot, the fake's own work (building each message, checking each call
against the Bot API) is charged to the bot, and the HTTP a real bot pays for every call is
not. Here the bot's process does what it does in production: HTTP calls to an API elsewhere,
which answers from another process (on this machine, another core).

Run by ``TelegramProcess`` (``python -m bench.telegram_process --members N``). The child
makes two bots (ours and the echo bot), ``--members`` people, and for each person a group
with ours and one with the echo bot; it prints one JSON line (its URL and those groups) and
serves the Bot API, plus one route for the benchmark: ``POST /bench/round`` with ``side``
("ours" or "echo") and ``at`` (an ISO instant) moves its clock there, has every member of that
side's groups send /done at once, and answers once each /done has the bot's reaction and
reply (or says which have not, after ``ROUND_PATIENCE`` seconds).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any

if __package__ in {None, ""}:  # run as a file: make ``bot`` and ``bench`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import aiohttp
from aiohttp import web

from bench.child import ChildProcess
from bench.common import BOT_USERNAME, ECHO_TOKEN, ECHO_USERNAME, START, TOKEN
from bot.clock import ManualClock
from bot.faketelegram import Chat, FakeTelegram, User
from bot.faketelegram.server import FakeTelegramServer
from bot.faketelegram.world import Change

ROUND_PATIENCE = 60.0
SIDES = ("ours", "echo")


@dataclass(frozen=True, slots=True)
class Seat:
    """A member in a group of their own with one of the bots (as the parent sees them)."""

    chat: Chat
    person: User


class TelegramProcess:
    """The child process, from the benchmark's side: ``async with TelegramProcess(20) as tg``,
    then ``tg.url`` for the bots, ``tg.seats[side]`` for the groups, ``await tg.round(...)``."""

    def __init__(self, members: int) -> None:
        self._process = ChildProcess("bench.telegram_process", "--members", str(members))
        self._http: aiohttp.ClientSession | None = None
        self.url = ""
        self.seats: dict[str, list[Seat]] = {}

    async def __aenter__(self) -> TelegramProcess:
        world = await self._process.start()
        self.url = world["url"]
        self.seats = {side: [_seat(seat) for seat in world[side]] for side in SIDES}
        self._http = aiohttp.ClientSession()
        return self

    async def round(self, side: str, at: datetime) -> None:
        """Every member of ``side`` sends /done at ``at``; returns once all are answered."""
        assert self._http is not None
        async with self._http.post(
            f"{self.url}/bench/round", json={"side": side, "at": at.isoformat()}
        ) as reply:
            body = await reply.json()
        if reply.status != 200:
            raise AssertionError(f"the {side} bot's round: {body}")

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._http is not None:
            await self._http.close()
        await self._process.stop()


def _seat(row: dict[str, Any]) -> Seat:
    chat = Chat(id=row["chat_id"], type="group", title=row["title"])
    return Seat(chat, User(id=row["user_id"], first_name=row["first_name"]))


# -- the child ---------------------------------------------------------------------------


class Rounds:
    """The world's side of a round: the /done messages sent, and those not yet answered."""

    def __init__(self, tg: FakeTelegram, clock: ManualClock, seats: dict[str, list[Seat]]):
        self._tg = tg
        self._clock = clock
        self._seats = seats
        self._waiting: dict[tuple[int, int], set[str]] = {}  # (chat, message): still to come
        self._all_answered = asyncio.Event()
        tg.watch(self._seen)

    async def handle(self, request: web.Request) -> web.Response:
        body = await request.json()
        self._clock.set(datetime.fromisoformat(body["at"]))
        self._all_answered.clear()
        for seat in self._seats[body["side"]]:
            message = self._tg.send(seat.chat.id, seat.person, "/done")
            self._waiting[seat.chat.id, message.message_id] = {"reaction", "reply"}
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._all_answered.wait(), ROUND_PATIENCE)
        if self._waiting:
            missing = {
                f"{chat}:{message}": sorted(left) for (chat, message), left in self._waiting.items()
            }
            self._waiting.clear()
            return web.json_response({"unanswered": missing}, status=504)
        problems = self._tg.spec_violations + self._tg.unsupported_calls
        return web.json_response({"problems": problems}, status=500 if problems else 200)

    def _seen(self, change: Change) -> None:
        message, chat = change.message, change.chat
        if message is None or chat is None:
            return
        if change.kind == "reaction":
            self._answered((chat.id, message.message_id), "reaction")
        elif change.kind == "message" and message.from_bot and message.reply_to is not None:
            self._answered((chat.id, message.reply_to), "reply")

    def _answered(self, key: tuple[int, int], what: str) -> None:
        left = self._waiting.get(key)
        if left is None:
            return
        left.discard(what)
        if not left:
            del self._waiting[key]
            if not self._waiting:
                self._all_answered.set()


def _make_world(members: int) -> tuple[FakeTelegram, ManualClock, dict[str, list[Seat]]]:
    clock = ManualClock(START)
    tg = FakeTelegram(clock=clock)  # Telegram's limits on, as in production
    bots = {
        "ours": tg.create_bot(TOKEN, username=BOT_USERNAME),
        "echo": tg.create_bot(ECHO_TOKEN, username=ECHO_USERNAME),
    }
    owner = tg.add_user("Owner")
    people = [tg.add_user(f"Member {n}") for n in range(members)]
    seats: dict[str, list[Seat]] = {}
    for side, bot in bots.items():
        seats[side] = []
        for person in people:
            chat = tg.add_group(f"{person.first_name}'s", creator=owner)
            tg.add_member(chat.id, person)
            tg.add_bot(chat.id, by=owner, bot=bot)
            seats[side].append(Seat(chat, person))
        tg.bot(bot).queue.clear()  # added quietly: no join updates
    return tg, clock, seats


async def _serve(members: int) -> None:
    tg, clock, seats = _make_world(members)
    rounds = Rounds(tg, clock, seats)

    def add_round(app: web.Application) -> None:
        app.router.add_post("/bench/round", rounds.handle)

    server = FakeTelegramServer(tg, add_round)
    url = await server.start()
    world = {
        side: [
            {
                "chat_id": seat.chat.id,
                "title": seat.chat.title,
                "user_id": seat.person.id,
                "first_name": seat.person.first_name,
            }
            for seat in side_seats
        ]
        for side, side_seats in seats.items()
    }
    print(json.dumps({"url": url, **world}), flush=True)
    try:
        # Until the benchmark closes our stdin: also when it was killed, this process ends.
        await asyncio.to_thread(sys.stdin.buffer.read)
    finally:
        await server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, required=True)
    args = parser.parse_args()
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(args.members))


if __name__ == "__main__":
    main()
