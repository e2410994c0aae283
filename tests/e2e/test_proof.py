"""Check-ins with proof: a photo (video, voice note, file) captioned /done, or /done replying
to your own photo from today; the same photo counts once; a group may require proof; the
proof shows in /streak, /stats and /export, follows an upgraded group and goes with
/forgetme."""

from __future__ import annotations

import csv
import io
from datetime import time, timedelta

from PIL import Image

from bot import texts
from bot.faketelegram import Chat, FakeTelegram, Message, User
from bot.outbox.buttons import CHECKIN_BUTTON_DATA
from tests.e2e.conftest import ALICE, Group
from tests.e2e.harness import MONDAY, Harness
from tests.render.pictures import decoded


def _photo_bytes(colour: tuple[int, int, int]) -> bytes:
    """A photo's bytes: the same bytes sent again are the same file (file_unique_id)."""
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(buffer, "PNG")
    return buffer.getvalue()


SUNRISE = _photo_bytes((250, 160, 40))
TRACK = _photo_bytes((40, 160, 250))
RUNS = _photo_bytes((40, 250, 160))


async def send_photo(
    bot: Harness,
    chat: Chat,
    user: User,
    *,
    caption: str | None = None,
    data: bytes | None = None,
    reply_to: int | None = None,
) -> tuple[Message, list[Message]]:
    """``user`` sends a photo; the photo's message, and what the bot posted in response."""
    before = len(bot.tg.bot_messages(chat.id))
    sent = bot.tg.send_photo(chat.id, user, caption=caption, data=data, reply_to=reply_to)
    await bot.settle()
    return sent, bot.tg.bot_messages(chat.id)[before:]


def text_of(messages: list[Message]) -> str:
    return "\n".join(m.text or m.caption or "" for m in messages)


def exported(message: Message) -> list[dict[str, str]]:
    assert message.document is not None
    return list(csv.DictReader(io.StringIO(message.document.decode("utf-8"))))


async def test_a_photo_captioned_done_counts_and_shows(bot: Harness, group: Group) -> None:
    g = group
    bot.at(MONDAY, time(12))
    await bot.say(g.chat, g.alice, "/done")
    bot.at(MONDAY + timedelta(days=1), time(12))
    sent, answer = await send_photo(bot, g.chat, g.alice, caption="/done ran 5k", data=SUNRISE)
    assert text_of(answer) == f"✅ {ALICE}: day 2"
    assert sent.reactions == ["👍"]
    streak = await bot.say_text(g.chat, g.alice, "/streak")
    assert "Last 7 days: ⬜⬜⬜⬜⬜🟩📸" in streak
    [export] = await bot.say(g.chat, g.alice, "/export")
    rows = exported(export)
    assert [(r["kind"], r["note"], r["proof"]) for r in rows] == [
        ("done", "", ""),
        ("done", "ran 5k", "photo"),
    ]
    [stats] = await bot.say(g.chat, g.alice, "/stats")
    assert stats.photo is not None
    assert decoded(stats.photo).width > 0


async def test_other_media_and_the_bots_name_in_the_caption(
    bot: Harness, group: Group, tg: FakeTelegram
) -> None:
    g = group
    bot.at(MONDAY, time(12))
    tg.send_video(g.chat.id, g.alice, caption="/done@habitloop_bot a run")
    await bot.settle()
    tg.send_voice(g.chat.id, g.bob, caption="/done")
    await bot.settle()
    tg.send_document(g.chat.id, g.owner, caption="/done@some_other_bot plan.pdf")
    await bot.settle()
    tg.send_photo(g.chat.id, g.owner, caption="a photo, no command")
    await bot.settle()
    _, streak = await send_photo(bot, g.chat, g.owner, caption="/streak")
    assert text_of(streak) == "Only /done works in a photo's caption. Send /streak as a message."
    _, elsewhere = await send_photo(bot, g.chat, g.owner, caption="/weather")  # another bot's
    assert elsewhere == []
    board = await bot.say_text(g.chat, g.owner, "/top")
    assert ALICE in board
    assert texts.format.isolate("Bob") in board
    assert texts.format.isolate("Olga") not in board
    [export] = await bot.say(g.chat, g.alice, "/export")
    assert [r["proof"] for r in exported(export)] == ["video"]


