"""/streak: yours, or (as a reply) someone else's."""

from __future__ import annotations

from datetime import timedelta

from telegram import Message, Update, User

from bot import texts
from bot.domain.calendar import local_date
from bot.domain.member_days import recent_kinds
from bot.domain.streaks import consistency, counts, standing
from bot.handlers.common import Context, group_call
from bot.store.breaks import breaks_between
from bot.store.chats import rules_of
from bot.store.checkins import marks_between
from bot.store.members import find_member, state_of

CONSISTENCY_WINDOW = 30
DOTS = 7


def _replied_person(message: Message) -> User | None:
    """Whose streak a reply asks for; a topic's first message is not a reply to a person."""
    target = message.reply_to_message
    if target is None or target.forum_topic_created is not None or target.sender_chat:
        return None
    return target.from_user


async def streak(update: Update, context: Context) -> None:
    async with group_call(update, context) as call:
        if call is None:
            return
        person = _replied_person(call.message) or call.user
        member = (
            call.member
            if person.id == call.user.id
            else await find_member(session=call.session, chat_id=call.chat.id, user_id=person.id)
        )
        if member is None or member.last_entry_day is None:
            answer = texts.no_checkins_yet(person.first_name, person.is_bot)
        else:
            today = local_date(call.now, call.zone_of(member))
            rules = rules_of(call.chat)
            state = state_of(member)
            since = today - timedelta(days=CONSISTENCY_WINDOW - 1)
            marks = await marks_between(
                session=call.session, member_id=member.id, since=since, until=today
            )
            # One read of the breaks serves the standing, the dots and "on a break".
            breaks = await breaks_between(
                session=call.session,
                member_id=member.id,
                start=min(since, state.last_day or since),
                end=today,
            )
            seen = standing(state, today, breaks, rules)
            counting = {d for d, m in marks.items() if counts(m, rules)}
            on_break = next((b for b in breaks if today in b), None)
            answer = texts.streak_card(
                member.first_name,
                seen.current,
                seen.best,
                seen.freezes,
                texts.dots(recent_kinds(marks, breaks, rules, today, DOTS)),
                consistency(counting, today, CONSISTENCY_WINDOW),
                CONSISTENCY_WINDOW,
                seen.at_risk,
                texts.short_date(on_break.end + timedelta(days=1)) if on_break else None,
            )
        call.say(answer)
