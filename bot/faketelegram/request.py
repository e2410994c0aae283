"""The in-process door: a python-telegram-bot request class that talks to the fake world.

PTB builds URLs like ``https://api.telegram.org/bot<token>/<method>`` and hands the
arguments over as RequestData. This class takes the token and method from the URL (whatever
the host), passes the arguments exactly as they would travel over HTTP (JSON-encoded form
fields plus file parts) and returns Telegram's status and JSON, without any socket.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from telegram._utils.defaultvalue import DEFAULT_NONE
from telegram._utils.types import ODVInput
from telegram.error import NetworkError
from telegram.request import BaseRequest, RequestData

from bot.faketelegram.api import dispatch
from bot.faketelegram.params import ConnectionDropped, Params, Upload
from bot.faketelegram.world import World

API_PATH = re.compile(r"/bot([^/]+)/([^/]+)/?$")
FILE_PATH = re.compile(r"/file/bot([^/]+)/(.+)$")
NOT_FOUND_BODY = {"ok": False, "error_code": 404, "description": "Not Found"}


def encode(body: Any) -> bytes:
    return json.dumps(body, ensure_ascii=False).encode("utf-8")


def params_from_request_data(request_data: RequestData | None, query: str = "") -> Params:
    """What the HTTP door would have received for the same call."""
    params = Params(dict(parse_qsl(query)))
    if request_data is None:
        return params
    params.values.update(request_data.json_parameters)
    for name, (filename, content, mime_type) in request_data.multipart_data.items():
        data = content if isinstance(content, bytes) else content.read()
        params.files[name] = Upload(filename, data, mime_type)
    return params


async def download(world: World, token: str, path: str) -> tuple[int, bytes]:
    """The bytes of a stored file, as Telegram's file endpoint serves them."""
    if world.bot_for_token(token) is None:
        return 401, encode({"ok": False, "error_code": 401, "description": "Unauthorized"})
    stored = world.file_by_path(path)
    if stored is None:
        return 404, encode(NOT_FOUND_BODY)
    return 200, stored.data


class FakeRequest(BaseRequest):
    """Carries PTB's calls into a FakeTelegram; make one per use (calls, getUpdates)."""

    def __init__(self, world: World) -> None:
        self._world = world
        self.calls: list[str] = []

    @property
    def read_timeout(self) -> float | None:
        return 5.0

    async def initialize(self) -> None:
        """Nothing to open: there is no connection."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = DEFAULT_NONE,
        write_timeout: ODVInput[float] = DEFAULT_NONE,
        connect_timeout: ODVInput[float] = DEFAULT_NONE,
        pool_timeout: ODVInput[float] = DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        parts = urlsplit(url)
        path = unquote(parts.path)
        file_match = FILE_PATH.search(path)
        if file_match is not None:
            return await download(self._world, file_match.group(1), file_match.group(2))
        api_match = API_PATH.search(path)
        if api_match is None:
            return 404, encode(NOT_FOUND_BODY)
        token, api_method = api_match.groups()
        self.calls.append(api_method)
        params = params_from_request_data(request_data, parts.query)
        try:
            status, body = await dispatch(self._world, token, api_method, params)
        except ConnectionDropped:
            raise NetworkError(f"connection dropped during {api_method}") from None
        return status, encode(body)
