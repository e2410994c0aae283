"""A group's life: welcome, removal and return, supergroup upgrade, forum topics, limits."""

from __future__ import annotations

from datetime import time, timedelta

from bot.faketelegram import FakeTelegram
from bot.faketelegram.records import Update as FakeUpdate
from tests.e2e.conftest import ALICE, BOB, Group
from tests.e2e.harness import DAY0, Harness


def cue_count(bot: Harness, chat_id: int) -> int:
    return sum(1 for m in bot.tg.bot_messages(chat_id) if m.buttons)


async def test_the_bot_welcomes_the_group(bot: Harness, group: Group) -> None:
    [welcome] = bot.tg.bot_messages(group.chat.id)
    assert "I'm <b>Habitloop</b>" in (welcome.html or "")
    assert "/settings" in (welcome.text or "")


async def test_removed_it_goes_quiet_and_keeps_the_data(bot: Harness, group: Group) -> None:
    g = group
    await bot.say(g.chat, g.alice, "/done")
    bot.tg.remove_bot(g.chat.id, by=g.owner)
    await bot.deliver()
    await bot.live_to(DAY0 + timedelta(days=1), time(10))
    assert cue_count(bot, g.chat.id) == 0

    bot.tg.add_bot(g.chat.id, by=g.owner)
    await bot.deliver()
    assert "Welcome back" not in (bot.tg.bot_messages(g.chat.id)[-1].text or "")
    assert "I'm Habitloop" in (bot.tg.bot_messages(g.chat.id)[-1].text or "")
    await bot.live_to(DAY0 + timedelta(days=2), time(9, 30))
    assert cue_count(bot, g.chat.id) == 1
    await bot.say(g.chat, g.alice, "/done")
    assert "day 1" in (bot.tg.bot_messages(g.chat.id)[-1].text or "")  # day 1 was lost: a gap
    assert "Last 30 days: 2/30" in await bot.say_text(g.chat, g.alice, "/streak")


async def test_a_refused_post_pauses_the_group(bot: Harness, group: Group) -> None:
    """Removed while the bot was down: the first post that gets 403 pauses the group."""
    with bot.tg.intercept():  # the update is lost
        bot.tg.remove_bot(group.chat.id, by=group.owner)
    await bot.live_to(DAY0, time(9, 0))
    assert cue_count(bot, group.chat.id) == 0
    bot.tg.add_bot(group.chat.id, by=group.owner)
    await bot.deliver()
    await bot.live_to(DAY0 + timedelta(days=1), time(9, 0))
    assert cue_count(bot, group.chat.id) == 1


async def test_an_upgraded_group_keeps_its_streaks(bot: Harness, tg: FakeTelegram) -> None:
    owner, alice = tg.add_user("Olga"), tg.add_user("Alice")
    basic = tg.add_group("Runners", creator=owner, supergroup=False)
    tg.add_member(basic.id, alice)
    tg.add_bot(basic.id, by=owner)
    await bot.deliver()
    for _ in range(2):
        await bot.say(basic, alice, "/done")
        bot.next_day()
    new_id = tg.upgrade_to_supergroup(basic.id, by=owner)
    await bot.deliver()
    supergroup = tg.chat(new_id)
    assert "day 3" in await bot.say_text(supergroup, alice, "/done")
    assert "reached a 3-day streak" in (tg.bot_messages(new_id)[-1].text or "")


async def test_posts_go_to_the_chosen_topic_and_fall_back(bot: Harness, tg: FakeTelegram) -> None:
    owner = tg.add_user("Olga")
    forum = tg.add_group("Makers", creator=owner, forum=True)
    tg.add_bot(forum.id, by=owner)
    await bot.deliver()
    daily = tg.create_topic(forum.id, "Daily", by=owner)
    await bot.deliver()
    reply = await bot.say_text(forum, owner, "/settings topic here", thread_id=daily)
    assert "this topic" in reply
    assert tg.bot_messages(forum.id)[-1].thread_id == daily  # replies stay in the topic

    await bot.live_to(DAY0, time(9, 0))
    assert [m.thread_id for m in tg.bot_messages(forum.id) if m.buttons] == [daily]
    tg.close_topic(forum.id, daily, by=owner)
    await bot.deliver()
    await bot.live_to(DAY0 + timedelta(days=1), time(9, 0))
    assert [m.thread_id for m in tg.bot_messages(forum.id) if m.buttons] == [daily, None]
    assert "the general chat" in await bot.say_text(forum, owner, "/settings")


