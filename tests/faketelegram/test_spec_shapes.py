"""What the fake answers and the updates it sends are compared with the Bot API's types."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from telegram import Bot

from bot.clock import ManualClock
from bot.faketelegram import FakeTelegram
from bot.faketelegram.spec import BUNDLED_SPEC, load_spec

from .conftest import TOKEN, png

Types = dict[str, Any]


def altered_spec(tmp_path: Path, change: Callable[[Types], None]) -> Path:
    """The shipped description with some types changed, so the fake's shapes disagree."""
    raw = json.loads(BUNDLED_SPEC.read_text(encoding="utf-8"))
    change(raw["types"])
    path = tmp_path / "api.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    return path


def field(types: Types, type_name: str, name: str) -> dict[str, Any]:
    return next(f for f in types[type_name]["fields"] if f["name"] == name)


def require_thumbhash(types: Types) -> None:
    for name in ("PhotoSize", "File"):
        types[name]["fields"].append(
            {"name": "thumbhash", "types": ["String"], "required": True, "description": ""}
        )


def world_with(path: Path, clock: ManualClock) -> FakeTelegram:
    world = FakeTelegram(clock=clock, spec_path=path)
    world.create_bot(TOKEN)
    return world


async def test_a_missing_required_field_in_an_update_is_a_problem(
    tmp_path: Path, clock: ManualClock
) -> None:
    world = world_with(altered_spec(tmp_path, require_thumbhash), clock)
    alice = world.add_user("Alice")
    world.send_photo(alice.id, alice, caption="/done", data=png(100, 50))
    assert world.spec_violations == [
        "update.message.photo[0] (PhotoSize): required field 'thumbhash' is missing",
        "update.message.photo[1] (PhotoSize): required field 'thumbhash' is missing",
    ]
    with pytest.raises(AssertionError, match="thumbhash"):
        world.raise_for_problems()


async def test_a_wrong_type_and_an_unknown_field_are_problems(
    tmp_path: Path, clock: ManualClock
) -> None:
    def change(types: Types) -> None:
        field(types, "Voice", "duration")["types"] = ["String"]
        types["Message"]["fields"].remove(field(types, "Message", "caption"))

    world = world_with(altered_spec(tmp_path, change), clock)
    alice = world.add_user("Alice")
    world.send_voice(alice.id, alice, caption="/done", duration=7)
    assert world.spec_violations == [
        "update.message.voice.duration: int 7 is not String",
        "update.message (Message): field 'caption' is not in the Bot API",
    ]


async def test_a_wrong_answer_to_the_bot_is_a_problem(tmp_path: Path, clock: ManualClock) -> None:
    world = world_with(altered_spec(tmp_path, require_thumbhash), clock)
    alice = world.add_user("Alice")
    world.send(alice.id, alice, "/start")
    async with Bot(TOKEN, request=world.request(), get_updates_request=world.request()) as bot:
        sent = await bot.send_document(alice.id, b"log", filename="log.txt")
        assert sent.document is not None
        await bot.get_file(sent.document.file_id)
    assert world.spec_violations == [
        "getFile answer (File): required field 'thumbhash' is missing",
    ]
    with pytest.raises(AssertionError, match="getFile answer"):
        world.raise_for_problems()


def test_the_shipped_description_names_what_is_wrong() -> None:
    types = load_spec(BUNDLED_SPEC).types
    user = {"id": 1, "is_bot": False, "first_name": "Alice"}
    assert types.check(("ChatMember",), {"status": "member", "user": user}, "m") == []
    admin = types.check(("ChatMember",), {"status": "administrator", "user": user}, "m")
    assert "m (ChatMemberAdministrator): required field 'can_manage_chat' is missing" in admin
    assert all("ChatMemberAdministrator" in problem for problem in admin)
    owner = types.check(("ChatMember",), {"status": "owner", "user": user}, "m")
    assert owner == [
        "m.status: 'owner' is none of ChatMember's "
        "['administrator', 'creator', 'kicked', 'left', 'member', 'restricted']"
    ]
    assert types.check(("Integer", "String"), 1.5, "chat_id") == [
        "chat_id: float 1.5 is not Integer or String"
    ]
    assert types.check(("Integer",), True, "id") == ["id: bool True is not Integer"]
    assert types.check(("Array of PhotoSize",), {}, "photo") == [
        "photo: an object is not Array of PhotoSize"
    ]
    assert types.check(("User",), {**user, "all_members_are_administrators": True}, "u") == [
        "u (User): field 'all_members_are_administrators' is not in the Bot API"
    ]
    group = {"id": -1, "type": "group", "title": "G", "all_members_are_administrators": False}
    assert types.check(("Chat",), group, "chat") == []  # Telegram still sends it for groups
