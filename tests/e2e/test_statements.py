"""What a /done costs the database, counted so it can't creep back up."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import event

from tests.e2e.conftest import Group
from tests.e2e.harness import Harness

# Not the /done's own: the inbox keeping the update on receipt, marking it answered in
# batches and its upkeep (renewing its hold, looking for what dead replicas left, forgetting
# what is done with), and the pool checking a connection before lending it (PostgreSQL).
_BOOKKEEPING = re.compile(
    r"^(INSERT INTO inbox\b|UPDATE inbox SET .* WHERE inbox.update_id IN"
    r"|UPDATE inbox SET leased_until=.* WHERE inbox.leased_until IS NOT NULL"
    r"|SELECT inbox.update_id, inbox.handled_at IS NOT NULL|DELETE FROM inbox\b"
    r"|SELECT 1\b|BEGIN|COMMIT|ROLLBACK)",
    re.IGNORECASE,
)


async def _statements_of(bot: Harness, group: Group, text: str) -> list[str]:
    seen: list[str] = []

    def record(*args: Any) -> None:
        seen.append(" ".join(str(args[2]).split()))

    engine = bot.services.engine.sync_engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        await bot.say(group.chat, group.alice, text)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return [s for s in seen if not _BOOKKEEPING.match(s)]


async def test_a_normal_days_checkin_takes_at_most_five_statements(
    bot: Harness, group: Group
) -> None:
    await bot.say(group.chat, group.alice, "/done")
    bot.next_day()
    statements = await _statements_of(bot, group, "/done second day")
    assert len(statements) <= 5, "\n".join(statements)
    assert not any(s.startswith("SELECT targets") for s in statements), "nobody has a target"


async def test_a_weekly_members_checkin_reads_their_target(bot: Harness, group: Group) -> None:
    await bot.say(group.chat, group.alice, "/target 3")
    await bot.say(group.chat, group.alice, "/done")
    bot.next_day()
    statements = await _statements_of(bot, group, "/done second day")
    assert any(s.startswith("SELECT targets") for s in statements)
    # One more where the day starts a new week: the week's breaks are read.
    assert len(statements) <= 7, "\n".join(statements)
