"""The bot's weekly pairing of buddies (``/settings buddies weekly``): each Monday, the
group's active members are paired anew (bot.domain.buddies.weekly_pairs) and the pairs are
announced.

It runs in the tick's transaction that records the announcement as a post (intent first):
the pairs and their post are written together, once per group and week. Pairs the members
chose themselves (an accepted ``/buddy``) are kept, and their members are left out; the
bot's pairs of last week end, and nobody gets last week's buddy again where the group
allows it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.actions.figures import today_of
from bot.actions.posting import Due
from bot.actions.uow import GroupInfo, UnitOfWork
from bot.domain.buddies import weekly_pairs
from bot.domain.groups import is_active
from bot.domain.weekly import week_of
from bot.store.buddies import by_member, end_pair, make_pair, pairs_in
from bot.store.members import members_of


@dataclass(frozen=True, slots=True)
class PairsFacts:
    group: GroupInfo
    pairs: list[list[str]]  # the names in each new pair

    @property
    def left_out(self) -> bool:
        """Nobody to pair (fewer than two active members): nothing is posted."""
        return not self.pairs


async def pair_anew(uow: UnitOfWork, dues: Sequence[Due]) -> dict[int, PairsFacts]:
    """Pair each group's active members for the week (by chat row id)."""
    found = {}
    for due in dues:
        chat = due.chat
        current = await pairs_in(session=uow.session, chat_ids=[chat.id])
        chosen = {m.id for pair in current if not pair.row.by_bot for m in pair.members}
        last_week = by_member(pair for pair in current if pair.row.by_bot)
        for pair in current:
            if pair.row.by_bot:
                await end_pair(session=uow.session, pair_id=pair.row.id)
        members = {
            m.id: m
            for m in await members_of(session=uow.session, chat_id=chat.id)
            if m.id not in chosen and is_active(m.last_entry_day, today_of(uow, m, chat))
        }
        # The seed makes a replay of the same week pair alike.
        seed = chat.id * 100_003 + week_of(due.day).toordinal()
        names = []
        for ids in weekly_pairs(list(members), last_week, seed):
            await make_pair(
                session=uow.session, chat_id=chat.id, member_ids=ids, now=uow.now, by_bot=True
            )
            names.append([members[i].first_name for i in ids])
        found[chat.id] = PairsFacts(due.group, names)
    return found
