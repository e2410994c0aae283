"""/goal and /goals."""

from __future__ import annotations

from telegram import Update

from bot import texts
from bot.domain.calendar import local_date
from bot.domain.parsing import command_text
from bot.handlers.common import Context, group_call
from bot.store.chats import rules_of
from bot.store.goals import achieve_goal, achieved_count, group_goals, open_goal, set_goal
from bot.store.standings import standings_of


async def goal(update: Update, context: Context) -> None:
    async with group_call(update, context) as call:
        if call is None:
            return
        text = command_text(call.message.text)
        member_id, first_name = call.member.id, call.user.first_name
        if not text:
            current = await open_goal(session=call.session, member_id=member_id)
            answer = (
                texts.goals.goal_show(first_name, current.text)
                if current
                else texts.goals.no_goal()
            )
        elif text.lower() == "done":
            reached = await achieve_goal(session=call.session, member_id=member_id, now=call.now)
            if reached is None:
                answer = texts.goals.no_goal_to_finish()
            else:
                total = await achieved_count(session=call.session, member_id=member_id)
                answer = texts.goals.goal_reached(first_name, reached.text, total)
        elif len(text) > texts.goals.GOAL_MAX_CHARS:
            answer = texts.goals.goal_too_long(len(text))
        else:
            await set_goal(session=call.session, member_id=member_id, text=text, now=call.now)
            answer = texts.goals.goal_set(first_name, text)
        call.say(answer)


async def goals(update: Update, context: Context) -> None:
    async with group_call(update, context) as call:
        if call is None:
            return
        rows = await group_goals(session=call.session, chat_id=call.chat.id)
        today = local_date(call.now, call.group_zone)
        seen = await standings_of(
            session=call.session,
            members=[member for member, _ in rows],
            rules=rules_of(call.chat),
            today=today,
        )
        listed = sorted(
            ((m.first_name, g.text, seen[m.id].current) for m, g in rows),
            key=lambda row: (-row[2], row[0].lower()),
        )
        call.say(texts.goals.goals_list(listed))
