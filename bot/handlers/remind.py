"""/remind on|off|HH:MM: the "streak at risk" reminder.

Someone who started the bot in a private chat gets it there, at their own hour
(bot.jobs.reminders); anyone else is mentioned in the group's evening recap. In a group,
``on``/``off`` is about that group; in the private chat, about all of the person's groups.
``HH:MM`` chooses the hour (for all groups, and turns it on where it is said). ``/remind``
alone shows the state.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Update

from bot import i18n, texts
from bot.domain.parsing import clock_time, command_text, switch
from bot.handlers.common import Context, GroupCall, group_call, is_group, unit_of_work
from bot.store.models import Person
from bot.store.people import ensure_person, memberships, reschedule_reminder, started
from bot.store.private import remember_started


async def remind(update: Update, context: Context) -> None:
    if not is_group(update.effective_chat):
        await _private(update, context)
        return
    async with group_call(update, context) as call:
        if call is None:
            return
        word = command_text(call.message.text)
        hour = clock_time(word) if word else None
        on = switch(word) if word else call.member.remind
        if hour is None and on is None:
            call.say(texts.reminders.remind_usage_hour())
            return
        person = await ensure_person(
            session=call.session,
            user_id=call.user.id,
            language=i18n.of_app(call.user.language_code),
        )
        if hour is not None:
            person.remind_at, on = hour, True
        assert on is not None
        call.member.remind = on
        zone = await _scheduled(call.session, person, call)
        if await started(session=call.session, user_id=call.user.id):
            call.say(texts.reminders.remind_private(on, person.remind_at, zone.key))
        elif on:
            link = f"https://t.me/{context.bot.username}?start=remind"
            call.say(
                texts.reminders.remind_state(True)
                + "\n"
                + texts.reminders.remind_start_privately(link)
            )
        else:
            call.say(texts.reminders.remind_state(False))


async def _scheduled(session: AsyncSession, person: Person, call: GroupCall) -> ZoneInfo:
    await session.flush()  # the member's choice is part of what is judged
    return await reschedule_reminder(
        session=session, person=person, now=call.now, default=call.services.default_zone
    )


async def _private(update: Update, context: Context) -> None:
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    async with unit_of_work(context) as work:
        word = command_text(message.text)
        hour = clock_time(word) if word else None
        on = switch(word) if word else None
        if word and hour is None and on is None:
            work.reply(message, texts.reminders.remind_usage_hour())
            return
        # Writing to the bot in private starts it, as /start does.
        await remember_started(session=work.session, user_id=user.id, now=work.now)
        person = await ensure_person(
            session=work.session, user_id=user.id, language=i18n.of_app(user.language_code)
        )
        rows = await memberships(session=work.session, user_id=user.id)
        if hour is not None:
            person.remind_at = hour
        if on is not None:
            for member, _ in rows:
                member.remind = on
        zone = await reschedule_reminder(
            session=work.session, person=person, now=work.now, default=work.services.default_zone
        )
        if on is not None:
            answer = (
                texts.reminders.remind_all(on, len(rows))
                if rows
                else texts.reminders.no_group_yet()
            )
        elif hour is not None:
            answer = texts.reminders.remind_hour_set(hour, zone.key)
        else:
            groups_on = sum(member.remind for member, _ in rows)
            answer = texts.reminders.remind_overview(
                groups_on, len(rows), person.remind_at, zone.key
            )
        work.reply(message, answer)
