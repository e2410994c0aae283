"""Every call is compared with the Bot API description, which ships with the project."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from telegram import Bot
from telegram.error import BadRequest

from bot.clock import ManualClock
from bot.faketelegram import FakeTelegram, Params, SpecUnavailable
from bot.faketelegram.api import dispatch
from bot.faketelegram.spec import BUNDLED_SPEC, default_spec_path

from .conftest import TOKEN


def tiny_spec(tmp_path: Path) -> Path:
    fields = [
        {"name": "chat_id", "types": ["Integer", "String"], "required": True},
        {"name": "text", "types": ["String"], "required": True},
    ]
    body = {
        "methods": {
            "sendMessage": {"fields": fields, "returns": ["Message"]},
            "getMe": {"fields": [], "returns": ["User"]},
            "getStarTransactions": {"fields": [], "returns": ["StarTransactions"]},
        },
        "types": {},
    }
    path = tmp_path / "api.json"
    path.write_text(json.dumps(body), encoding="utf-8")
    return path


@pytest.fixture
def checked(tmp_path: Path) -> FakeTelegram:
    world = FakeTelegram(
        clock=ManualClock(datetime(2026, 1, 1, tzinfo=UTC)), spec_path=tiny_spec(tmp_path)
    )
    world.create_bot(TOKEN)
    alice = world.add_user("Alice")
    world.send(alice.id, alice, "/start")
    return world


async def test_unknown_field_is_named_and_recorded(checked: FakeTelegram) -> None:
    async with Bot(TOKEN, request=checked.request(), get_updates_request=checked.request()) as bot:
        user_id = next(u for u in checked.users.values() if not u.is_bot).id
        with pytest.raises(
            BadRequest, match=r"(?i)sendMessage: field 'parse_mode' is not in the Bot API"
        ):
            await bot.send_message(user_id, "<b>x</b>", parse_mode="HTML")
        await bot.send_message(user_id, "fine")
    assert checked.spec_violations == ["sendMessage: field 'parse_mode' is not in the Bot API"]
    with pytest.raises(AssertionError, match="parse_mode"):
        checked.raise_for_problems()


async def test_missing_required_field(checked: FakeTelegram) -> None:
    status, body = await dispatch(checked, TOKEN, "sendMessage", Params({"chat_id": "1"}))
    assert status == 400
    assert body["description"] == "Bad Request: sendMessage: required field 'text' is missing"
    assert checked.spec_violations == ["sendMessage: required field 'text' is missing"]


async def test_unknown_method_and_unimplemented_method(checked: FakeTelegram) -> None:
    status, body = await dispatch(checked, TOKEN, "sendTelepathy", Params())
    assert (status, body["description"]) == (404, "Not Found")
    status, _ = await dispatch(checked, TOKEN, "getStarTransactions", Params())
    assert status == 400
    assert checked.unsupported_calls == [
        "getStarTransactions: Bad Request: not supported by the fake Telegram: "
        "method getStarTransactions"
    ]


@pytest.mark.parametrize("content", [None, "", "{not json", '{"methods": {}}'])
def test_a_missing_or_unreadable_description_stops_the_fake(
    tmp_path: Path, content: str | None
) -> None:
    path = tmp_path / "api.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(SpecUnavailable, match=str(path)):
        FakeTelegram(spec_path=path)


def test_the_environment_may_point_elsewhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TELEGRAM_API_SPEC", str(tiny_spec(tmp_path)))
    world = FakeTelegram()
    assert world.spec.method("getStarTransactions") is not None
    assert world.spec.method("sendPhoto") is None
    monkeypatch.setenv("TELEGRAM_API_SPEC", str(tmp_path / "nowhere.json"))
    with pytest.raises(SpecUnavailable):
        FakeTelegram()


def test_the_description_ships_with_the_project() -> None:
    assert default_spec_path() == BUNDLED_SPEC
    assert BUNDLED_SPEC.is_file()
    assert (BUNDLED_SPEC.parent / "LICENSE").is_file()


async def test_real_description_accepts_what_the_fake_needs(tg: FakeTelegram, bot: Bot) -> None:
    assert tg.spec.method("sendMessage") is not None
    alice = tg.add_user("Alice")
    tg.send(alice.id, alice, "/start")
    await bot.send_message(alice.id, "<b>hi</b>", parse_mode="HTML")
    await bot.get_updates(offset=-1, allowed_updates=["message"])
    await bot.set_my_commands([("done", "Log")])
    assert tg.spec_violations == []
