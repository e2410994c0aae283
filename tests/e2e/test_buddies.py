"""Buddies: /buddy invites (a reply, or @name) with buttons only the invited person can
answer; the pair's streak over a week with a break, in /streak and the recap; the weekly
pairing; the reminder and the recap naming the buddy who checked in; /export, /forgetme
and the supergroup upgrade."""

from __future__ import annotations

import csv
import io
from datetime import time, timedelta

from bot import texts
from bot.faketelegram import Chat, FakeTelegram, Message, User
from tests.e2e.conftest import ALICE, BOB, Group
from tests.e2e.harness import MONDAY, Harness

OLGA = texts.format.isolate("Olga")


def _buttons(message: Message) -> list[str]:
    return [data or "" for row in message.buttons for _, data in row]


async def _invite(bot: Harness, chat: Chat, inviter: User, invitee: User) -> Message:
    """``inviter`` replies /buddy to a message of ``invitee``: the invitation."""
    theirs = bot.tg.send(chat.id, invitee, "hello")
    await bot.deliver()
    [invitation] = await bot.say(chat, inviter, "/buddy", reply_to=theirs.message_id)
    return invitation


async def _pair(bot: Harness, chat: Chat, inviter: User, invitee: User) -> None:
    invitation = await _invite(bot, chat, inviter, invitee)
    accept, _ = _buttons(invitation)
    await bot.press(chat, invitation, invitee, accept)


async def test_an_invitation_only_the_invited_can_answer(bot: Harness, group: Group) -> None:
    g = group
    invitation = await _invite(bot, g.chat, g.bob, g.alice)
    assert invitation.text == (
        f"🤝 {BOB} asks {ALICE} to be buddies: a streak of the days you both check in."
    )
    assert [[label for label, _ in row] for row in invitation.buttons] == [
        ["🤝 Accept", "No, thanks"]
    ]
    accept, decline = _buttons(invitation)
    before = len(bot.tg.bot_messages(g.chat.id))
    not_theirs = await bot.press(g.chat, invitation, g.owner, accept)
    assert not_theirs == f"Only {texts.format.isolate('Alice')} can answer this invitation."
    assert await bot.press(g.chat, invitation, g.bob, accept) == not_theirs
    assert len(bot.tg.bot_messages(g.chat.id)) == before  # nothing said to the group
    assert await bot.press(g.chat, invitation, g.alice, decline) == "Done."
    assert bot.tg.bot_messages(g.chat.id)[-1].text == f"{ALICE} declined {BOB}'s invitation."
    assert "no buddy here yet" in await bot.say_text(g.chat, g.alice, "/buddy")

    # Again, by @username this time: Alice accepts.
    await bot.say(g.chat, g.alice, "/done")  # the bot knows her (and her username) now
    [again] = await bot.say(g.chat, g.bob, "/buddy @Alice")
    accept, _ = _buttons(again)
    await bot.press(g.chat, again, g.alice, accept)
    assert bot.tg.bot_messages(g.chat.id)[-1].text == (
        f"🤝 {BOB} and {ALICE} are buddies now. Check in on the same days to keep your streak!"
    )
    card = await bot.say_text(g.chat, g.alice, "/buddy")
    assert card.split("\n") == [f"🤝 Your buddy: {BOB}", "🤝 Together: 0 days in a row"]
    # One buddy at a time, for both of them; a pressed button does nothing more.
    taken = await _invite(bot, g.chat, g.owner, g.alice)
    assert taken.text == f"{ALICE} already has a buddy here: {BOB}."
    assert not taken.buttons
    mine = await bot.say_text(g.chat, g.bob, "/buddy @olga")
    assert mine == f"You already have a buddy here: {ALICE}. /buddy off ends it first."
    before = len(bot.tg.bot_messages(g.chat.id))
    assert await bot.press(g.chat, again, g.alice, accept) == "Done."  # accepted already
    assert len(bot.tg.bot_messages(g.chat.id)) == before
    ended = await bot.say_text(g.chat, g.bob, "/buddy off")
    assert ended == f"{BOB} and {ALICE} are no longer buddies."
    assert "no buddy here yet" in await bot.say_text(g.chat, g.alice, "/buddy off")


