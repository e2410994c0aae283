"""One entry point for every Bot API call, whichever door it came through.

It finds the bot by token, checks the call against the Bot API description, applies forced
429s, runs the method, checks its answer against the type the description says it returns,
and turns the outcome into Telegram's JSON envelope and HTTP status.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from bot.faketelegram import api_chats, api_messages
from bot.faketelegram.params import ApiError, Params
from bot.faketelegram.rules import UnsupportedByFake
from bot.faketelegram.world import TOKEN_RE, BotAccount, World

_log = logging.getLogger(__name__)

Handler = Callable[[World, BotAccount, Params], Awaitable[Any]]
METHODS: dict[str, Handler] = {
    name.lower(): handler
    for name, handler in {**api_messages.HANDLERS, **api_chats.HANDLERS}.items()
}
NOT_FOUND = ApiError(404, "Not Found")
UNAUTHORIZED = ApiError(401, "Unauthorized")


def _chat_of(params: Params) -> int | None:
    try:
        return params.integer("chat_id")
    except ApiError:
        return None


async def dispatch(world: World, token: str, method: str, params: Params) -> tuple[int, Any]:
    """Run one call; returns the HTTP status and the JSON body Telegram would answer."""
    try:
        result = await _run(world, token, method, params)
    except UnsupportedByFake as exc:
        world.unsupported_calls.append(f"{method}: {exc.description}")
        return exc.code, exc.to_json()
    except ApiError as exc:
        _log.debug("%s refused: %s", method, exc.description)
        return exc.code, exc.to_json()
    return 200, {"ok": True, "result": result}


async def _run(world: World, token: str, method: str, params: Params) -> Any:
    if TOKEN_RE.match(token) is None:
        raise NOT_FOUND
    account = world.bot_for_token(token)
    if account is None:
        raise UNAUTHORIZED
    handler = METHODS.get(method.lower())
    if world.spec.method(method) is None:
        raise NOT_FOUND
    problems = world.spec.check(method, params.names())
    if problems:
        world.spec_violations.extend(problems)
        raise ApiError(400, "Bad Request: " + "; ".join(problems))
    if handler is None:
        raise UnsupportedByFake(f"method {method}")
    world.limiter.forced(method, _chat_of(params))
    result = await handler(world, account, params)
    if handler is not api_chats.get_updates:  # each update was checked as it was queued
        world.spec_violations.extend(world.spec.check_answer(method, result))
    return result
