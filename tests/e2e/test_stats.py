"""/stats: a picture of a member's year or the group's, sent as a photo reply."""

from __future__ import annotations

import asyncio
import threading
from datetime import date, time, timedelta
from io import BytesIO
from typing import Any

import pytest
from PIL import Image

from bot import texts
from bot.domain.member_days import DayKind
from bot.faketelegram import Message
from bot.render import year_heatmap
from bot.render.card import WIDTH
from bot.render.cells import KEY
from bot.render.heatmap import heatmap_grid
from bot.render.palette import SHARE_STEPS
from tests.e2e.conftest import ALICE, BOB, Group
from tests.e2e.harness import MONDAY, Harness


def picture(message: Message) -> Image.Image:
    assert message.photo is not None, "no photo was sent"
    image = Image.open(BytesIO(message.photo))
    assert image.format == "PNG"
    return image.convert("RGB")


def centres(image: Image.Image, first: date, today: date) -> list[tuple[int, int, int]]:
    """The colour at the centre of each day's cell from ``first`` to ``today``."""
    grid = heatmap_grid(first, today)
    found = []
    for day in grid.days():
        value = image.getpixel(grid.centre(day))
        assert isinstance(value, tuple)
        found.append((value[0], value[1], value[2]))
    return found


async def test_a_members_year_as_a_picture(bot: Harness, group: Group) -> None:
    g = group
    # Mon, Tue checked in, Wed an honest miss, Thu missed, Fri checked in.
    for offset, said in ((0, "/done"), (1, "/done"), (2, "/fail tired"), (4, "/done")):
        bot.at(MONDAY + timedelta(days=offset), time(12))
        await bot.say(g.chat, g.alice, said)
    [sent] = await bot.say(g.chat, g.alice, "/stats")
    command = bot.tg.messages(g.chat.id)[-2]
    assert command.text == "/stats"
    assert sent.reply_to == command.message_id
    caption = sent.caption or ""
    assert caption.startswith(f"📊 {ALICE}: 1 day now, best 3 days · last 30 days: 4/30")
    assert len(caption) <= 1024
    image = picture(sent)
    assert image.width == WIDTH
    assert 800 <= image.height <= 1200
    # Four weeks, the first entry's the last of them.
    days = centres(image, MONDAY - timedelta(weeks=3), MONDAY + timedelta(days=4))
    assert days.count(KEY[DayKind.CHECKED_IN]) == 3
    assert days.count(KEY[DayKind.FAIL_COUNTED]) == 1
    assert days.count(KEY[DayKind.MISSED]) == 1


async def test_a_picture_covers_the_weeks_since_the_first_check_in(
    bot: Harness, group: Group
) -> None:
    """Ten weeks of Alice: the picture shows those weeks, not a year of blank days."""
    g = group
    for week in range(10):
        bot.at(MONDAY + timedelta(weeks=week), time(12))
        await bot.say(g.chat, g.alice, "/done")
    [sent] = await bot.say(g.chat, g.alice, "/stats")
    today = MONDAY + timedelta(weeks=9)
    days = centres(picture(sent), MONDAY, today)
    assert days.count(KEY[DayKind.CHECKED_IN]) == 10
    assert days.count(KEY[DayKind.MISSED]) == 9 * 6
    [whole] = await bot.say(g.chat, g.alice, "/stats group")
    shaded = [c for c in centres(picture(whole), MONDAY, today) if c in SHARE_STEPS]
    assert len(shaded) == 10


async def test_as_a_reply_theirs_and_the_groups_year(bot: Harness, group: Group) -> None:
    g = group
    for offset in range(3):
        bot.at(MONDAY + timedelta(days=offset), time(12))
        await bot.say(g.chat, g.bob, "/done")
        if offset != 1:
            await bot.say(g.chat, g.alice, "/done")
    bobs = bot.tg.send(g.chat.id, g.bob, "three days!")
    await bot.deliver()
    [theirs] = await bot.say(g.chat, g.alice, "/stats", reply_to=bobs.message_id)
    assert (theirs.caption or "").startswith(f"📊 {BOB}: 3 days now, best 3 days")

    [whole] = await bot.say(g.chat, g.alice, "/stats group")
    assert (whole.caption or "").startswith(
        f"📊 {texts.format.isolate('Writers')}: group streak 3 days · 2 active"
    )
    image = picture(whole)
    assert image.width == WIDTH
    window = centres(image, MONDAY - timedelta(weeks=3), MONDAY + timedelta(days=2))
    shaded = [c for c in window if c in SHARE_STEPS]
    assert len(shaded) == 3  # the three days someone showed up


async def test_stats_explains_itself(bot: Harness, group: Group) -> None:
    g = group
    assert "/stats group" in await bot.say_text(g.chat, g.alice, "/stats everything")
    assert "no check-ins in this group yet" in await bot.say_text(g.chat, g.alice, "/stats")
    await bot.say(g.chat, g.alice, "/done")
    reply = bot.tg.bot_messages(g.chat.id)[-1]
    assert "Bots don't keep streaks" in await bot.say_text(
        g.chat, g.alice, "/stats", reply_to=reply.message_id
    )


async def test_help_lists_the_new_commands(bot: Harness, group: Group) -> None:
    shown = await bot.say_text(group.chat, group.alice, "/help")
    for command in ("/stats", "/cheer", "/remind", "/export", "/forgetme"):
        assert command in shown
    bot.tg.send(group.alice.id, group.alice, "/start")
    await bot.deliver()
    private = bot.tg.bot_messages(group.alice.id)[-1].text or ""
    assert "reminders" in private
    assert "/export" in private


async def test_another_group_is_answered_while_a_picture_is_drawn(
    bot: Harness, group: Group, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No transaction is open while /stats draws its picture: on SQLite's one connection,
    another group's /done is saved and answered meanwhile. The drawing itself is the real
    one; the test only holds it until the other group's answer has come."""
    g = group
    other = bot.tg.add_group("Runners", creator=g.owner)
    bot.tg.add_member(other.id, g.bob)
    bot.tg.add_bot(other.id, by=g.owner)
    await bot.deliver()
    await bot.say(g.chat, g.alice, "/done")
    drawing, may_finish = threading.Event(), threading.Event()

    def held(*args: Any, **kwargs: Any) -> bytes:
        drawing.set()
        assert may_finish.wait(timeout=30), "the other group's answer never came"
        return year_heatmap(*args, **kwargs)

    monkeypatch.setattr("bot.handlers.stats.year_heatmap", held)
    bot.tg.send(g.chat.id, g.alice, "/stats")
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 20
    while not drawing.is_set():
        assert loop.time() < deadline, "the picture was never drawn"
        await asyncio.sleep(0.01)
    bot.tg.send(other.id, g.bob, "/done")
    while not any((m.text or "").startswith("✅") for m in bot.tg.bot_messages(other.id)):
        assert loop.time() < deadline, "the other group waited for the picture"
        await asyncio.sleep(0.01)
    may_finish.set()
    await bot.settle()
    assert bot.tg.bot_messages(g.chat.id)[-1].photo is not None