async def test_bad_invitations_get_a_clear_answer(bot: Harness, group: Group) -> None:
    g = group
    mine = bot.tg.send(g.chat.id, g.alice, "hello")
    await bot.deliver()
    alone = await bot.say_text(g.chat, g.alice, "/buddy", reply_to=mine.message_id)
    assert "can't be your own buddy" in alone
    assert "can't be your own buddy" in await bot.say_text(g.chat, g.alice, "/buddy @alice")
    bots = bot.tg.bot_messages(g.chat.id)[-1]
    assert "Bots can't be buddies" in await bot.say_text(
        g.chat, g.bob, "/buddy", reply_to=bots.message_id
    )
    unknown = await bot.say_text(g.chat, g.bob, "/buddy @nobody_here")
    assert "I don't know @" in unknown
    assert "Reply to someone's message with /buddy" in await bot.say_text(
        g.chat, g.bob, "/buddy with someone"
    )
    anonymous = bot.tg.send_as_group(g.chat.id, "hello from the admins")
    await bot.deliver()
    assert "sent as the group" in await bot.say_text(
        g.chat, g.bob, "/buddy", reply_to=anonymous.message_id
    )


async def test_a_pair_over_a_week_with_one_of_them_on_a_break(bot: Harness, group: Group) -> None:
    g = group
    bot.at(MONDAY, time(8))
    await _pair(bot, g.chat, g.alice, g.bob)
    for n in range(7):
        bot.at(MONDAY + timedelta(days=n), time(12))
        await bot.say(g.chat, g.alice, "/done")
        if n == 2:
            await bot.say(g.chat, g.bob, "/break 2d visiting family")
        elif n != 3:
            await bot.say(g.chat, g.bob, "/done")
        if n == 1:
            assert "🤝 With" in await bot.say_text(g.chat, g.alice, "/streak")
    # Both checked in on 5 days; Bob's break bridged the 2 days between.
    card = await bot.say_text(g.chat, g.alice, "/streak")
    assert f"🤝 With {BOB}: 5 days in a row" in card.split("\n")
    assert "🤝 Together: 5 days in a row" in await bot.say_text(g.chat, g.bob, "/buddy")
    bot.at(MONDAY + timedelta(days=6), time(21))
    await bot.tick()
    recap = bot.tg.bot_messages(g.chat.id)[-1].text or ""
    assert f"🤝 Buddies who kept their streak today: {ALICE}, {BOB} (5)" in recap.split("\n")
    # A day only one of them checks in breaks the pair's run, not hers.
    bot.at(MONDAY + timedelta(days=7), time(12))
    await bot.say(g.chat, g.alice, "/done")
    bot.at(MONDAY + timedelta(days=8), time(12))
    await bot.say(g.chat, g.alice, "/done")
    await bot.say(g.chat, g.bob, "/done")
    card = await bot.say_text(g.chat, g.alice, "/streak")
    assert f"🤝 With {BOB}: 1 day in a row" in card.split("\n")


async def test_the_bot_pairs_five_active_members_each_monday(
    bot: Harness, group: Group, tg: FakeTelegram
) -> None:
    g = group
    carol, dan = tg.add_user("Carol"), tg.add_user("Dan")
    for person in (carol, dan):
        tg.add_member(g.chat.id, person)
    everyone = (g.owner, g.alice, g.bob, carol, dan)
    bot.at(MONDAY, time(12))
    for person in everyone:
        await bot.say(g.chat, person, "/done")
    assert "Buddies paired by the bot: off" in await bot.say_text(g.chat, g.owner, "/settings")
    said = await bot.say_text(g.chat, g.owner, "/settings buddies weekly")
    assert said == "✅ Buddies paired by the bot is now each Monday."
    assert "/settings buddies weekly" in await bot.say_text(
        g.chat, g.owner, "/settings buddies maybe"
    )
    assert "admin" in await bot.say_text(g.chat, g.alice, "/settings buddies off")

    weeks = []
    for week in (1, 2):
        monday = MONDAY + timedelta(days=7 * week)
        bot.at(monday - timedelta(days=1), time(12))
        for person in everyone:
            await bot.say(g.chat, person, "/done")
        bot.at(monday, time(9))
        await bot.tick()
        [post] = [
            m
            for m in tg.bot_messages(g.chat.id)
            if "This week's buddies" in (m.text or "") and m.date >= bot.clock.now().timestamp()
        ]
        pairs = [line[2:].split(", ") for line in (post.text or "").split("\n")[1:-1]]
        assert sorted(len(pair) for pair in pairs) == [2, 3]  # an odd one joins a three
        assert sorted(name for pair in pairs for name in pair) == sorted(
            texts.format.isolate(p.first_name) for p in everyone
        )
        weeks.append(pairs)
        card = await bot.say_text(g.chat, carol, "/buddy")
        assert "The bot paired you for this week." in card
        await bot.tick()  # once a week only
        posts = [m for m in tg.bot_messages(g.chat.id) if "This week's buddies" in (m.text or "")]
        assert len(posts) == week
    # Five leave no pairing without a repeat (last week's three and two): one at most.
    first, second = ({frozenset(p) for p in week} for week in weeks)
    together = [{frozenset((a, b)) for p in w for a in p for b in p if a < b} for w in weeks]
    assert first != second
    assert len(together[0] & together[1]) <= 1
    assert "The bot paired you" in await bot.say_text(g.chat, dan, "/buddy")
    # One of the three leaves: the other two stay buddies.
    by_name = {texts.format.isolate(p.first_name): p for p in everyone}
    [three] = [pair for pair in weeks[1] if len(pair) == 3]
    leaving, staying, other = (by_name[name] for name in three)
    await bot.say(g.chat, leaving, "/buddy off")
    card = await bot.say_text(g.chat, staying, "/buddy")
    assert card.split("\n")[0] == f"🤝 Your buddy: {texts.format.isolate(other.first_name)}"
    await bot.say(g.chat, g.owner, "/settings buddies off")
    bot.at(MONDAY + timedelta(days=21), time(9))
    await bot.tick()
    posts = [m for m in tg.bot_messages(g.chat.id) if "This week's buddies" in (m.text or "")]
    assert len(posts) == 2


