"""/timezone [Area/City]: show or set a member's own time zone."""

from __future__ import annotations

from telegram import Update

from bot import texts
from bot.domain.calendar import UnknownZone, resolve_zone
from bot.domain.parsing import command_text
from bot.handlers.common import Context, group_call


async def timezone(update: Update, context: Context) -> None:
    async with group_call(update, context) as call:
        if call is None:
            return
        text = command_text(call.message.text)
        member = call.member
        if not text:
            zone = call.zone
            answer = texts.timezone_show(
                zone.key, texts.clock(call.now.astimezone(zone).time()), bool(member.timezone)
            )
        else:
            try:
                zone = resolve_zone(text)
            except UnknownZone as unknown:
                answer = texts.timezone_unknown(text, unknown.suggestions)
            else:
                if zone.key != call.zone.key:
                    # Kept so the day of the change can't count twice (bot.domain.calendar).
                    member.previous_timezone = call.zone.key
                    member.timezone_changed_at = call.now
                member.timezone = zone.key
                answer = texts.timezone_set(zone.key, texts.clock(call.now.astimezone(zone).time()))
        call.say(answer)