async def test_done_replying_to_your_own_photo_from_today(bot: Harness, group: Group) -> None:
    g = group
    bot.at(MONDAY, time(8))
    yesterdays, _ = await send_photo(bot, g.chat, g.alice, data=TRACK)
    bobs, _ = await send_photo(bot, g.chat, g.bob, data=SUNRISE)
    bot.at(MONDAY + timedelta(days=1), time(7))
    mine, answer = await send_photo(bot, g.chat, g.alice, data=SUNRISE)
    assert answer == []  # a photo alone is no check-in
    bot.at(MONDAY + timedelta(days=1), time(12))
    not_mine = await bot.say_text(g.chat, g.alice, "/done", reply_to=bobs.message_id)
    assert not_mine.startswith("Only your own photo proves your check-in.")
    old = await bot.say_text(g.chat, g.alice, "/done", reply_to=yesterdays.message_id)
    assert old.startswith("That photo is from another day.")
    assert "has no check-ins" in await bot.say_text(g.chat, g.alice, "/streak")
    counted = await bot.say_text(g.chat, g.alice, "/done morning run", reply_to=mine.message_id)
    assert counted == f"✅ {ALICE}: day 1"
    assert "Last 7 days: ⬜⬜⬜⬜⬜⬜📸" in await bot.say_text(g.chat, g.alice, "/streak")
    [export] = await bot.say(g.chat, g.alice, "/export")
    assert [(r["note"], r["proof"]) for r in exported(export)] == [("morning run", "photo")]
    # A /done replying to the bot's picture is a plain check-in: no one's proof.
    [picture] = await bot.say(g.chat, g.alice, "/stats")
    assert picture.photo is not None
    plain = await bot.say_text(g.chat, g.bob, "/done", reply_to=picture.message_id)
    assert plain == f"✅ {texts.format.isolate('Bob')}: day 1"


async def test_the_same_photo_counts_once(bot: Harness, group: Group) -> None:
    g = group
    bot.at(MONDAY, time(12))
    await send_photo(bot, g.chat, g.alice, caption="/done", data=SUNRISE)
    bot.at(MONDAY + timedelta(days=1), time(12))
    again, answer = await send_photo(bot, g.chat, g.alice, caption="/done", data=SUNRISE)
    day = texts.format.day_and_month(MONDAY)
    assert text_of(answer) == f"That photo was already counted on {day}. A new one counts."
    assert again.reactions == []
    assert "day 1" not in (await bot.say_text(g.chat, g.alice, "/streak")).split("\n")[0]
    # The same photo from Bob is his own proof; a new photo counts for Alice.
    _, bobs = await send_photo(bot, g.chat, g.bob, caption="/done", data=SUNRISE)
    assert text_of(bobs) == f"✅ {texts.format.isolate('Bob')}: day 1"
    _, new = await send_photo(bot, g.chat, g.alice, caption="/done", data=TRACK)
    assert text_of(new) == f"✅ {ALICE}: day 2"
    # Replying /done to the used photo is refused alike.
    bot.at(MONDAY + timedelta(days=2), time(8))
    used, _ = await send_photo(bot, g.chat, g.alice, data=TRACK)
    refused = await bot.say_text(g.chat, g.alice, "/done", reply_to=used.message_id)
    assert refused.startswith("That photo was already counted on")
    # /undo takes the photo's check-in back: the photo may count again.
    _, fresh = await send_photo(bot, g.chat, g.alice, caption="/done", data=RUNS)
    assert "day 3" in text_of(fresh)
    assert "Streak: 2 days" in await bot.say_text(g.chat, g.alice, "/undo")
    _, counted_again = await send_photo(bot, g.chat, g.alice, caption="/done", data=RUNS)
    assert "day 3" in text_of(counted_again)


