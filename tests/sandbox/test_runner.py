"""``habitloop sandbox`` in process: the real bot, the ready scene, time travel and reset.

The runner is driven over HTTP, as the page drives it.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot import texts
from bot.faketelegram import Message
from bot.sandbox.guard import NonLoopbackRefused, active
from bot.sandbox.runner import SandboxError, SandboxRunner
from bot.sandbox.scene import GROUP_TITLE, PEOPLE
from bot.sandbox.timetravel import next_due

# A Monday, 08:00 UTC: the cue is due at 09:00, the recap at 21:00.
MONDAY = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
WAIT_SECONDS = 10.0
# Alice as the bot's sentences show her: her name isolated for bidirectional text.
ALICE = texts.format.isolate("Alice")


class Page:
    """What the page does: JSON calls to the runner's HTTP door."""

    def __init__(self, http: aiohttp.ClientSession, url: str) -> None:
        self.http = http
        self.url = url

    async def get(self, path: str) -> Any:
        async with self.http.get(self.url + path) as reply:
            assert reply.status == 200, await reply.text()
            return await reply.json()

    async def post(self, path: str, body: dict[str, Any] | None = None, status: int = 200) -> Any:
        async with self.http.post(self.url + path, json=body or {}) as reply:
            assert reply.status == status, await reply.text()
            return await reply.json()


@pytest.fixture
async def sandbox(tmp_path: Path) -> AsyncIterator[SandboxRunner]:
    runner = SandboxRunner(
        port=0, database=tmp_path / "sandbox.db", start=MONDAY, follow_real_time=False
    )
    await runner.start()
    yield runner
    await runner.stop()
    runner.tg.raise_for_problems()


@pytest.fixture
async def page(sandbox: SandboxRunner) -> AsyncIterator[Page]:
    async with aiohttp.ClientSession() as http:
        yield Page(http, sandbox.url)


def group_id(sandbox: SandboxRunner) -> int:
    (chat,) = sandbox.tg.chats.values()
    return chat.id


def bot_posts(sandbox: SandboxRunner, containing: str) -> list[Message]:
    return [m for m in sandbox.tg.bot_messages(group_id(sandbox)) if containing in (m.text or "")]


