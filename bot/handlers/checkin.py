"""/done, /done yesterday, /fail and /undo."""

from __future__ import annotations

from datetime import timedelta

from telegram import Update

from bot import texts
from bot.domain.calendar import late_checkin_open, local_date
from bot.domain.parsing import command_text, split_first
from bot.domain.streaks import Mark
from bot.handlers.common import Context, GroupCall, group_call, react, reply
from bot.store.chats import rules_of
from bot.store.checkin_flow import CheckInOutcome, check_in
from bot.store.checkins import has_entry, source_seen, undo_latest
from bot.store.standings import standing_of


async def done(update: Update, context: Context) -> None:
    answer, reaction = None, None
    async with group_call(update, context, lock_member=True) as call:
        if call is None:
            return
        if await source_seen(session=call.session, source=_source(call)):
            return  # the same message delivered again: it was answered the first time
        word, rest = split_first(command_text(call.message.text))
        if word == "yesterday":
            answer, counted = await _late(call, rest)
            reaction = "👍" if counted else None
        else:
            outcome = await _record(call, Mark.DONE, command_text(call.message.text))
            if outcome.duplicate:
                return
            answer = outcome_text(call.user.first_name, outcome, Mark.DONE)
            reaction = _reaction(outcome)
    if reaction:
        await react(call.message, reaction)
    await reply(call.message, answer)


async def fail(update: Update, context: Context) -> None:
    async with group_call(update, context, lock_member=True) as call:
        if call is None:
            return
        if await source_seen(session=call.session, source=_source(call)):
            return
        outcome = await _record(call, Mark.FAIL, command_text(call.message.text))
        if outcome.duplicate:
            return
        answer = outcome_text(call.user.first_name, outcome, Mark.FAIL)
    await react(call.message, "🤗")
    await reply(call.message, answer)


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
            answer = texts.UNDO_NOTHING
        else:
            seen = await standing_of(
                session=call.session, member=call.member, rules=rules, today=today
            )
            answer = texts.undone(call.user.first_name, seen.current)
    await reply(call.message, answer)


async def _record(call: GroupCall, mark: Mark, note: str) -> CheckInOutcome:
    moment = call.message.date
    return await check_in(
        session=call.session,
        chat=call.chat,
        member=call.member,
        day=call.day_key(moment),
        mark=mark,
        note=note,
        at=moment,
        source=_source(call),
    )


def _source(call: GroupCall) -> str:
    """What makes a message's entry unique: a redelivered update is the same entry."""
    return f"m:{call.message.chat_id}:{call.message.message_id}"


async def _late(call: GroupCall, note: str) -> tuple[str, bool]:
    """``/done yesterday``: the answer, and whether yesterday now counts."""
    moment = call.message.date
    if not late_checkin_open(moment, call.zone):
        return texts.LATE_TOO_LATE, False
    yesterday = local_date(moment, call.zone) - timedelta(days=1)
    if await has_entry(session=call.session, member_id=call.member.id, day=yesterday):
        return texts.LATE_ALREADY, False
    outcome = await check_in(
        session=call.session,
        chat=call.chat,
        member=call.member,
        day=yesterday,
        mark=Mark.DONE,
        note=note,
        at=moment,
        source=_source(call),
        late=True,
    )
    return texts.late_checked_in(call.user.first_name, outcome.state.current), True


def _reaction(outcome: CheckInOutcome) -> str:
    if outcome.milestone or outcome.new_best:
        return "🎉"
    return "🔥" if outcome.state.current >= 3 else "👍"


def outcome_text(first_name: str, outcome: CheckInOutcome, mark: Mark) -> str:
    """The reply to a check-in: the streak, then whatever the group should hear."""
    state = outcome.state
    if mark is Mark.FAIL:
        head = texts.failed(first_name, outcome.counted, state.current)
    elif outcome.counted:
        head = texts.checked_in(first_name, state.current, state.best)
    else:
        head = texts.already_today(first_name, state.current)
    return "\n".join([head, *announcements(first_name, outcome)])


def announcements(first_name: str, outcome: CheckInOutcome) -> list[str]:
    """What the group should hear about a check-in beyond the streak itself."""
    state = outcome.state
    lines: list[str] = []
    if outcome.back_from_break:
        lines.append(texts.welcome_back(first_name, state.current, state.best))
    if outcome.freezes_used:
        lines.append(texts.freezes_saved(outcome.freezes_used, state.current - 1))
    if outcome.streak_broken >= 2:
        lines.append(texts.streak_lost(outcome.streak_broken))
    if outcome.milestone:
        lines.append(texts.milestone(first_name, outcome.milestone))
    if outcome.new_best:
        lines.append(texts.new_best(first_name, state.current))
    return lines
