"""``habitloop healthcheck`` as Docker runs it, against a small HTTP server on this machine."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from aiohttp import web

from tests.stub_server import stub_server
from tests.tcp_proxy import silent_port

from .conftest import TOKEN, Spawner, clean_env, free_port, sqlite_url

# The command's own timeout is 3 s; Docker's HEALTHCHECK --timeout is 5 s.
WITHIN_SECONDS = 5.0


@dataclass(frozen=True)
class Outcome:
    status: int
    lines: list[str]
    seconds: float


async def healthcheck(spawn: Spawner, tmp_path: Path, **settings: str) -> Outcome:
    """``habitloop healthcheck`` with ``settings``, and no BOT_TOKEN unless they name one: the
    check asks the bot's port only, so it works wherever that port is (a sidecar, a probe)."""
    env = clean_env(database_url=sqlite_url(tmp_path / "h.db"), **settings)
    loop = asyncio.get_running_loop()
    started = loop.time()
    child = await spawn("healthcheck", env=env)
    status = await asyncio.wait_for(child.process.wait(), 30)
    seconds = loop.time() - started
    lines = [line for line in child.output().splitlines() if line.strip()]
    assert "Traceback" not in child.output(), child.report()
    assert not (tmp_path / "h.db").exists()  # a check touches no database
    return Outcome(status, lines, seconds)


@asynccontextmanager
async def bot_health(status: int, host: str = "127.0.0.1") -> AsyncIterator[int]:
    """A stand-in for the running bot: ``GET /healthz`` answers ``status``; yields the port."""

    async def answer(request: web.Request) -> web.Response:
        if request.method == "GET" and request.path == "/healthz":
            return web.Response(status=status, text="ok" if status == 200 else "not ready")
        return web.Response(status=404)

    async with stub_server(answer, host) as url:
        yield int(url.rsplit(":", 1)[1])


async def test_healthy_when_healthz_answers_200(spawn: Spawner, tmp_path: Path) -> None:
    async with bot_health(200) as port:
        outcome = await healthcheck(spawn, tmp_path, metrics_port=str(port))
    assert outcome.status == 0, outcome.lines
    assert outcome.lines == [f"habitloop: healthy: http://127.0.0.1:{port}/healthz answered 200"]


async def test_asks_the_address_metrics_listen_names(spawn: Spawner, tmp_path: Path) -> None:
    async with bot_health(200, host="127.0.0.2") as port:
        outcome = await healthcheck(
            spawn, tmp_path, metrics_port=str(port), metrics_listen="127.0.0.2"
        )
    assert outcome.status == 0, outcome.lines
    assert outcome.lines == [f"habitloop: healthy: http://127.0.0.2:{port}/healthz answered 200"]


async def test_unhealthy_when_healthz_answers_503(spawn: Spawner, tmp_path: Path) -> None:
    async with bot_health(503) as port:
        outcome = await healthcheck(spawn, tmp_path, metrics_port=str(port))
    assert outcome.status == 1, outcome.lines
    assert outcome.lines == [
        f"habitloop: unhealthy: http://127.0.0.1:{port}/healthz answered 503 Service Unavailable"
    ]


async def test_unhealthy_when_nothing_listens(spawn: Spawner, tmp_path: Path) -> None:
    port = free_port()
    outcome = await healthcheck(spawn, tmp_path, metrics_port=str(port))
    assert outcome.status == 1, outcome.lines
    assert outcome.lines == [
        f"habitloop: unhealthy: nothing answers at http://127.0.0.1:{port}/healthz "
        "(Connection refused)"
    ]


async def test_unhealthy_within_seconds_when_the_bot_hangs(spawn: Spawner, tmp_path: Path) -> None:
    with silent_port() as port:
        outcome = await healthcheck(spawn, tmp_path, metrics_port=str(port))
    assert outcome.status == 1, outcome.lines
    assert outcome.lines == [
        f"habitloop: unhealthy: no answer from http://127.0.0.1:{port}/healthz within 3 s"
    ]
    assert outcome.seconds < WITHIN_SECONDS + 3, outcome.seconds  # process start-up included


async def test_webhook_mode_asks_the_webhook_port(spawn: Spawner, tmp_path: Path) -> None:
    async with bot_health(200) as port:
        outcome = await healthcheck(
            spawn,
            tmp_path,
            webhook_url="https://bot.example.com",
            webhook_secret="a-long-random-secret",
            webhook_port=str(port),
            metrics_port=str(free_port()),  # nothing there: the webhook port is the one asked
        )
    assert outcome.status == 0, outcome.lines
    assert outcome.lines == [f"habitloop: healthy: http://127.0.0.1:{port}/healthz answered 200"]


async def test_unhealthy_when_the_bot_serves_no_http(spawn: Spawner, tmp_path: Path) -> None:
    outcome = await healthcheck(spawn, tmp_path)
    assert outcome.status == 1, outcome.lines
    assert len(outcome.lines) == 1, outcome.lines
    assert "set METRICS_PORT" in outcome.lines[0]


async def test_a_configuration_error_is_unhealthy_not_docker_reserved_2(
    spawn: Spawner, tmp_path: Path
) -> None:
    outcome = await healthcheck(spawn, tmp_path, metrics_port="not-a-port")
    assert outcome.status == 1, outcome.lines
    assert len(outcome.lines) == 1, outcome.lines
    assert outcome.lines[0].startswith("habitloop: configuration error: METRICS_PORT ")


async def test_a_token_is_neither_needed_nor_checked(spawn: Spawner, tmp_path: Path) -> None:
    async with bot_health(200) as port:
        for token in (None, "123456789:replace-with-your-token-from-botfather", TOKEN):
            extra = {} if token is None else {"bot_token": token}
            outcome = await healthcheck(spawn, tmp_path, metrics_port=str(port), **extra)
            assert outcome.status == 0, (token, outcome.lines)
