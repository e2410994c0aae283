"""The Mini App through its API: only Telegram's users get in, each sees only their groups and
what the group shows, and an admin's change is /settings's own, told to the group."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import time, timedelta
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from bot import texts
from bot.clock import ManualClock
from bot.faketelegram import FakeTelegram
from tests.e2e.conftest import Group
from tests.e2e.harness import DAY0, MONDAY, Harness, start_harness, stop_harness
from tests.e2e.mini_app import (
    APP_NAME,
    APP_URL,
    app_client,
    app_link,
    auth,
    init_data_of,
    signed_by_telegram,
)

Client = TestClient[Any, Any]


@pytest.fixture
async def bot(tg: FakeTelegram, database_url: str, clock: ManualClock) -> AsyncIterator[Harness]:
    tg.register_web_app(APP_NAME, APP_URL)
    harness = await start_harness(
        tg, database_url, clock, mini_app_url=APP_URL, mini_app_name=APP_NAME
    )
    yield harness
    await stop_harness(harness)


@pytest.fixture
async def client(bot: Harness) -> AsyncIterator[Client]:
    async with app_client(bot) as running:
        yield running


async def open_from_stats(bot: Harness, group: Group, who: Any) -> str:
    """``who`` says /stats and taps the button under the answer: the initData the app gets."""
    (answer,) = await bot.say(group.chat, who, "/stats")
    return init_data_of(bot.tg.open_link(who, app_link(answer)))


async def test_a_member_opens_their_year_from_stats(
    bot: Harness, group: Group, client: Client
) -> None:
    g = group
    bot.at(DAY0, time(10))
    await bot.say(g.chat, g.alice, "/done 20 pages of Dune")
    bot.at(DAY0 + timedelta(days=2), time(10))
    await bot.say(g.chat, g.alice, "/done")
    await bot.say(g.chat, g.alice, "/goal finish the novel")
    data = await open_from_stats(bot, g, g.alice)

    groups = await client.get("/app/api/groups", headers=auth(data))
    assert groups.status == 200
    shown = await groups.json()
    assert [x["title"] for x in shown["groups"]] == ["Writers"]
    token = shown["start"]
    assert token == shown["groups"][0]["id"]
    assert str(g.chat.id) not in token
    assert shown["words"]["my_year"] == "My year"

    year = await (await client.get(f"/app/api/year?group={token}", headers=auth(data))).json()
    assert year["name"] == "Alice"
    assert year["current"] == 1
    assert year["best"] == 1
    assert year["today"] == (DAY0 + timedelta(days=2)).isoformat()
    assert year["days"][-3:] == ["checked_in", "missed", "checked_in"]
    assert year["notes"] == {DAY0.isoformat(): "20 pages of Dune"}
    assert year["goal"] == "finish the novel"
    assert year["weekly"] is None
    assert year["proofs"] == {}


async def test_the_year_shows_a_days_proof_and_the_weekly_target(
    bot: Harness, group: Group, client: Client
) -> None:
    g = group
    bot.at(MONDAY, time(10))
    await bot.say(g.chat, g.alice, "/target 2")  # from next Monday
    monday, tuesday = MONDAY + timedelta(weeks=1), MONDAY + timedelta(weeks=1, days=1)
    bot.at(monday, time(10))
    bot.tg.send_photo(g.chat.id, g.alice, caption="/done ran 5k")
    await bot.settle()
    bot.at(tuesday, time(10))
    bot.tg.send_voice(g.chat.id, g.alice, caption="/done")
    await bot.settle()
    bot.at(tuesday + timedelta(days=1), time(10))  # Wednesday: the week already counts
    data = signed_by_telegram(bot.tg, g.alice)
    token = (await (await client.get("/app/api/groups", headers=auth(data))).json())["groups"][0][
        "id"
    ]
    year = await (await client.get(f"/app/api/year?group={token}", headers=auth(data))).json()
    assert year["proofs"] == {monday.isoformat(): "photo", tuesday.isoformat(): "voice"}
    assert year["notes"] == {monday.isoformat(): "ran 5k"}
    assert year["weekly"] == {
        "current": "1 week",
        "best": "1 week",
        "progress": "2 of 2 this week",
        "target": "2 times a week",
    }
    words = (await (await client.get("/app/api/groups", headers=auth(data))).json())["words"]
    assert (words["proof_of_day"], words["photo"], words["voice"]) == (
        "Proof",
        "a photo",
        "a voice note",
    )


async def test_the_page_speaks_the_persons_language(
    bot: Harness, group: Group, client: Client
) -> None:
    olga = bot.tg.add_user("Olga", language_code="de")
    bot.tg.add_member(group.chat.id, olga)
    await bot.say(group.chat, olga, "/done")
    shown = await (
        await client.get("/app/api/groups", headers=auth(signed_by_telegram(bot.tg, olga)))
    ).json()
    assert shown["language"] == "de"
    assert shown["words"]["my_year"] == "Mein Jahr"


async def test_expired_forged_and_other_bots_data_get_401(
    bot: Harness, group: Group, client: Client
) -> None:
    g = group
    await bot.say(g.chat, g.alice, "/done")
    good = signed_by_telegram(bot.tg, g.alice)
    assert (await client.get("/app/api/groups", headers=auth(good))).status == 200

    bot.clock.advance(timedelta(days=1, minutes=1))
    expired = await client.get("/app/api/groups", headers=auth(good))
    assert expired.status == 401
    assert await expired.text() == ""

    fresh = signed_by_telegram(bot.tg, g.alice)
    forged = fresh.replace("Alice", "Olga")
    assert (await client.get("/app/api/groups", headers=auth(forged))).status == 401
    other = bot.tg.create_bot("555000111:AAOtherBotTokenAbcdefghijklmnopqrstu", username="x_bot")
    theirs = init_data_of(bot.tg.open_web_app(g.alice, APP_URL, bot=other))
    assert (await client.get("/app/api/groups", headers=auth(theirs))).status == 401
    assert (await client.get("/app/api/groups")).status == 401
    assert (await client.get("/app/api/year?group=x", headers=auth("user=1&hash=00"))).status == 401


async def test_a_member_of_one_group_cant_read_another(
    bot: Harness, group: Group, client: Client, tg: FakeTelegram
) -> None:
    g = group
    other = tg.add_group("Runners", creator=g.owner)
    tg.add_bot(other.id, by=g.owner)
    await bot.deliver()
    await bot.say(other, g.owner, "/done")
    await bot.say(g.chat, g.alice, "/done")
    (answer,) = await bot.say(other, g.owner, "/settings")
    runners_link = app_link(answer)
    # Alice opens the Runners' link (forwarded to her): she is no member there.
    data = init_data_of(tg.open_link(g.alice, runners_link))
    shown = await (await client.get("/app/api/groups", headers=auth(data))).json()
    assert [x["title"] for x in shown["groups"]] == ["Writers"]
    assert shown["start"] is None
    runners = runners_link.split("startapp=")[1]
    for page in ("year", "group", "settings"):
        answer_ = await client.get(f"/app/api/{page}?group={runners}", headers=auth(data))
        assert answer_.status == 403, page
    assert (await client.get("/app/api/group?group=nope", headers=auth(data))).status == 404
    # Once she leaves the Writers, Telegram says so and the app follows.
    tg.remove_member(g.chat.id, g.alice)
    await bot.deliver()
    writers = shown["groups"][0]["id"]
    fresh = signed_by_telegram(tg, g.alice)
    assert (await client.get(f"/app/api/year?group={writers}", headers=auth(fresh))).status == 403


async def test_the_group_page_shows_what_the_group_shows(
    bot: Harness, group: Group, client: Client
) -> None:
    g = group
    for who in (g.alice, g.bob):
        await bot.say(g.chat, who, "/done")
    await bot.say(g.chat, g.bob, "/top hide")
    data = await open_from_stats(bot, g, g.alice)
    token = (await (await client.get("/app/api/groups", headers=auth(data))).json())["start"]
    shown = await (await client.get(f"/app/api/group?group={token}", headers=auth(data))).json()
    assert shown["title"] == "Writers"
    assert shown["group_streak"] == 1
    assert [row[1] for row in shown["current"]["rows"]] == ["Alice"]
    (alices,) = shown["current"]["rows"]
    assert alices[3][-1] == "checked_in"  # her week, today last
    assert len(alices[3]) == 7
    assert shown["grid"][-1] == [bot.clock.now().date().isoformat(), 2, 2]
    await bot.say(g.chat, g.owner, "/settings board off")
    shown = await (await client.get(f"/app/api/group?group={token}", headers=auth(data))).json()
    assert shown["mode"] == "off"
    assert shown["current"]["rows"] == []


async def test_the_group_page_shows_the_challenge_and_the_quest(
    bot: Harness, group: Group, client: Client
) -> None:
    g = group
    await bot.say(g.chat, g.owner, "/settings quest on")
    await bot.say(g.chat, g.owner, "/challenge 7d No sugar")
    for who in (g.alice, g.bob):
        await bot.say(g.chat, who, "/challenge join")
    await bot.say(g.chat, g.bob, "/top hide")
    data = await open_from_stats(bot, g, g.alice)
    token = (await (await client.get("/app/api/groups", headers=auth(data))).json())["start"]

    async def page(data: str) -> dict[str, Any]:
        answer_ = await client.get(f"/app/api/group?group={token}", headers=auth(data))
        assert answer_.status == 200
        shown: dict[str, Any] = await answer_.json()
        return shown

    before = (await page(data))["challenge"]
    assert before["title"] == "No sugar"
    assert before["when"].startswith("Starts ")
    assert before["rows"] == [["Alice", "0 of 7 days", True]]  # Bob left the board

    bot.at(DAY0 + timedelta(days=1), time(12))
    for who in (g.alice, g.bob):
        await bot.say(g.chat, who, "/done")
    data = await open_from_stats(bot, g, g.alice)  # a day later: the app opened anew
    shown = await page(data)
    assert shown["challenge"]["when"] == "Day 1 of 7"
    assert shown["challenge"]["rows"] == [["Alice", "1 of 7 days", True]]
    quest = shown["quest"]
    assert quest["check_ins"] == 2  # Bob's check-in counts for the quest, hidden or not
    assert quest["goal"] > 0
    assert quest["said"].endswith(f" 2/{quest['goal']}")
    assert quest["said"].startswith("🎯 Weekly quest: ")
    # Bob sees his own line, as the board gives him his own figures.
    bobs = await open_from_stats(bot, g, g.bob)
    assert (await page(bobs))["challenge"]["rows"] == [
        ["Alice", "1 of 7 days", True],
        ["Bob", "1 of 7 days", True],
    ]
    # With the board off, nobody else's line; without a quest or a challenge, none shown.
    await bot.say(g.chat, g.owner, "/settings board off")
    assert (await page(data))["challenge"]["rows"] == [["Alice", "1 of 7 days", True]]
    await bot.say(g.chat, g.bob, "/top show")
    assert (await page(data))["challenge"]["rows"] == [["Alice", "1 of 7 days", True]]
    await bot.say(g.chat, g.owner, "/settings board all")
    assert [row[0] for row in (await page(data))["challenge"]["rows"]] == ["Alice", "Bob"]
    await bot.say(g.chat, g.owner, "/settings quest off")
    await bot.say(g.chat, g.owner, "/challenge stop")
    shown = await page(data)
    assert shown["quest"] is None
    assert shown["challenge"] is None


async def test_an_admin_changes_the_cue_and_the_group_is_told(
    bot: Harness, group: Group, client: Client
) -> None:
    g = group
    (answer,) = await bot.say(g.chat, g.owner, "/settings")
    data = init_data_of(bot.tg.open_link(g.owner, app_link(answer)))
    token = (await (await client.get("/app/api/groups", headers=auth(data))).json())["start"]
    shown = await (await client.get(f"/app/api/settings?group={token}", headers=auth(data))).json()
    assert shown["admin"] is True
    assert shown["values"]["cue"] == "09:00"
    assert (shown["values"]["fail"], shown["values"]["share"]) == (True, 0)

    before = len(bot.tg.bot_messages(g.chat.id))
    saved = await client.post(
        "/app/api/settings",
        json={"group": token, "name": "cue", "value": "08:30"},
        headers=auth(data),
    )
    assert saved.status == 200
    assert (await saved.json())["values"]["cue"] == "08:30"
    await bot.settle()
    (told,) = bot.tg.bot_messages(g.chat.id)[before:]
    assert "Olga" in (told.text or "")
    assert "08:30" in (told.text or "")
    assert "Daily cue: 08:30" in await bot.say_text(g.chat, g.alice, "/settings")

    refused = await client.post(
        "/app/api/settings",
        json={"group": token, "name": "cue", "value": "25:00"},
        headers=auth(data),
    )
    assert refused.status == 400
    assert "is not a time" in (await refused.json())["said"]
    rest = await client.post(
        "/app/api/settings",
        json={"group": token, "name": "rest", "value": "sat,sun"},
        headers=auth(data),
    )
    assert (await rest.json())["values"]["rest"] == [5, 6]
    for name, value, shown_as in (("week", "sun", 6), ("target", "3", 3), ("proof", "on", True)):
        changed = await client.post(
            "/app/api/settings",
            json={"group": token, "name": name, "value": value},
            headers=auth(data),
        )
        assert changed.status == 200
        assert (await changed.json())["values"][name] == shown_as
    await bot.settle()
    heard = "\n".join(m.text or "" for m in bot.tg.bot_messages(g.chat.id)[-3:])
    assert "The members' target is 3 times a week from" in heard
    assert "The week's first day is now Sunday." in heard
    assert "Proof for check-ins is now on." in heard
    said = await bot.say_text(g.chat, g.alice, "/settings")
    assert "Weeks start on: Sunday" in said
    assert "Check-ins need proof: on" in said
    again = await (await client.get(f"/app/api/settings?group={token}", headers=auth(data))).json()
    assert [again["values"][n] for n in ("target", "week", "proof")] == [3, 6, True]
    assert again["targets"][0] == ["daily", "every day"]
    assert ["3", "3 times a week"] in again["targets"]
    assert again["week_starts"] == [[0, "Monday"], [5, "Saturday"], [6, "Sunday"]]
    wrong = await client.post(
        "/app/api/settings",
        json={"group": token, "name": "week", "value": "wed"},
        headers=auth(data),
    )
    assert wrong.status == 400
    assert "is not a first day of the week" in (await wrong.json())["said"]
    garbled = await client.post("/app/api/settings", data=b"{not json", headers=auth(data))
    assert garbled.status == 400
    assert (await garbled.json())["said"] == "Something went wrong; try again."


async def test_a_members_settings_are_read_only_and_a_forged_save_is_refused(
    bot: Harness, group: Group, client: Client
) -> None:
    g = group
    await bot.say(g.chat, g.alice, "/done")
    data = signed_by_telegram(bot.tg, g.alice)
    token = (await (await client.get("/app/api/groups", headers=auth(data))).json())["groups"][0][
        "id"
    ]
    shown = await (await client.get(f"/app/api/settings?group={token}", headers=auth(data))).json()
    assert shown["admin"] is False
    before = len(bot.tg.bot_messages(g.chat.id))
    forged = await client.post(
        "/app/api/settings",
        json={"group": token, "name": "cue", "value": "05:00"},
        headers=auth(data),
    )
    assert forged.status == 403
    await bot.settle()
    assert bot.tg.bot_messages(g.chat.id)[before:] == []
    assert "Daily cue: 09:00" in await bot.say_text(g.chat, g.alice, "/settings")


async def test_the_app_is_found_where_people_are(
    bot: Harness, group: Group, client: Client, tg: FakeTelegram
) -> None:
    assert tg.bot().menu_buttons[0]["type"] == "web_app"
    assert tg.bot().menu_buttons[0]["web_app"]["url"] == APP_URL
    assert texts.app.help_line() in await bot.say_text(group.chat, group.alice, "/help")
    page = await client.get("/app", headers={"Accept-Encoding": "gzip"})
    assert page.status == 200
    assert "app.js" in await page.text()
    assert (await client.get("/app/app.js")).status == 200
    assert (await client.get("/app/nothing.js")).status == 404
    assert (await client.get("/healthz")).status == 200


async def test_without_mini_app_url_there_is_no_button(
    tg: FakeTelegram, database_url: str, clock: ManualClock
) -> None:
    harness = await start_harness(tg, database_url, clock)
    try:
        owner = tg.add_user("Olga")
        chat = tg.add_group("Plain", creator=owner)
        tg.add_bot(chat.id, by=owner)
        await harness.deliver()
        (answer,) = await harness.say(chat, owner, "/settings")
        assert answer.reply_markup is None
        assert 0 not in tg.bot().menu_buttons
        assert "📱" not in await harness.say_text(chat, owner, "/help")
    finally:
        await stop_harness(harness)


async def test_the_recap_carries_the_apps_button_for_its_group(
    bot: Harness, group: Group, client: Client
) -> None:
    g = group
    bot.at(DAY0, time(10))
    await bot.say(g.chat, g.alice, "/done")
    await bot.live_to(DAY0, time(21, 1))
    recap = next(m for m in bot.tg.bot_messages(g.chat.id) if "🌙" in (m.text or ""))
    data = init_data_of(bot.tg.open_link(g.bob, app_link(recap)))
    shown = await (await client.get("/app/api/groups", headers=auth(data))).json()
    assert shown["start"] is not None
    assert [x["title"] for x in shown["groups"]] == ["Writers"]


async def test_a_link_from_before_the_group_became_a_supergroup_still_opens_it(
    bot: Harness, group: Group, client: Client, tg: FakeTelegram
) -> None:
    g = group
    basic = tg.add_group("Poets", creator=g.owner, supergroup=False)
    tg.add_member(basic.id, g.alice)
    tg.add_bot(basic.id, by=g.owner)
    await bot.deliver()
    await bot.say(basic, g.alice, "/done")
    (answer,) = await bot.say(basic, g.alice, "/stats")
    old_link = app_link(answer)
    new_id = tg.upgrade_to_supergroup(basic.id, by=g.owner)
    await bot.deliver()

    data = init_data_of(tg.open_link(g.alice, old_link))
    shown = await (await client.get("/app/api/groups", headers=auth(data))).json()
    assert shown["start"] is not None, "the old button opens the group"
    page = await client.get(f"/app/api/group?group={shown['start']}", headers=auth(data))
    assert page.status == 200
    assert (await page.json())["title"] == "Poets"
    # A link from now on names the supergroup the same way as the list does.
    (fresh,) = await bot.say(tg.chat(new_id), g.alice, "/stats")
    assert app_link(fresh).split("startapp=")[1] == shown["start"]
    assert shown["start"] in [x["id"] for x in shown["groups"]]


async def test_a_link_not_made_by_the_bot_opens_no_group(
    bot: Harness, group: Group, client: Client
) -> None:
    g = group
    await bot.say(g.chat, g.alice, "/done")
    for made_up in ("", "abc", "é" * 30, "A" * 22, "_" * 400, "AAAAAAAAAAAAAAAAAAAAAA=="):
        data = signed_by_telegram(bot.tg, g.alice, start_param=made_up)
        shown = await (await client.get("/app/api/groups", headers=auth(data))).json()
        assert shown["start"] is None, made_up
        answer = await client.get("/app/api/group", params={"group": made_up}, headers=auth(data))
        assert answer.status in (400, 404), made_up