async def wait_for(condition: Any, what: str) -> None:
    """The bot answers updates on its own time: poll (briefly) for what it should do."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + WAIT_SECONDS
    while not condition():
        assert loop.time() < deadline, f"no {what} within {WAIT_SECONDS} s"
        await asyncio.sleep(0.02)


def at(day: int, hour: int) -> int:
    """Unix time of 2026-03-<day> <hour>:00 UTC."""
    return int(datetime(2026, 3, day, hour, tzinfo=UTC).timestamp())


async def test_the_ready_scene_and_the_page(sandbox: SandboxRunner, page: Page) -> None:
    state = await page.get("/sandbox/state")
    names = [u["first_name"] for u in state["users"]]
    assert names == [name for name, _ in PEOPLE]
    (chat,) = state["chats"]
    assert chat["title"] == GROUP_TITLE
    statuses = sorted(chat["members"].values())
    assert statuses == ["creator", "member", "member", "member", "member"]  # 4 people and the bot
    # The runner waits for the bot to take in its group before it serves anyone.
    assert bot_posts(sandbox, "show up every day")
    commands = state["commands"][str(state["bots"][0]["id"])]
    assert {"command": "done", "description": "check in for today"} in commands
    async with page.http.get(sandbox.url + "/") as reply:
        assert reply.status == 200
        html = await reply.text()
    assert "<title>Habitloop sandbox</title>" in html
    for asset, kind in (("page.js", "javascript"), ("page.css", "text/css")):
        async with page.http.get(f"{sandbox.url}/sandbox/page/{asset}") as reply:
            assert reply.status == 200
            assert kind in reply.headers["Content-Type"]
            assert reply.headers["Cache-Control"] == "no-cache"
    assert sandbox.url.startswith("http://127.0.0.1:")


async def test_the_next_cue_is_posted_at_its_time(sandbox: SandboxRunner, page: Page) -> None:
    moved = await page.post("/sandbox/time/next_cue")
    assert (moved["now"], moved["posted"]) == (at(2, 9), 1)
    assert moved["next_cue"] == at(3, 9)
    assert moved["next_recap"] == at(2, 21)
    (cue,) = bot_posts(sandbox, "Good morning")
    assert cue.date == at(2, 9)
    assert cue.buttons == [[("✅ I did it", "checkin")]]
    recap = await page.post("/sandbox/time/next_recap")
    assert (recap["now"], recap["posted"]) == (at(2, 21), 1)


async def test_a_silent_week_posts_seven_cues_and_one_recap_each_on_time(
    sandbox: SandboxRunner, page: Page
) -> None:
    moved = await page.post("/sandbox/time/advance", {"days": 7})
    assert moved["now"] == at(9, 8)
    # Nobody checks in: the first day's cue and recap, then a short cue a day; the recaps
    # with nothing to say after a quiet day are left out (bot.domain.quiet_days).
    assert moved["posted"] == 8
    # One tick at each due instant on the way, and one at the end.
    assert moved["ticks"] == 15
    # The cues are the posts with ✅ (the recap carries a button too: the Mini App's).
    posts = sandbox.tg.bot_messages(group_id(sandbox))
    cues = [m.date for m in posts if any(("✅ I did it", "checkin") in row for row in m.buttons)]
    recaps = [m.date for m in bot_posts(sandbox, "🌙")]
    assert cues == [at(day, 9) for day in range(2, 9)]
    assert len(bot_posts(sandbox, "Good morning")) == 1
    assert recaps == [at(2, 21)]


async def test_a_streak_grows_day_by_day_and_a_milestone_comes(
    sandbox: SandboxRunner, page: Page
) -> None:
    chat = group_id(sandbox)
    alice = next(u for u in sandbox.tg.users.values() if u.first_name == "Alice")
    for day in (1, 2, 3):
        await page.post("/sandbox/time/next_cue")
        await page.post(f"/sandbox/chats/{chat}/messages", {"user_id": alice.id, "text": "/done"})
        await wait_for(lambda d=day: bool(bot_posts(sandbox, f"{ALICE}: day {d}")), f"day {day}")
    await wait_for(lambda: bool(bot_posts(sandbox, "reached a 3-day streak")), "the milestone")
    # Time passes between the check-ins: each one is dated on its own day.
    dated = [m.date for m in sandbox.tg.messages(chat) if m.text == "/done"]
    assert dated == [at(2, 9), at(3, 9), at(4, 9)]


async def test_what_was_said_before_a_jump_is_handled_before_it(
    sandbox: SandboxRunner, page: Page
) -> None:
    chat = group_id(sandbox)
    bob = next(u for u in sandbox.tg.users.values() if u.first_name == "Bob")
    await page.post(f"/sandbox/chats/{chat}/messages", {"user_id": bob.id, "text": "/done"})
    await page.post("/sandbox/time/next_recap")
    (recap,) = bot_posts(sandbox, "🌙")
    assert f"1 showed up: {texts.format.isolate('Bob')} (1)" in (recap.text or "")


async def test_tomorrow_and_a_chosen_moment(sandbox: SandboxRunner, page: Page) -> None:
    tomorrow = await page.post("/sandbox/time/tomorrow", {"at": "07:30"})
    assert tomorrow["now"] == at(3, 7) + 1800
    assert len(bot_posts(sandbox, "Good morning")) == 1
    travelled = await page.post("/sandbox/time/travel", {"to": "2026-03-05T22:00"})
    assert travelled["now"] == at(5, 22)
    # After the first day, nobody having checked in: short cues, and no more recaps.
    assert len(bot_posts(sandbox, "Good morning")) == 1
    assert len(bot_posts(sandbox, "New day, fresh start")) == 3
    assert len(bot_posts(sandbox, "🌙")) == 1
    with_offset = await page.post("/sandbox/time/travel", {"to": "2026-03-06T09:00+01:00"})
    assert with_offset["now"] == at(6, 8)


@pytest.mark.parametrize(
    ("path", "body", "error"),
    [
        ("travel", {"to": "2026-03-01T09:00"}, "time only moves forward"),
        ("travel", {"to": "2027-06-01T09:00"}, "more than a year ahead"),
        ("travel", {"to": "next tuesday"}, "is not a date and time"),
        ("advance", {"days": -1}, "forward by a positive amount"),
        ("advance", {"days": "many"}, "must be numbers"),
        ("tomorrow", {"at": "25:00"}, "is not a time of day"),
    ],
)
async def test_refused_jumps_say_why(
    sandbox: SandboxRunner, page: Page, path: str, body: dict[str, Any], error: str
) -> None:
    refused = await page.post(f"/sandbox/time/{path}", body, status=400)
    assert error in refused["error"]
    assert sandbox.clock.now() == MONDAY


async def test_no_cue_without_a_group(sandbox: SandboxRunner, page: Page) -> None:
    chat = group_id(sandbox)
    owner = next(iter(sandbox.tg.users.values()))
    await page.post(f"/sandbox/chats/{chat}/remove_bot", {"by_id": owner.id})
    await wait_for(lambda: not sandbox.tg.updates_pending(), "the removal to be taken")
    await sandbox.bot.settled()
    refused = await page.post("/sandbox/time/next_cue", status=400)
    assert "no cue is scheduled" in refused["error"]


async def test_reset_starts_over(sandbox: SandboxRunner, page: Page) -> None:
    chat = group_id(sandbox)
    alice = next(u for u in sandbox.tg.users.values() if u.first_name == "Alice")
    await page.post("/sandbox/time/next_cue")
    await page.post(f"/sandbox/chats/{chat}/messages", {"user_id": alice.id, "text": "/done"})
    await wait_for(lambda: bool(bot_posts(sandbox, f"{ALICE}: day 1")), "day 1")
    await page.post("/sandbox/users", {"first_name": "Dana"})
    await page.post("/sandbox/time/advance", {"days": 1})

    after = await page.post("/sandbox/reset")
    assert after["now"] == int(MONDAY.timestamp())
    assert after["next_cue"] == at(2, 9)
    state = await page.get("/sandbox/state")
    assert [u["first_name"] for u in state["users"]] == [name for name, _ in PEOPLE]
    assert [c["id"] for c in state["chats"]] == [chat]
    assert bot_posts(sandbox, "show up every day")
    assert not bot_posts(sandbox, "Good morning")
    # A fresh database: Alice starts from day 1 again.
    await page.post("/sandbox/time/next_cue")
    await page.post(f"/sandbox/chats/{chat}/messages", {"user_id": alice.id, "text": "/done"})
    await wait_for(lambda: bool(bot_posts(sandbox, f"{ALICE}: day 1")), "day 1 again")
    assert await next_due(sandbox.bot.services.sessions) == datetime(2026, 3, 2, 21, tzinfo=UTC)


async def test_loopback_only_while_it_runs(tmp_path: Path) -> None:
    runner = SandboxRunner(port=0, start=MONDAY, follow_real_time=False)
    await runner.start()
    try:
        assert active()
        with pytest.raises(NonLoopbackRefused):
            socket.getaddrinfo("203.0.113.7", 443, flags=socket.AI_NUMERICHOST)
        # The bot itself works through the in-process door: it needed no network to start.
        assert runner.bot.app.bot.username == "habitloop_bot"
    finally:
        await runner.stop()
    assert not active()


async def test_the_clock_follows_real_time_between_jumps(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("bot.sandbox.timetravel.FOLLOW_EVERY_SECONDS", 0.02)
    runner = SandboxRunner(port=0, start=MONDAY)
    await runner.start()
    try:
        await wait_for(lambda: runner.clock.now() > MONDAY, "the clock to move")
        assert runner.clock.now() - MONDAY < timedelta(seconds=5)
        trip = await runner.time.to_next(runner.bot, cue=True)
        assert trip.ended == datetime(2026, 3, 2, 9, tzinfo=UTC)
    finally:
        await runner.stop()


def test_a_database_that_exists_is_not_touched(tmp_path: Path) -> None:
    kept = tmp_path / "habitloop.db"
    kept.write_bytes(b"precious")
    with pytest.raises(SandboxError, match="is not a SQLite database"):
        SandboxRunner(database=kept)
    assert kept.read_bytes() == b"precious"
    with pytest.raises(SandboxError, match="not an IANA time zone"):
        SandboxRunner(zone="Mars/Olympus")


async def test_times_are_read_in_the_sandbox_zone(tmp_path: Path) -> None:
    berlin_morning = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)  # 08:00 in Berlin
    runner = SandboxRunner(
        port=0, zone="Europe/Berlin", start=berlin_morning, follow_real_time=False
    )
    await runner.start()
    try:
        async with aiohttp.ClientSession() as http:
            page = Page(http, runner.url)
            state = await page.get("/sandbox/time")
            assert state["zone"] == "Europe/Berlin"
            assert state["next_cue"] == at(2, 8)
            cue = await page.post("/sandbox/time/next_cue")
            assert cue["now"] == at(2, 8)  # 09:00 in Berlin
            travelled = await page.post("/sandbox/time/tomorrow")
            assert travelled["now"] == at(3, 8)
            chosen = await page.post("/sandbox/time/travel", {"to": "2026-03-04T12:00"})
            assert chosen["now"] == at(4, 11)
    finally:
        await runner.stop()


async def test_a_body_that_is_not_json_is_refused_clearly(
    sandbox: SandboxRunner, page: Page
) -> None:
    for path in ("/sandbox/time/advance", "/sandbox/users"):
        async with page.http.post(sandbox.url + path, data=b"{days: 7") as reply:
            assert reply.status == 400
            assert await reply.json() == {"error": "the body must be JSON"}
    async with page.http.post(sandbox.url + "/sandbox/users", json={}) as reply:
        assert reply.status == 400
        assert await reply.json() == {"error": "missing field 'first_name'"}
    assert sandbox.clock.now() == MONDAY


async def test_a_photo_over_http_checks_in_with_proof(sandbox: SandboxRunner, page: Page) -> None:
    chat = group_id(sandbox)
    alice = next(u for u in sandbox.tg.users.values() if u.first_name == "Alice")
    assert "run" in await page.get("/sandbox/samples")
    body = {"user_id": alice.id, "sample": "run", "caption": "/done ran 5k"}
    sent = await page.post(f"/sandbox/chats/{chat}/photos", body)
    assert sent["photo"] is not None
    assert sent["caption"] == "/done ran 5k"
    await wait_for(lambda: bool(bot_posts(sandbox, f"{ALICE}: day 1")), "the check-in")
    again = await page.post(f"/sandbox/chats/{chat}/photos", {**body, "caption": "/done"})
    assert again["photo"] != sent["photo"]  # a new upload of the same bytes: the same file
    await wait_for(lambda: bool(bot_posts(sandbox, "already counted")), "the refusal")
    unknown = await page.post(
        f"/sandbox/chats/{chat}/photos", {"user_id": alice.id, "sample": "moon"}, status=400
    )
    assert "no sample photo 'moon'" in unknown["error"]
