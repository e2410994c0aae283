"""A month in the life of one bot process: every day check-ins, a /stats picture and an
/export file, the cue and the recap, and on Sundays the weekly picture. What the bot keeps
stays as small on the thirtieth day as on the tenth: the inbox holds the ids of the last two
days' updates and nothing else, the posts no picture, and the process's memory does not
grow with the days."""

from __future__ import annotations

import gc
import tracemalloc
from datetime import date, time, timedelta

from sqlalchemy import text

from bot.faketelegram import FakeTelegram
from bot.intake.inbox import KEEP_FINISHED
from tests.e2e.conftest import Group
from tests.e2e.harness import DAY0, Harness

DAYS = 30
UPDATES_A_DAY = 4  # two check-ins, a /stats, an /export
# The inbox keeps a finished update's id for KEEP_FINISHED; with today's, at most this many.
INBOX_ROWS_AT_MOST = (KEEP_FINISHED.days + 1) * UPDATES_A_DAY
# What the process's memory may grow by from day 10 to day 30: what Python allocated from day
# 10 on and still holds on day 30, the fake Telegram's records aside. Measured: 0.13 MB on
# SQLite, 0.26 MB on PostgreSQL (caches filling: compiled statements, prepared statements).
# A process that kept what each day brings (four updates and their answers: a 22 KB picture
# as base64 in its answer, a CSV file) would hold about 1 MB more by day 30: the bound lies
# between, with room for a busy machine's other caches.
MEMORY_GROWTH_AT_MOST = 750_000


async def _numbers(bot: Harness) -> dict[str, int]:
    """How much the inbox and the posts keep, after a turn of the inbox's upkeep."""
    await bot.tend_inbox()
    queries = {
        "inbox rows": "SELECT count(*) FROM inbox",
        "inbox bytes": "SELECT coalesce(sum(length(payload) + coalesce(length(reply), 0)), 0) "
        "FROM inbox",
        "unsent posts": "SELECT count(*) FROM posts WHERE state = 'pending'",
        "posts": "SELECT count(*) FROM posts",
        "pictures kept": "SELECT count(*) FROM posts WHERE photo IS NOT NULL",
    }
    found = {}
    async with bot.services.engine.connect() as conn:
        for name, query in queries.items():
            found[name] = int((await conn.execute(text(query))).scalar_one())
    return found


def _forget_what_telegram_keeps(tg: FakeTelegram) -> None:
    """Telegram keeps every message and file it was sent; the fake keeps them in this test's
    memory, which is measured: it forgets them each day, so that what grows is the bot's."""
    tg.files.clear()
    for chat in [*tg.chats.values(), *tg.private_chats.values()]:
        chat.messages.clear()


def _traced() -> int:
    gc.collect()
    return tracemalloc.get_traced_memory()[0]


async def _a_day(bot: Harness, g: Group, day: date) -> None:
    bot.at(day, time(9))
    await bot.tick()  # the cue
    bot.at(day, time(12))
    assert "day" in await bot.say_text(g.chat, g.alice, "/done")
    assert "day" in await bot.say_text(g.chat, g.bob, "/done")
    [picture] = await bot.say(g.chat, g.alice, "/stats")
    assert picture.photo
    [export] = await bot.say(g.chat, g.bob, "/export")
    assert export.document
    bot.at(day, time(18))
    await bot.tick()  # the weekly picture, on Sundays
    bot.at(day, time(21))
    await bot.tick()  # the recap


async def test_a_month_leaves_the_inbox_the_posts_and_the_memory_as_small_as_they_were(
    bot: Harness, group: Group, tg: FakeTelegram
) -> None:
    g = group
    await bot.say(g.chat, g.owner, "/settings weekly sun 18:00")
    seen: dict[int, dict[str, int]] = {}
    grown = 0
    try:
        for n in range(1, DAYS + 1):
            await _a_day(bot, g, DAY0 + timedelta(days=n))
            _forget_what_telegram_keeps(tg)
            if n == 10:
                seen[n] = await _numbers(bot)
                tracemalloc.start()
                before = _traced()
            elif n == DAYS:
                seen[n] = await _numbers(bot)
                grown = _traced() - before
    finally:
        tracemalloc.stop()
    weeklies = sum(1 for n in range(1, DAYS + 1) if (DAY0 + timedelta(days=n)).weekday() == 6)
    for n, numbers in seen.items():
        assert numbers["inbox rows"] <= INBOX_ROWS_AT_MOST, (n, numbers)
        assert numbers["inbox bytes"] == 0, (n, numbers)  # everything answered: ids only
        assert numbers["unsent posts"] == 0, (n, numbers)
        assert numbers["pictures kept"] == 0, (n, numbers)
    # A row a post (the welcome, a cue and a recap a day, the weekly pictures): text only.
    assert seen[DAYS]["posts"] == 1 + 2 * DAYS + weeklies
    assert grown < MEMORY_GROWTH_AT_MOST, f"{grown} bytes more on day {DAYS} than on day 10"