async def test_the_reminder_names_the_buddy_who_checked_in(
    bot: Harness, group: Group, tg: FakeTelegram
) -> None:
    g = group
    tg.send(g.bob.id, g.bob, "/start")
    await bot.deliver()
    bot.at(MONDAY, time(8))
    await _pair(bot, g.chat, g.alice, g.bob)
    for n in range(2):
        bot.at(MONDAY + timedelta(days=n), time(12))
        await bot.say(g.chat, g.alice, "/done")
        await bot.say(g.chat, g.bob, "/done")
    bot.at(MONDAY + timedelta(days=2), time(12))
    await bot.say(g.chat, g.alice, "/done")
    bot.at(MONDAY + timedelta(days=2), time(20))
    await bot.tick()
    [reminder] = [m for m in tg.bot_messages(g.bob.id) if m.buttons]
    assert f"🤝 {ALICE} has checked in already" in (reminder.text or "")


async def test_without_a_reminder_the_recap_mention_names_the_buddy(
    bot: Harness, group: Group
) -> None:
    g = group
    bot.at(MONDAY, time(8))
    await _pair(bot, g.chat, g.alice, g.bob)
    for n in range(2):
        bot.at(MONDAY + timedelta(days=n), time(12))
        await bot.say(g.chat, g.alice, "/done")
        await bot.say(g.chat, g.bob, "/done")
    bot.at(MONDAY + timedelta(days=2), time(12))
    await bot.say(g.chat, g.bob, "/done")
    bot.at(MONDAY + timedelta(days=2), time(21))
    await bot.tick()
    recap = bot.tg.bot_messages(g.chat.id)[-1].text or ""
    assert f"⏳ {ALICE} · 🤝 {BOB} has checked in already" in recap.split("\n")
    assert "Still time today" not in recap  # she is told on her own line


async def test_the_buddy_is_exported_and_forgetme_leaves_the_pair(
    bot: Harness, group: Group
) -> None:
    g = group
    await _pair(bot, g.chat, g.alice, g.bob)
    await bot.say(g.chat, g.bob, "/done")
    [sent] = await bot.say(g.chat, g.alice, "/export")
    assert sent.document is not None
    rows = list(csv.DictReader(io.StringIO(sent.document.decode("utf-8"))))
    assert [(r["kind"], r["note"]) for r in rows] == [("buddy", "Bob")]
    [prompt] = await bot.say(g.chat, g.alice, "/forgetme")
    await bot.press(g.chat, prompt, g.alice, _buttons(prompt)[0])
    assert "no buddy here yet" in await bot.say_text(g.chat, g.bob, "/buddy")
    assert "1 day" in await bot.say_text(g.chat, g.bob, "/streak")  # his own data stays
    # Bob is free to pair again.
    await _pair(bot, g.chat, g.bob, g.owner)
    assert f"🤝 Your buddy: {OLGA}" in await bot.say_text(g.chat, g.bob, "/buddy")


