"""The Mini App's files, served as they ship in the package (no build step), compressed for
a browser that takes gzip, and its API beside them."""

from __future__ import annotations

import gzip
import mimetypes
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from aiohttp import web
from telegram import Bot

from bot.services import Services
from bot.web.miniapp.api import MiniAppApi

STATIC_DIR = Path(__file__).resolve().parent / "static"
PREFIX = "/app"


@dataclass(frozen=True, slots=True)
class StaticFile:
    body: bytes
    gzipped: bytes
    content_type: str


@cache
def static_files() -> dict[str, StaticFile]:
    """Every file of the app, read once: its bytes and its gzip."""
    found = {}
    for path in sorted(STATIC_DIR.iterdir()):
        if path.is_file():
            body = path.read_bytes()
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            found[path.name] = StaticFile(body, gzip.compress(body, 9, mtime=0), kind)
    return found


def _file_response(request: web.Request, name: str) -> web.Response:
    found = static_files().get(name)
    if found is None:
        raise web.HTTPNotFound()
    headers = {
        "Cache-Control": "no-cache",
        "Vary": "Accept-Encoding",
        # The app talks to its own server only, and may be framed by Telegram's web client.
        "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; "
        "style-src 'self'; script-src 'self'; connect-src 'self'",
    }
    charset = (
        "utf-8" if found.content_type.startswith(("text/", "application/javascript")) else None
    )
    if "gzip" in request.headers.get("Accept-Encoding", ""):
        headers["Content-Encoding"] = "gzip"
        return web.Response(
            body=found.gzipped, content_type=found.content_type, charset=charset, headers=headers
        )
    return web.Response(
        body=found.body, content_type=found.content_type, charset=charset, headers=headers
    )


def add_mini_app(app: web.Application, services: Services, bot: Bot) -> MiniAppApi:
    """``/app`` (the page), ``/app/<file>`` and ``/app/api/...`` on ``app``."""

    async def index(request: web.Request) -> web.Response:
        return _file_response(request, "index.html")

    async def file(request: web.Request) -> web.Response:
        return _file_response(request, request.match_info["name"])

    api = MiniAppApi(services, bot)
    app.router.add_get(PREFIX, index)
    app.router.add_get(f"{PREFIX}/", index)
    api.add_routes(app, PREFIX)
    app.router.add_get(PREFIX + "/{name:[A-Za-z0-9_.-]+}", file)
    return api
