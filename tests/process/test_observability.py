"""What a host watches on a real ``habitloop run``: /healthz, /metrics and the log lines.

/healthz and /metrics are served beside the webhook in webhook mode and on METRICS_PORT with
long polling. After a check-in, the metric families a dashboard needs are there with the
values that check-in left; an update Telegram could not have sent (too big, not JSON) is
dropped with a log line; with LOG_FORMAT=json every line is one JSON object.
"""

from __future__ import annotations

import asyncio
import io
import json
from pathlib import Path

import aiohttp
import pytest
from prometheus_client.metrics_core import Metric
from prometheus_client.parser import text_string_to_metric_families

from bot.faketelegram import FakeTelegram, FakeTelegramServer

from .conftest import Child, Spawner, bot_env, check_in_round_trip, free_port

SECRET = "observability-webhook-secret"
FAMILIES = {
    "habitloop_updates",
    "habitloop_update_handling_seconds",
    "habitloop_errors",
    "habitloop_telegram_calls",
    "habitloop_telegram_retry_after",
    "habitloop_posts",
    "habitloop_database_errors",
}


def value(family: Metric, suffix: str = "_total", **labels: str) -> float:
    return sum(
        s.value
        for s in family.samples
        if s.name == family.name + suffix and labels.items() <= s.labels.items()
    )


async def scrape(http: aiohttp.ClientSession, base: str) -> dict[str, Metric]:
    async with http.get(f"{base}/metrics") as reply:
        assert reply.status == 200
        assert reply.content_type == "text/plain"
        text = await reply.text()
    return {f.name: f for f in text_string_to_metric_families(text)}


async def assert_healthy_and_counted(base: str) -> None:
    async with aiohttp.ClientSession() as http:
        async with http.get(f"{base}/healthz") as reply:
            assert reply.status == 200, await reply.text()
            assert await reply.json() == {"status": "ok"}
        families = await scrape(http, base)
    assert families.keys() >= FAMILIES, sorted(families)
    updates = families["habitloop_updates"]
    assert value(updates, kind="message") >= 2  # the bot joining, and the /done
    assert value(updates, kind="my_chat_member") >= 1
    handling = families["habitloop_update_handling_seconds"]
    assert value(handling, "_count") == value(updates)
    assert 0 < value(handling, "_sum") < value(handling, "_count") * 5
    calls = families["habitloop_telegram_calls"]
    assert value(calls, method="sendMessage", outcome="ok") >= 2  # welcome and "day 1"
    assert value(calls, method="setMessageReaction", outcome="ok") == 1
    assert value(calls, outcome="bad_request") == 0
    assert value(families["habitloop_errors"]) == 0
    assert value(families["habitloop_database_errors"]) == 0
    assert value(families["habitloop_telegram_retry_after"]) == 0


def json_lines(bot: Child) -> list[dict[str, object]]:
    lines = [json.loads(line) for line in bot.output().splitlines()]
    assert all(isinstance(line, dict) for line in lines)
    return lines


async def test_polling_serves_health_and_metrics_on_metrics_port_and_logs_json(
    tg: FakeTelegram, server: FakeTelegramServer, spawn: Spawner, tmp_path: Path
) -> None:
    database = tmp_path / "h.db"
    port = free_port()
    env = bot_env(server, database, metrics_port=str(port), log_format="json")
    bot = await spawn("run", env=env)

    await check_in_round_trip(tg, bot, database)
    await assert_healthy_and_counted(f"http://127.0.0.1:{port}")
    assert await bot.terminate() == 0, bot.report()

    lines = json_lines(bot)
    for line in lines:
        assert {"time", "level", "logger", "message"} <= line.keys(), line
    assert any(line["message"] == f"serving /healthz and /metrics on port {port}" for line in lines)
    about_updates = [line for line in lines if "update_id" in line and "chat_id" in line]
    assert about_updates, bot.report()
    assert all(isinstance(line["update_id"], int) for line in about_updates)


async def answers_at(host: str, port: int) -> bool:
    try:
        _, writer = await asyncio.open_connection(host, port)
    except OSError:
        return False
    writer.close()
    await writer.wait_closed()
    return True


@pytest.mark.parametrize(("listen", "elsewhere"), [(None, False), ("0.0.0.0", True)])
async def test_polling_serves_health_and_metrics_to_this_machine_only_unless_told(
    tg: FakeTelegram,
    server: FakeTelegramServer,
    spawn: Spawner,
    tmp_path: Path,
    listen: str | None,
    elsewhere: bool,
) -> None:
    port = free_port()
    settings = {"metrics_port": str(port)} | ({"metrics_listen": listen} if listen else {})
    bot = await spawn("run", env=bot_env(server, tmp_path / "h.db", **settings))
    await bot.wait_until(lambda: "serving /healthz and /metrics" in bot.output(), "/metrics")
    assert await answers_at("127.0.0.1", port)
    # 127.0.0.2 is this machine too, but another address than the loopback's 127.0.0.1: it
    # stands for an address the world can reach.
    assert await answers_at("127.0.0.2", port) is elsewhere
    assert await bot.terminate() == 0, bot.report()


async def test_webhook_serves_health_and_metrics_beside_it_and_drops_what_is_no_update(
    tg: FakeTelegram, server: FakeTelegramServer, spawn: Spawner, tmp_path: Path
) -> None:
    database = tmp_path / "h.db"
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = bot_env(
        server,
        database,
        webhook_url=base,
        webhook_listen="127.0.0.1",
        webhook_port=str(port),
        webhook_secret=SECRET,
    )
    bot = await spawn("run", env=env)
    await check_in_round_trip(tg, bot, database)

    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    async with aiohttp.ClientSession() as http:
        async with http.post(f"{base}/telegram", data=b"{not json", headers=headers) as reply:
            assert reply.status == 200  # dropped: Telegram must not send it again
        big = json.dumps({"update_id": 999, "message": {"text": "x" * 1_200_000}}).encode()
        async with http.post(f"{base}/telegram", data=io.BytesIO(big), headers=headers) as reply:
            assert reply.status == 200
        # Over the web server's own default limit too: still dropped, never a 413 that
        # Telegram would answer by sending it again.
        huge = json.dumps({"update_id": 998, "message": {"text": "x" * 3_000_000}}).encode()
        async with http.post(f"{base}/telegram", data=io.BytesIO(huge), headers=headers) as reply:
            assert reply.status == 200
        async with http.post(f"{base}/telegram", data=b"{}", headers={}) as reply:
            assert reply.status == 403
    await bot.wait_until(
        lambda: bot.output().count("dropped an oversized update") == 2, "oversized lines"
    )
    await assert_healthy_and_counted(base)
    assert await bot.terminate() == 0, bot.report()

    output = bot.output()
    assert "dropped a malformed update" in output
    assert "refused a webhook request without the right secret" in output
    assert "Traceback" not in output
