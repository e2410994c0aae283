"""/streak: yours, or (as a reply) someone else's."""

from __future__ import annotations

from datetime import date, timedelta

from telegram import Message, Update, User

from bot import texts
from bot.domain.calendar import local_date
from bot.domain.streaks import Mark, Rules, consistency, counts, standing
from bot.handlers.common import Context, group_call, reply
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
            resting = {d for b in breaks for d in _days(max(b.start, since), min(b.end, today))}
            counting = {d for d, m in marks.items() if counts(m, rules)}
            on_break = next((b for b in breaks if today in b), None)
            answer = texts.streak_card(
                member.first_name,
                seen.current,
                seen.best,
                seen.freezes,
                _dots(marks, resting, rules, today),
                consistency(counting, today, CONSISTENCY_WINDOW),
                CONSISTENCY_WINDOW,
                seen.at_risk,
                (on_break.end + timedelta(days=1)).strftime("%a %d %b") if on_break else None,
            )
    await reply(call.message, answer)


def _days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def _dots(marks: dict[date, Mark], resting: set[date], rules: Rules, today: date) -> str:
    """The last days, oldest first: done, fail, rest or break, missed; today may be open."""
    dots = []
    for day in _days(today - timedelta(days=DOTS - 1), today):
        mark = marks.get(day)
        if mark is Mark.DONE:
            dots.append(texts.DOT_DONE)
        elif mark is Mark.FAIL and counts(mark, rules):
            dots.append(texts.DOT_FAIL)
        elif day in resting or day.weekday() in rules.rest_weekdays:
            dots.append(texts.DOT_REST)
        elif day == today:
            dots.append(texts.DOT_TODAY_OPEN)
        else:
            dots.append(texts.DOT_MISSED)
    return "".join(dots)
