"""/done, /done yesterday, /fail and /undo."""

from __future__ import annotations

from datetime import timedelta

from telegram import Message, Update

from bot import texts
from bot.domain.calendar import late_checkin_open, local_date
from bot.domain.parsing import command_text, split_first
from bot.domain.streaks import Mark
from bot.handlers.common import Context, GroupCall, group_call
from bot.handlers.telling import Told, tell
from bot.store.chats import rules_of
from bot.store.checkin_flow import CheckInOutcome, check_in
from bot.store.checkins import has_entry, source_seen, undo_latest
from bot.store.standings import standing_of


async def done(update: Update, context: Context) -> None:
    async with group_call(update, context, lock_member=True) as call:
        if call is None:
            return
        word, rest = split_first(command_text(call.message.text))
        if word == "yesterday":
            await _late(call, rest)
            return
        outcome = await _record(call, Mark.DONE, command_text(call.message.text))
        if outcome is not None:
            _answer(call, tell(call.user.first_name, outcome))


async def fail(update: Update, context: Context) -> None:
    async with group_call(update, context, lock_member=True) as call:
        if call is None:
            return
        outcome = await _record(call, Mark.FAIL, command_text(call.message.text))
        if outcome is not None:
            _answer(call, tell(call.user.first_name, outcome))


async def undo(update: Update, context: Context) -> None:
    async with group_call(update, context, lock_member=True) as call:
        if call is None:
            return
        today = call.day_key(call.message.date)
        rules = rules_of(call.chat)
        removed = await undo_latest(
            session=call.session, member=call.member, day=today, rules=rules
        )
        if removed is None:
            call.say(texts.UNDO_NOTHING)
            return
        seen = await standing_of(session=call.session, member=call.member, rules=rules, today=today)
        call.say(texts.undone(call.user.first_name, seen.current))


def _answer(call: GroupCall, told: Told) -> None:
    """The reaction on the member's message, and the reply (mergeable with others')."""
    call.react(told.reaction)
    call.say(told.text, confirmation=told.confirmation)


async def _record(call: GroupCall, mark: Mark, note: str) -> CheckInOutcome | None:
    """The check-in of this message; None if the same message was recorded before (it was
    answered then)."""
    moment = call.message.date
    outcome = await check_in(
        session=call.session,
        chat=call.chat,
        member=call.member,
        day=call.day_key(moment),
        mark=mark,
        note=texts.note(note),
        at=moment,
        source=_source(call),
        today=local_date(moment, call.zone),
        zone=call.zone_at(moment),
    )
    return None if outcome.duplicate else outcome


def _source(call: GroupCall) -> str:
    return message_source(call.message)


def message_source(message: Message) -> str:
    """What makes a message's entry unique: a redelivered update is the same entry."""
    return f"m:{message.chat_id}:{message.message_id}"


async def _late(call: GroupCall, note: str) -> None:
    """``/done yesterday``: accepted until 03:00 local, if yesterday has no check-in yet."""
    moment = call.message.date
    if not late_checkin_open(moment, call.zone):
        call.say(texts.LATE_TOO_LATE)
        return
    today = local_date(moment, call.zone)
    yesterday = today - timedelta(days=1)
    if await source_seen(session=call.session, source=_source(call)):
        return  # the same message delivered again: it was answered the first time
    if await has_entry(session=call.session, member_id=call.member.id, day=yesterday):
        call.say(texts.LATE_ALREADY)
        return
    outcome = await check_in(
        session=call.session,
        chat=call.chat,
        member=call.member,
        day=yesterday,
        mark=Mark.DONE,
        note=texts.note(note),
        at=moment,
        source=_source(call),
        today=today,
        zone=call.zone_at(moment),
        late=True,
    )
    if not outcome.duplicate:
        _answer(call, tell(call.user.first_name, outcome))
