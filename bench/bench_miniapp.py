"""The Mini App's cost: its first screen over the wire, and its API's answer times beside
``/healthz``'s in the same run.

Run on demand, never in the test suite:

    python -m bench.bench_miniapp [--rounds 50] [--members 50] [--database-url ...]

The bot runs as ``habitloop run`` runs it with MINI_APP_URL set (its web server on a
loopback port, as METRICS_PORT serves it with long polling), against the fake Telegram, on
a group of ``--members`` members with a year of check-ins each (every one with a few words
written). A member opens the app: the first screen is the page, its stylesheet and script,
the list of their groups and their year, each as the browser gets it (gzip). Then, over
``--rounds`` rounds, each API call and ``/healthz`` are timed over HTTP (medians and the
95th percentile, milliseconds).
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

if __package__ in {None, ""}:  # run as a file: make ``bot`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import aiohttp
from sqlalchemy import update

from bench.common import (
    BOT_USERNAME,
    TOKEN,
    TimedRequest,
    add_known_groups,
    describe,
    median,
    percentile,
    scratch_database,
)
from bot.clock import ManualClock
from bot.config import Settings
from bot.domain.app_links import group_token, link_key
from bot.faketelegram import FakeTelegram
from bot.runtime import Runtime
from bot.store.db import session_scope
from bot.store.models import CheckIn

NOW = datetime(2026, 3, 12, 12, 0, tzinfo=UTC)
HISTORY_DAYS = 365
FIRST_SCREEN_BUDGET = 100 * 1024
ANSWER_BUDGET_MS = 50.0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


async def _wire_size(http: aiohttp.ClientSession, url: str, headers: dict[str, str]) -> int:
    """The body's bytes as sent (compressed when the server compresses)."""
    async with http.get(url, headers=headers) as reply:
        assert reply.status == 200, (url, reply.status)
        return len(await reply.content.read())


async def _timed(http: aiohttp.ClientSession, url: str, headers: dict[str, str]) -> float:
    start = time.perf_counter()
    async with http.get(url, headers=headers) as reply:
        await reply.read()
        assert reply.status == 200, (url, reply.status)
    return (time.perf_counter() - start) * 1000


async def run(database_url: str, members: int, rounds: int) -> bool:
    clock = ManualClock(NOW)
    tg = FakeTelegram(clock=clock, rate_limits=False)
    tg.create_bot(TOKEN, username=BOT_USERNAME)
    owner = tg.add_user("Owner", username="owner")
    chat = tg.add_group("Writers", creator=owner)
    people = [owner, *(tg.add_user(f"Member {n}") for n in range(1, members))]
    for person in people[1:]:
        tg.add_member(chat.id, person)
    port = _free_port()
    settings = Settings.model_validate(
        {
            "bot_token": TOKEN,
            "database_url": database_url,
            "metrics_port": port,
            "mini_app_url": "https://bench.example/app",
        }
    )
    runtime = await Runtime.start(
        settings, request=TimedRequest(tg), updates_request=tg.request(), clock=clock
    )
    try:
        sessions = runtime.services.sessions
        await add_known_groups(sessions, [(chat, people)], cue_at=NOW, history=HISTORY_DAYS)
        async with session_scope(sessions) as session:
            await session.execute(update(CheckIn).values(note="wrote 500 words before work"))
        tg.add_bot(chat.id, by=owner)  # Telegram answers getChatMember in its groups only
        for _ in range(1000):
            if not tg.updates_pending() and runtime.idle:
                break
            await asyncio.sleep(0.01)
        base = f"http://127.0.0.1:{port}"
        token = group_token(link_key(TOKEN), chat.id)
        signed = {"Authorization": f"tma {tg.init_data(owner, start_param=token)}"}
        gzip = {"Accept-Encoding": "gzip"}
        async with aiohttp.ClientSession(auto_decompress=False) as http:
            first_screen = {
                "/app": await _wire_size(http, f"{base}/app", gzip),
                "/app/app.css": await _wire_size(http, f"{base}/app/app.css", gzip),
                "/app/app.js": await _wire_size(http, f"{base}/app/app.js", gzip),
                "/app/api/groups": await _wire_size(http, f"{base}/app/api/groups", gzip | signed),
                "/app/api/year": await _wire_size(
                    http, f"{base}/app/api/year?group={token}", gzip | signed
                ),
            }
        calls = {
            "/healthz": (f"{base}/healthz", {}),
            "/app/api/groups": (f"{base}/app/api/groups", signed),
            "/app/api/year": (f"{base}/app/api/year?group={token}", signed),
            "/app/api/group": (f"{base}/app/api/group?group={token}", signed),
            "/app/api/settings": (f"{base}/app/api/settings?group={token}", signed),
        }
        times: dict[str, list[float]] = {name: [] for name in calls}
        async with aiohttp.ClientSession() as http:
            for url, headers in calls.values():  # warm-up
                await _timed(http, url, headers)
            for _ in range(rounds):
                for name, (url, headers) in calls.items():
                    times[name].append(await _timed(http, url, headers))
    finally:
        await runtime.stop()

    total = sum(first_screen.values())
    print(f"database: {describe(database_url)}; {members} members, {HISTORY_DAYS} days each")
    print("first screen over the wire (gzip):")
    for name, size in first_screen.items():
        print(f"  {name:<20} {size / 1024:7.1f} KiB")
    print(f"  {'total':<20} {total / 1024:7.1f} KiB (budget {FIRST_SCREEN_BUDGET // 1024} KiB)")
    print(f"answer times over HTTP, {rounds} rounds (ms): median, p95")
    for name, values in times.items():
        print(f"  {name:<20} {median(values):7.2f} {percentile(values, 0.95):7.2f}")
    api_worst = max(median(v) for name, v in times.items() if name != "/healthz")
    within = total < FIRST_SCREEN_BUDGET and api_worst < ANSWER_BUDGET_MS
    print(
        f"slowest API median {api_worst:.2f} ms (budget {ANSWER_BUDGET_MS:.0f} ms): "
        f"{'within budget' if within else 'OVER BUDGET'}"
    )
    return within


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=50, help="members of the group")
    parser.add_argument("--rounds", type=int, default=50, help="timed rounds of each call")
    parser.add_argument(
        "--database-url",
        help="a PostgreSQL server (postgresql+asyncpg://...) to make a scratch database "
        "on; SQLite in a temporary file when omitted",
    )
    args = parser.parse_args()
    with scratch_database(args.database_url, "habitloop_bench_miniapp") as url:
        ok = asyncio.run(run(url, args.members, args.rounds))
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
