"""The inbox keeps each update from its receipt until it is handled and answered, and no
longer: every answer is marked once sent (a reaction too), what a finished update carried
goes at once, a person who asked to be forgotten leaves nothing in it, and a restart handles
whatever was left, however much."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlalchemy import text

from bot.clock import ManualClock
from bot.faketelegram import Chat, FakeTelegram, User
from bot.store import inbox as store
from bot.store.db import make_engine, make_session_factory, session_scope
from tests.answers import answered, count_reactions
from tests.e2e.harness import START, start_harness, stop_harness

UNFINISHED = (
    "SELECT count(*) FROM inbox WHERE handled_at IS NULL "
    "OR (reply IS NOT NULL AND replied_at IS NULL)"
)


async def scalar(database_url: str, sql: str, **values: object) -> int:
    """One number from the bot's database."""
    engine = make_engine(database_url)
    try:
        async with engine.connect() as conn:
            return int((await conn.execute(text(sql), values)).scalar_one())
    finally:
        await engine.dispose()


async def test_an_answer_that_is_only_a_reaction_is_marked_sent(
    tg: FakeTelegram, database_url: str, clock: ManualClock
) -> None:
    bot = await start_harness(tg, database_url, clock)
    owner, alice, bob = tg.add_user("Olga"), tg.add_user("Alice"), tg.add_user("Bob")
    chat = tg.add_group("Runners", creator=owner)
    tg.add_member(chat.id, alice)
    tg.add_member(chat.id, bob)
    tg.add_bot(chat.id, by=owner)
    done = tg.send(chat.id, bob, "/done 5k")
    await bot.deliver()
    assert await bot.say(chat, alice, "/cheer", reply_to=done.message_id) == []
    assert done.reactions
    await stop_harness(bot)  # a graceful stop writes every mark
    assert await scalar(database_url, UNFINISHED) == 0


WAITING = 1_200
GROUPS = 21
# One update in this many is a check-in, spread over every batch and every group (the two
# numbers share no divisor); the others are plain messages (the bot reads every message: it
# has no privacy mode here), handled by nothing.
EVERY = 20


def _checks_in(n: int) -> bool:
    return n % EVERY == EVERY - 1


async def _left_by_a_dead_process(
    database_url: str, tg: FakeTelegram, chats: list[Chat]
) -> list[User]:
    """``WAITING`` updates kept in the inbox and never handled, as a process killed right
    after keeping them leaves them once its hold ran out; the members who checked in."""
    tg.bot().privacy_mode = False
    people = [tg.add_user(f"Member{n:04d}") for n in range(WAITING)]
    with tg.intercept() as caught:
        for n, person in enumerate(people):
            tg.add_member(chats[n % GROUPS].id, person)
            tg.send(chats[n % GROUPS].id, person, "/done" if _checks_in(n) else "hi")
    waiting = [u for u in caught if u.kind == "message" and "text" in u.payload]
    assert len(waiting) == WAITING
    received = [
        store.Received(
            u.update_id, u.payload["chat"]["id"], u.payload["from"]["id"], json.dumps(u.to_json())
        )
        for u in waiting
    ]
    dead = store.Hold("a process that died", datetime(2000, 1, 1, tzinfo=UTC))
    engine = make_engine(database_url)
    try:
        async with session_scope(make_session_factory(engine)) as session:
            await store.accept(session=session, updates=received, now=START, hold=dead)
    finally:
        await engine.dispose()
    return [person for n, person in enumerate(people) if _checks_in(n)]


async def test_a_restart_handles_every_update_left_however_many(
    tg: FakeTelegram, database_url: str, clock: ManualClock
) -> None:
    bot = await start_harness(tg, database_url, clock)
    owner = tg.add_user("Olga")
    chats = [tg.add_group(f"Group {n}", creator=owner) for n in range(GROUPS)]
    for chat in chats:
        tg.add_bot(chat.id, by=owner)
    await bot.deliver()
    await stop_harness(bot)
    checked_in = await _left_by_a_dead_process(database_url, tg, chats)

    restarted = await start_harness(tg, database_url, clock)  # it settles: all handled
    await restarted.pass_time(seconds=5)  # Telegram's 30 messages a second
    await stop_harness(restarted)  # with the marks of the last half second written
    assert await scalar(database_url, "SELECT count(*) FROM checkins") == len(checked_in)
    assert await scalar(database_url, UNFINISHED) == 0
    assert answered(tg, chats, checked_in) == {m.first_name: 1 for m in checked_in}


async def test_a_person_forgotten_leaves_nothing_in_the_inbox(
    tg: FakeTelegram, database_url: str, clock: ManualClock
) -> None:
    """What they sent the group, and the answers to it, go with the rest of their data;
    what others sent stays."""
    bot = await start_harness(tg, database_url, clock)
    try:
        owner, alice, bob = tg.add_user("Olga"), tg.add_user("Alice"), tg.add_user("Bob")
        chat = tg.add_group("Runners", creator=owner)
        tg.add_member(chat.id, alice)
        tg.add_member(chat.id, bob)
        tg.add_bot(chat.id, by=owner)
        for person in (alice, bob):
            await bot.say(chat, person, "/done 5k")
            await bot.say(chat, person, "/stats")
        [prompt] = await bot.say(chat, alice, "/forgetme")
        [[(_, data)]] = prompt.buttons
        assert data is not None
        assert "deleted" in await bot.press(chat, prompt, alice, data)
        kept = "SELECT count(*) FROM inbox WHERE chat_id = :chat AND user_id = :person"
        assert await scalar(database_url, kept, chat=chat.id, person=alice.id) == 0
        assert await scalar(database_url, kept, chat=chat.id, person=bob.id) == 2
    finally:
        await stop_harness(bot)


BUSY = 30


async def test_a_stop_keeps_only_what_is_left_of_an_answer_partly_sent(
    tg: FakeTelegram, database_url: str, clock: ManualClock
) -> None:
    """Thirty check-ins in one group: each gets its reaction at once, but only twenty
    messages go within the group's minute. The bot is stopped then, and started again: the
    answers it owed are sent, and no check-in gets its reaction twice."""
    reactions = count_reactions(tg)
    bot = await start_harness(tg, database_url, clock)
    owner = tg.add_user("Olga")
    chat = tg.add_group("Busy", creator=owner)
    members = [tg.add_user(f"Member{n:02d}") for n in range(BUSY)]
    for member in members:
        tg.add_member(chat.id, member)
    tg.add_bot(chat.id, by=owner)
    checkins = [tg.send(chat.id, member, "/done") for member in members]
    await bot.deliver()
    assert len(reactions) == BUSY
    owed = BUSY - sum(answered(tg, [chat], members).values())
    assert owed > 0, "nothing waited for the group's minute"
    await stop_harness(bot)

    restarted = await start_harness(tg, database_url, clock)
    try:
        await restarted.pass_time(minutes=2)
    finally:
        await stop_harness(restarted)
    assert answered(tg, [chat], members) == {m.first_name: 1 for m in members}
    assert reactions == {(chat.id, checkin.message_id): 1 for checkin in checkins}
