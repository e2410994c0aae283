"""/break Nd [reason]: time off without losing the streak."""

from __future__ import annotations

from datetime import timedelta

from telegram import Update

from bot import texts
from bot.domain.calendar import local_date
from bot.domain.parsing import break_length, command_text, split_first
from bot.handlers.common import Context, group_call
from bot.outbox.split import shorten
from bot.store.breaks import start_break


async def take_break(update: Update, context: Context) -> None:
    async with group_call(update, context) as call:
        if call is None:
            return
        word, reason = split_first(command_text(call.message.text))
        reason = shorten(reason, texts.goals.GOAL_MAX_CHARS)
        days_off = break_length(word, call.chat.max_break_days)
        if days_off is None:
            answer = texts.streaks.break_usage(call.chat.max_break_days)
        else:
            today = local_date(call.message.date, call.zone)
            # Today already counts once checked in: the break then starts tomorrow.
            checked_in = call.member.last_entry_day is not None and (
                call.member.last_entry_day >= today
            )
            row = await start_break(
                session=call.session,
                member=call.member,
                start=today + timedelta(days=1) if checked_in else today,
                days=days_off,
                reason=reason,
                now=call.now,
            )
            back = texts.format.short_date(row.end_day + timedelta(days=1))
            answer = texts.streaks.break_started(call.user.first_name, days_off, back, reason)
        call.say(answer)
