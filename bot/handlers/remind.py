"""/remind on|off: whether the evening recap may mention you when your streak is at risk."""

from __future__ import annotations

from telegram import Update

from bot import texts
from bot.domain.parsing import command_text, switch
from bot.handlers.common import Context, group_call


async def remind(update: Update, context: Context) -> None:
    async with group_call(update, context) as call:
        if call is None:
            return
        word = command_text(call.message.text)
        on = call.member.remind if not word else switch(word)
        if on is None:
            answer = texts.REMIND_USAGE
        else:
            call.member.remind = on
            answer = texts.remind_state(on)
        call.say(answer)
