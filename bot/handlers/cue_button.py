"""The ✅ button under the daily cue: one tap checks the presser in."""

from __future__ import annotations

from telegram import Message, Update

from bot import texts
from bot.domain.streaks import Mark
from bot.handlers.checkin import announcements
from bot.handlers.common import (
    Context,
    group_row,
    is_group,
    member_day,
    member_row,
    member_zone,
)
from bot.services import services
from bot.store.chats import rules_of
from bot.store.checkin_flow import check_in
from bot.store.db import session_scope
from bot.store.standings import standing_of


async def pressed_checkin(update: Update, context: Context) -> None:
    query = update.callback_query
    if query is None:
        return
    message = query.message
    if not isinstance(message, Message) or not is_group(message.chat):
        await query.answer(texts.PRESSED_ANONYMOUS)
        return
    user = query.from_user
    svc = services(context)
    # A press has no date of its own: it belongs to the moment the bot receives it.
    now = svc.clock.now()
    async with session_scope(svc.sessions) as session:
        chat = await group_row(session, message.chat, now, svc.default_zone)
        member = await member_row(session, chat, user, now, lock=True)
        day = member_day(member, member_zone(member, chat, svc.default_zone), now)
        outcome = await check_in(
            session=session,
            chat=chat,
            member=member,
            day=day,
            mark=Mark.DONE,
            note="",
            at=now,
            # One entry per cue, presser and day, however often the button is tapped.
            source=f"b:{message.chat.id}:{message.message_id}:{user.id}:{day.isoformat()}",
        )
        if outcome.counted:
            answer = texts.pressed_checked_in(outcome.state.current)
        else:
            seen = await standing_of(
                session=session, member=member, rules=rules_of(chat), today=day
            )
            answer = texts.pressed_already(seen.current)
        news = announcements(user.first_name, outcome) if outcome.counted else []
    await query.answer(answer)
    if news:
        await message.reply_text("\n".join(news), do_quote=False)