async def test_a_group_that_requires_proof(bot: Harness, group: Group) -> None:
    g = group
    bot.at(MONDAY, time(8))
    assert "Check-ins need proof: off" in await bot.say_text(g.chat, g.owner, "/settings")
    refused = await bot.say_text(g.chat, g.alice, "/settings proof on")
    assert "admins" in refused
    said = await bot.say_text(g.chat, g.owner, "/settings proof on")
    assert said == "✅ Proof for check-ins is now on."
    assert "Check-ins need proof: on" in await bot.say_text(g.chat, g.owner, "/settings")
    assert "/settings proof on" in await bot.say_text(g.chat, g.owner, "/settings proof maybe")
    bare = await bot.say_text(g.chat, g.alice, "/done wrote")
    assert bare.startswith("📸 This group checks in with proof. Send a photo")
    assert "has no check-ins" in await bot.say_text(g.chat, g.alice, "/streak")
    # A fail is not a thing to prove.
    failed = await bot.say_text(g.chat, g.bob, "/fail overslept")
    assert "checks in with proof" not in failed
    assert texts.format.isolate("Bob") in failed
    _, counted = await send_photo(bot, g.chat, g.alice, caption="/done wrote", data=SUNRISE)
    assert text_of(counted) == f"✅ {ALICE}: day 1"
    bot.at(MONDAY, time(9))
    await bot.tick()
    cue = next(m for m in reversed(bot.tg.bot_messages(g.chat.id)) if m.buttons)
    toast = await bot.press(g.chat, cue, g.owner, CHECKIN_BUTTON_DATA)
    assert toast == texts.proof.pressed_needs_proof()
    assert texts.format.isolate("Olga") not in await bot.say_text(g.chat, g.owner, "/top")
    await bot.say(g.chat, g.owner, "/settings proof off")
    assert "day 1" in await bot.say_text(g.chat, g.owner, "/done")


async def test_proofs_follow_an_upgraded_group_and_go_with_forgetme(
    bot: Harness, group: Group, tg: FakeTelegram
) -> None:
    g = group
    basic = tg.add_group("Basic", creator=g.owner, supergroup=False)
    tg.add_member(basic.id, g.alice)
    tg.add_bot(basic.id, by=g.owner)
    await bot.deliver()
    bot.at(MONDAY, time(12))
    await bot.say(basic, g.owner, "/settings proof on")
    await send_photo(bot, basic, g.alice, caption="/done", data=SUNRISE)
    new_id = tg.upgrade_to_supergroup(basic.id, by=g.owner)
    await bot.deliver()
    upgraded = tg.chat(new_id)
    assert "Check-ins need proof: on" in await bot.say_text(upgraded, g.owner, "/settings")
    assert "📸" in await bot.say_text(upgraded, g.alice, "/streak")
    bot.at(MONDAY + timedelta(days=1), time(12))
    _, again = await send_photo(bot, upgraded, g.alice, caption="/done", data=SUNRISE)
    assert text_of(again).startswith("That photo was already counted on")

    [prompt] = await bot.say(upgraded, g.alice, "/forgetme")
    await bot.press(upgraded, prompt, g.alice, prompt.buttons[0][0][1] or "")
    _, fresh = await send_photo(bot, upgraded, g.alice, caption="/done", data=SUNRISE)
    assert text_of(fresh) == f"✅ {ALICE}: day 1"


async def test_the_same_photo_on_both_sides_of_a_late_upgrade(
    bot: Harness, group: Group, tg: FakeTelegram
) -> None:
    """Alice proves a day with a photo in the basic group and, before the bot hears of the
    upgrade, the next day with the same photo in the supergroup (a group of its own to the
    bot then): merged, both days keep their proof, and the photo still counts once."""
    g = group
    basic = tg.add_group("Basic", creator=g.owner, supergroup=False)
    tg.add_member(basic.id, g.alice)
    tg.add_bot(basic.id, by=g.owner)
    await bot.deliver()
    bot.at(MONDAY, time(12))
    await send_photo(bot, basic, g.alice, caption="/done", data=SUNRISE)
    with tg.intercept() as held:
        new_id = tg.upgrade_to_supergroup(basic.id, by=g.owner)
    supergroup = tg.chat(new_id)
    bot.at(MONDAY + timedelta(days=1), time(12))
    _, answer = await send_photo(bot, supergroup, g.alice, caption="/done", data=SUNRISE)
    assert text_of(answer) == f"✅ {ALICE}: day 1"
    tg.release(held)
    await bot.deliver()
    card = await bot.say_text(supergroup, g.alice, "/streak")
    assert "2 days" in card
    assert "📸📸" in card
    bot.at(MONDAY + timedelta(days=2), time(12))
    _, again = await send_photo(bot, supergroup, g.alice, caption="/done", data=SUNRISE)
    assert text_of(again).startswith("That photo was already counted on")
    [export] = await bot.say(supergroup, g.alice, "/export")
    assert [r["proof"] for r in exported(export)] == ["photo", "photo"]
