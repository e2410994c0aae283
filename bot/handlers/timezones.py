"""/timezone [Area/City]: show or set your own time zone.

Your own zone is kept per person and per group membership. In a group it is set for your
check-ins there, and becomes the zone of your private reminder. In the private chat it is
set for your check-ins in every group you're in, and for your reminder (bot.domain.reminders
says which zone a reminder uses when none was chosen).
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from telegram import Update

from bot import i18n, texts
from bot.domain.calendar import UnknownZone, resolve_zone
from bot.domain.parsing import command_text
from bot.handlers.common import Context, group_call, is_group, member_zone, unit_of_work
from bot.store.models import Member
from bot.store.people import ensure_person, memberships, reschedule_reminder
from bot.store.private import remember_started


async def timezone(update: Update, context: Context) -> None:
    if not is_group(update.effective_chat):
        await _private(update, context)
        return
    async with group_call(update, context) as call:
        if call is None:
            return
        text = command_text(call.message.text)
        member = call.member
        if not text:
            zone = call.zone
            answer = texts.timezones.timezone_show(
                zone.key,
                texts.format.clock(call.now.astimezone(zone).time()),
                bool(member.timezone),
            )
        else:
            try:
                zone = resolve_zone(text)
            except UnknownZone as unknown:
                answer = texts.timezones.timezone_unknown(text, unknown.suggestions)
            else:
                move_member(member, call.zone, zone, call.now)
                person = await ensure_person(
                    session=call.session,
                    user_id=call.user.id,
                    language=i18n.of_app(call.user.language_code),
                )
                person.timezone = zone.key
                await reschedule_reminder(
                    session=call.session,
                    person=person,
                    now=call.now,
                    default=call.services.default_zone,
                )
                answer = texts.timezones.timezone_set(
                    zone.key, texts.format.clock(call.now.astimezone(zone).time())
                )
        call.say(answer)


def move_member(member: Member, current: ZoneInfo, zone: ZoneInfo, now: datetime) -> None:
    """The member's check-ins count by ``zone`` from now on."""
    if zone.key != current.key:
        # Kept so the day of the change can't count twice (bot.domain.calendar).
        member.previous_timezone = current.key
        member.timezone_changed_at = now
    member.timezone = zone.key


async def _private(update: Update, context: Context) -> None:
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    async with unit_of_work(context) as work:
        default = work.services.default_zone
        await remember_started(session=work.session, user_id=user.id, now=work.now)
        person = await ensure_person(
            session=work.session, user_id=user.id, language=i18n.of_app(user.language_code)
        )
        rows = await memberships(session=work.session, user_id=user.id)
        text = command_text(message.text)
        if not text:
            zone = await reschedule_reminder(
                session=work.session, person=person, now=work.now, default=default
            )
            local = texts.format.clock(work.now.astimezone(zone).time())
            answer = (
                texts.timezones.timezone_show(zone.key, local, True)
                if person.timezone
                else texts.timezones.timezone_private_unset(zone.key, local)
            )
        else:
            try:
                zone = resolve_zone(text)
            except UnknownZone as unknown:
                answer = texts.timezones.timezone_unknown(text, unknown.suggestions)
            else:
                for member, chat in rows:
                    move_member(member, member_zone(member, chat, default), zone, work.now)
                person.timezone = zone.key
                await reschedule_reminder(
                    session=work.session, person=person, now=work.now, default=default
                )
                local = texts.format.clock(work.now.astimezone(zone).time())
                answer = (
                    texts.timezones.timezone_set(zone.key, local)
                    + "\n"
                    + texts.timezones.timezone_everywhere(len(rows))
                )
        work.reply(message, answer)
