"""The sandbox page: plain HTML, CSS and ES modules, shipped in the package, served as is.

It plays the users through the ``/sandbox/`` endpoints and follows the world through
``/sandbox/events``. Nothing is built and nothing is fetched from anywhere else.
"""

from __future__ import annotations

from pathlib import Path

from aiohttp import web

STATIC_DIR = Path(__file__).resolve().parent / "static"


def add_page(app: web.Application) -> None:
    async def index(request: web.Request) -> web.FileResponse:
        return web.FileResponse(STATIC_DIR / "index.html", headers={"Cache-Control": "no-cache"})

    async def revalidate(request: web.Request, response: web.StreamResponse) -> None:
        # A browser asks again each time (a cheap 304), so a newer page is never left unseen.
        if request.path.startswith("/sandbox/page/"):
            response.headers["Cache-Control"] = "no-cache"

    app.router.add_get("/", index)
    app.router.add_static("/sandbox/page/", STATIC_DIR)
    app.on_response_prepare.append(revalidate)
