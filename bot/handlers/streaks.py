"""/streak: yours, or (as a reply) someone else's: the streak, the record of never missing
twice, the cheers received."""

from __future__ import annotations

from datetime import timedelta

from telegram import Update

from bot import texts
from bot.domain.calendar import local_date
from bot.domain.comebacks import never_miss_twice
from bot.domain.member_days import recent_kinds
from bot.domain.streaks import consistency, counts, standing
from bot.handlers.common import Context, group_call
from bot.store.breaks import member_breaks
from bot.store.chats import rules_of
from bot.store.checkins import history
from bot.store.members import state_of

CONSISTENCY_WINDOW = 30
DOTS = 7


async def streak(update: Update, context: Context) -> None:
    async with group_call(update, context) as call:
        if call is None:
            return
        person, member = await call.asked_about()
        if member is None or member.last_entry_day is None:
            answer = texts.streaks.no_checkins_yet(person.first_name, person.is_bot)
        else:
            today = local_date(call.now, call.zone_of(member))
            rules = rules_of(call.chat)
            state = state_of(member)
            since = today - timedelta(days=CONSISTENCY_WINDOW - 1)
            # The whole history: "never miss twice" is a record over all of it.
            days = await history(session=call.session, member_id=member.id)
            marks = {day: mark for day, mark in days.items() if since <= day <= today}
            # One read of the breaks serves the standing, the dots, the record and "on a break".
            breaks = await member_breaks(session=call.session, member_id=member.id)
            seen = standing(state, today, breaks, rules)
            counting = {d for d, m in days.items() if counts(m, rules)}
            on_break = next((b for b in breaks if today in b), None)
            card = texts.streaks.streak_card(
                member.first_name,
                seen.current,
                seen.best,
                seen.freezes,
                texts.streaks.dots(recent_kinds(marks, breaks, rules, today, DOTS)),
                consistency(counting, today, CONSISTENCY_WINDOW),
                CONSISTENCY_WINDOW,
                seen.at_risk,
                texts.format.short_date(on_break.end + timedelta(days=1)) if on_break else None,
            )
            record = never_miss_twice(counting, breaks, rules, today)
            lines = [card, texts.encouragement.never_miss_twice(record.current, record.best)]
            if member.cheers_received:
                lines.append(texts.encouragement.cheers_received(member.cheers_received))
            answer = "\n".join(lines)
        call.say(answer)