async def test_an_upgraded_group_keeps_its_pairs(
    bot: Harness, group: Group, tg: FakeTelegram
) -> None:
    basic = tg.add_group("Basic", creator=group.owner, supergroup=False)
    tg.add_member(basic.id, group.alice)
    tg.add_member(basic.id, group.bob)
    tg.add_bot(basic.id, by=group.owner)
    await bot.deliver()
    await _pair(bot, basic, group.alice, group.bob)
    new_id = tg.upgrade_to_supergroup(basic.id)
    await bot.deliver()
    upgraded = tg.chat(new_id)
    assert f"🤝 Your buddy: {BOB}" in await bot.say_text(upgraded, group.alice, "/buddy")


async def test_buddy_is_in_help_and_the_menus(bot: Harness, group: Group) -> None:
    assert "/buddy" in await bot.say_text(group.chat, group.alice, "/help")
    from bot.menus import ADMIN_COMMANDS, GROUP_COMMANDS

    assert "buddy" in GROUP_COMMANDS
    assert "buddy" in ADMIN_COMMANDS


async def test_pairs_on_both_sides_of_an_upgrade_are_merged(bot: Harness, tg: FakeTelegram) -> None:
    """Alice and Bob pair in the basic group; before the bot hears of the upgrade, Olga and
    Alice pair in the supergroup. Merged, Alice keeps her first buddy (one pair each), and
    Olga's pair, left with Olga alone, ends."""
    owner, alice, bob = tg.add_user("Olga"), tg.add_user("Alice"), tg.add_user("Bob")
    basic = tg.add_group("Runners", creator=owner, supergroup=False)
    for person in (alice, bob):
        tg.add_member(basic.id, person)
    tg.add_bot(basic.id, by=owner)
    await bot.deliver()
    await _pair(bot, basic, alice, bob)
    with tg.intercept() as held:
        new_id = tg.upgrade_to_supergroup(basic.id, by=owner)
    supergroup = tg.chat(new_id)
    await _pair(bot, supergroup, owner, alice)
    assert f"🤝 Your buddy: {OLGA}" in await bot.say_text(supergroup, alice, "/buddy")
    tg.release(held)
    await bot.deliver()
    assert f"🤝 Your buddy: {BOB}" in await bot.say_text(supergroup, alice, "/buddy")
    assert f"🤝 Your buddy: {ALICE}" in await bot.say_text(supergroup, bob, "/buddy")
    assert "no buddy here yet" in await bot.say_text(supergroup, owner, "/buddy")


async def test_the_weekly_pairing_keeps_the_pairs_members_chose(
    bot: Harness, group: Group, tg: FakeTelegram
) -> None:
    g = group
    carol = tg.add_user("Carol")
    tg.add_member(g.chat.id, carol)
    bot.at(MONDAY, time(12))
    await _pair(bot, g.chat, g.alice, g.bob)
    for person in (g.owner, g.alice, g.bob, carol):
        await bot.say(g.chat, person, "/done")
    await bot.say(g.chat, g.owner, "/settings cue 07:30")
    await bot.say(g.chat, g.owner, "/settings buddies weekly")
    bot.at(MONDAY + timedelta(days=7), time(7, 30))
    await bot.tick()
    [post] = [m for m in tg.bot_messages(g.chat.id) if "This week's buddies" in (m.text or "")]
    assert f"• {OLGA}, {texts.format.isolate('Carol')}" in (post.text or "").split("\n")
    card = await bot.say_text(g.chat, g.alice, "/buddy")
    assert card.split("\n")[0] == f"🤝 Your buddy: {BOB}"
    assert "The bot paired you" not in card


async def test_two_invitations_accepted_one_pair(bot: Harness, group: Group) -> None:
    """Bob accepts Olga's invitation, then Alice's: one buddy at a time, as the database
    decides."""
    g = group
    first = await _invite(bot, g.chat, g.alice, g.bob)
    second = await _invite(bot, g.chat, g.owner, g.bob)
    await bot.press(g.chat, second, g.bob, _buttons(second)[0])
    await bot.press(g.chat, first, g.bob, _buttons(first)[0])
    assert bot.tg.bot_messages(g.chat.id)[-1].text == f"{BOB} already has a buddy here: {OLGA}."
    assert "no buddy here yet" in await bot.say_text(g.chat, g.alice, "/buddy")
