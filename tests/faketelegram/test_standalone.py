"""The standalone server: prints its URL, accepts any well-formed token, stops on SIGTERM."""

from __future__ import annotations

import asyncio
import re
import signal
import sys

import aiohttp

TOKEN = "987654:" + "C" * 35


async def test_standalone_serves_any_token() -> None:
    code = (
        "from bot.faketelegram.server import run_standalone\n"
        "raise SystemExit(run_standalone('127.0.0.1', 0))"
    )
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-c", code, stdout=asyncio.subprocess.PIPE
    )
    try:
        assert process.stdout is not None
        line = (await asyncio.wait_for(process.stdout.readline(), 20)).decode()
        match = re.search(r"listening on (http://127\.0\.0\.1:\d+) \(any bot token", line)
        assert match is not None, line
        async with (
            aiohttp.ClientSession() as http,
            http.get(f"{match.group(1)}/bot{TOKEN}/getMe") as reply,
        ):
            me = (await reply.json())["result"]
        assert (me["id"], me["username"]) == (987654, "habitloop_bot")
    finally:
        process.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(process.wait(), 20) == 0
