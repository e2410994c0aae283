"""/top: current streaks, best streaks and the group streak."""

from __future__ import annotations

from telegram import Update

from bot import texts
from bot.domain.calendar import local_date
from bot.handlers.common import Context, group_call
from bot.store.chats import rules_of
from bot.store.members import members_of
from bot.store.reports import group_streaks
from bot.store.standings import standings_of

# Rows per list: enough for a small group, short enough for a phone.
TOP = 10


async def top(update: Update, context: Context) -> None:
    async with group_call(update, context) as call:
        if call is None:
            return
        today = local_date(call.now, call.group_zone)
        members = await members_of(session=call.session, chat_id=call.chat.id)
        seen = await standings_of(
            session=call.session, members=members, rules=rules_of(call.chat), today=today
        )
        streak = (
            await group_streaks(
                session=call.session, chats=[call.chat], today={call.chat.id: today}
            )
        )[call.chat.id]
        current = sorted(
            ((m.first_name, seen[m.id].current) for m in members if seen[m.id].current > 0),
            key=lambda row: (-row[1], row[0].lower()),
        )
        best = sorted(
            ((m.first_name, m.streak_best) for m in members if m.streak_best > 0),
            key=lambda row: (-row[1], row[0].lower()),
        )
        call.say(texts.leaderboard(streak, current[:TOP], best[:TOP]))
