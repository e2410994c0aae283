"""Someone who is not Telegram floods the webhook with posts without its secret: each is
refused, and the logs get a line a minute with how many, not a line a request."""

from __future__ import annotations

import logging

import aiohttp
import pytest

from bot.clock import ManualClock
from bot.faketelegram import FakeTelegram
from bot.web.webhook import SECRET_HEADER
from tests.e2e.harness import start_harness, stop_harness
from tests.process.conftest import free_port

SECRET = "e2e-webhook-secret"
REFUSED = "refused a webhook request without the right secret"
FLOOD = 50


def refusals(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.getMessage().startswith(REFUSED)]


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_a_flood_without_the_secret_is_a_line_a_minute(
    tg: FakeTelegram, clock: ManualClock, database_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="bot.web.webhook")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    bot = await start_harness(
        tg,
        database_url,
        clock,
        webhook_url=base,
        webhook_secret=SECRET,
        webhook_listen="127.0.0.1",
        webhook_port=port,
    )
    try:
        async with aiohttp.ClientSession() as http:
            for attempt in range(FLOOD):
                headers = {SECRET_HEADER: "guessed"} if attempt % 2 else {}
                async with http.post(f"{base}/telegram", json={}, headers=headers) as reply:
                    assert reply.status == 403
        assert refusals(caplog) == [REFUSED]  # at once, the first time

        await bot.pass_time(minutes=1)
        assert refusals(caplog) == [REFUSED, f"{REFUSED} ({FLOOD - 1} more in the last minute)"]

        await bot.pass_time(minutes=5)  # a quiet minute ends the counting: nothing more
        assert len(refusals(caplog)) == 2
        async with (
            aiohttp.ClientSession() as http,
            http.post(f"{base}/telegram", json={}) as reply,
        ):
            assert reply.status == 403
        assert len(refusals(caplog)) == 3  # a new flood is said at once again
    finally:
        await stop_harness(bot)
        await tg.aclose()
