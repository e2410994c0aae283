"""/settings: everyone may look; only admins, as Telegram says now, may change."""

from __future__ import annotations

from bot import texts
from bot.faketelegram import FakeTelegram
from tests.e2e.conftest import Group
from tests.e2e.harness import Harness


async def test_anyone_sees_the_settings(bot: Harness, group: Group) -> None:
    card = await bot.say_text(group.chat, group.alice, "/settings")
    assert "Daily cue: 09:00" in card
    assert "Evening recap: 21:00" in card
    assert "Time zone: UTC" in card
    assert "Rest days: none" in card
    assert "one per 7 days counted, hold up to 2" in card


async def test_a_member_cannot_change_them(bot: Harness, group: Group) -> None:
    assert "Only the group's admins" in await bot.say_text(
        group.chat, group.alice, "/settings cue 07:00"
    )
    assert "Daily cue: 09:00" in await bot.say_text(group.chat, group.alice, "/settings")


async def test_admin_rights_are_checked_at_the_moment(
    bot: Harness, group: Group, tg: FakeTelegram
) -> None:
    g = group
    tg.promote(g.chat.id, g.bob)
    assert "is now 07:15" in await bot.say_text(g.chat, g.bob, "/settings cue 7:15")
    tg.set_status(g.chat.id, g.bob, "member", by=g.owner)
    assert "Only the group's admins" in await bot.say_text(g.chat, g.bob, "/settings cue 8:00")


async def test_an_anonymous_admin_counts(bot: Harness, group: Group, tg: FakeTelegram) -> None:
    tg.send_as_group(group.chat.id, "/settings recap off")
    await bot.deliver()
    assert "is now off" in (tg.bot_messages(group.chat.id)[-1].text or "")


async def test_every_bad_value_gets_the_right_form(bot: Harness, group: Group) -> None:
    g, say = group, bot.say_text
    assert (
        f"“{texts.format.isolate('25:00')}” is not a time. Use HH:MM, e.g. /settings cue 08:30"
        in await say(g.chat, g.owner, "/settings cue 25:00")
    )
    assert "The value is missing. Use HH:MM, e.g. /settings recap 21:00" in await say(
        g.chat, g.owner, "/settings recap"
    )
    assert "Did you mean Europe/Berlin" in await say(g.chat, g.owner, "/settings timezone berlin")
    assert "list of weekdays" in await say(g.chat, g.owner, "/settings rest someday")
    assert "two numbers" in await say(g.chat, g.owner, "/settings freezes 7")
    assert "from 1 to 365" in await say(g.chat, g.owner, "/settings break 0")
    assert "on or off" in await say(g.chat, g.owner, "/settings fail maybe")
    assert "from 0% to 100%" in await say(g.chat, g.owner, "/settings share 150%")
    assert "on or off" in await say(g.chat, g.owner, "/settings mentions 2")
    assert f"no setting “{texts.format.isolate('colour')}”" in await say(
        g.chat, g.owner, "/settings colour blue"
    )
    assert "has no topics" in await say(g.chat, g.owner, "/settings topic here")
    # Markup typed by a member is shown as typed, never interpreted.
    assert f"“{texts.format.isolate('<b>9</b>')}” is not a time" in await say(
        g.chat, g.owner, "/settings cue <b>9</b>"
    )


async def test_admin_changes_every_setting(bot: Harness, group: Group) -> None:
    g = group
    for command in (
        "/settings cue 06:45",
        "/settings recap 20:30",
        "/settings timezone europe/london",
        "/settings rest sat,sun",
        "/settings freezes 5 3",
        "/settings break 21",
        "/settings fail off",
        "/settings share 50%",
        "/settings mentions off",
    ):
        assert "✅" in await bot.say_text(g.chat, g.owner, command)
    card = await bot.say_text(g.chat, g.alice, "/settings")
    for shown in (
        "Daily cue: 06:45",
        "Evening recap: 20:30",
        "Time zone: Europe/London",
        "Rest days: Sat and Sun",
        "one per 5 days counted, hold up to 3",
        "Longest break: 21 days",
        "/fail counts as showing up: off",
        "50% of active members",
        "At-risk mentions: off",
    ):
        assert shown in card