async def test_retry_after_delays_a_message_and_never_drops_it(bot: Harness, group: Group) -> None:
    """A 429 answer is waited out on the clock and the message sent then."""
    bot.tg.fail_next("sendMessage", times=1, retry_after=30, chat_id=group.chat.id)
    assert await bot.say(group.chat, group.alice, "/done") == []
    await bot.pass_time(seconds=29)
    assert not any("day 1" in (m.text or "") for m in bot.tg.bot_messages(group.chat.id))
    await bot.pass_time(seconds=2)
    assert "day 1" in (bot.tg.bot_messages(group.chat.id)[-1].text or "")


async def test_a_cue_follows_an_upgrade_the_bot_missed(bot: Harness, tg: FakeTelegram) -> None:
    owner = tg.add_user("Olga")
    basic = tg.add_group("Runners", creator=owner, supergroup=False)
    tg.add_bot(basic.id, by=owner)
    await bot.deliver()
    with tg.intercept():  # the migration messages are lost
        new_id = tg.upgrade_to_supergroup(basic.id, by=owner)
    await bot.live_to(DAY0, time(9, 0))
    assert cue_count(bot, new_id) == 1
    assert "Daily cue: 09:00" in await bot.say_text(tg.chat(new_id), owner, "/settings")


async def test_one_groups_failure_does_not_stop_the_others(bot: Harness, tg: FakeTelegram) -> None:
    owner = tg.add_user("Olga")
    chats = [tg.add_group(f"G{n}", creator=owner) for n in range(3)]
    for chat in chats:
        tg.add_bot(chat.id, by=owner)
    await bot.deliver()
    # The first group's cue keeps failing for a while; the others go out at once.
    tg.fail_next("sendMessage", times=4, status=502, chat_id=chats[0].id)
    await bot.live_to(DAY0, time(9, 0))
    assert [cue_count(bot, c.id) for c in chats] == [0, 1, 1]
    await bot.pass_time(seconds=20)
    assert [cue_count(bot, c.id) for c in chats] == [1, 1, 1]


async def _upgraded_with_checkins_on_both_sides(
    bot: Harness, tg: FakeTelegram
) -> tuple[int, int, list[FakeUpdate]]:
    """Alice checks in twice in a basic group; it is upgraded; before the bot hears of it,
    Alice and Bob check in in the supergroup and an admin changes the cue there.
    Returns the two chat ids and the migration updates the bot has not handled."""
    owner, alice, bob = tg.add_user("Olga"), tg.add_user("Alice"), tg.add_user("Bob")
    basic = tg.add_group("Runners", creator=owner, supergroup=False)
    tg.add_member(basic.id, alice)
    tg.add_bot(basic.id, by=owner)
    await bot.deliver()
    await bot.say(basic, alice, "/goal run a marathon")
    for _ in range(2):
        await bot.say(basic, alice, "/done")
        bot.next_day()
    with tg.intercept() as held:
        new_id = tg.upgrade_to_supergroup(basic.id, by=owner)
    supergroup = tg.chat(new_id)
    tg.add_member(new_id, bob)
    await bot.say(supergroup, alice, "/done in the supergroup")
    assert "day 1" in await bot.say_text(supergroup, bob, "/done first")
    await bot.say(supergroup, alice, "/goal run a marathon in May")
    assert "07:30" in await bot.say_text(supergroup, owner, "/settings cue 07:30")
    return basic.id, new_id, held


async def _assert_merged(bot: Harness, tg: FakeTelegram, new_id: int) -> None:
    supergroup = tg.chat(new_id)
    alice = next(u for u in tg.users.values() if u.first_name == "Alice")
    card = await bot.say_text(supergroup, alice, "/streak")
    assert "3 days" in card
    assert "Last 30 days: 3/30" in card
    assert "run a marathon in May" in await bot.say_text(supergroup, alice, "/goal")
    board = await bot.say_text(supergroup, alice, "/top")
    assert f"{ALICE}: 3 days" in board
    assert f"{BOB}: 1 day" in board
    assert "Daily cue: 07:30" in await bot.say_text(supergroup, alice, "/settings")


async def test_a_late_migration_message_merges_both_sides(bot: Harness, tg: FakeTelegram) -> None:
    _, new_id, held = await _upgraded_with_checkins_on_both_sides(bot, tg)
    tg.release(held)  # the migration messages arrive after all
    await bot.deliver()
    await _assert_merged(bot, tg, new_id)


async def test_an_upgrade_found_when_posting_merges_both_sides(
    bot: Harness, tg: FakeTelegram
) -> None:
    old_id, new_id, _ = await _upgraded_with_checkins_on_both_sides(bot, tg)
    # The migration messages are lost; the evening recap to the old id finds out.
    await bot.live_to(bot.clock.now().date(), time(21, 0))
    assert [m for m in tg.bot_messages(new_id) if "🌙" in (m.text or "")]
    await _assert_merged(bot, tg, new_id)
    assert old_id != new_id
