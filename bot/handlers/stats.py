"""/stats: a picture of a member's last year (yours, or as a reply theirs), or with
``/stats group`` the group's.

A member's year is judged on their own today (the zone their check-ins count by: their own,
else the group's), from their whole history, so its figures are those /streak shows. The
group's year is judged on the group's today, from its members' entries in the window and
the 14 days before it that "active" needs; its group streak is the one /top shows (which may
be older than the window).
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import timedelta

from telegram import Update

from bot import texts
from bot.domain.calendar import local_date
from bot.domain.group_days import group_year
from bot.domain.groups import ACTIVE_DAYS
from bot.domain.member_days import YEAR_DAYS, member_year
from bot.domain.parsing import command_text
from bot.handlers.common import Context, GroupCall, group_call
from bot.render import year_heatmap
from bot.store.breaks import member_breaks
from bot.store.chats import rules_of
from bot.store.checkins import history
from bot.store.histories import group_histories
from bot.store.reports import group_streaks


async def stats(update: Update, context: Context) -> None:
    async with group_call(update, context) as call:
        if call is None:
            return
        word = command_text(call.message.text).lower()
        if word == "group":
            await _group(call)
        elif word:
            call.say(texts.stats.stats_usage())
        else:
            await _member(call)


async def _member(call: GroupCall) -> None:
    person, member = await call.asked_about()
    if member is None or member.last_entry_day is None:
        call.say(texts.streaks.no_checkins_yet(person.first_name, person.is_bot))
        return
    today = local_date(call.now, call.zone_of(member))
    year = member_year(
        await history(session=call.session, member_id=member.id),
        await member_breaks(session=call.session, member_id=member.id),
        rules_of(call.chat),
        today,
        cheers=member.cheers_received,
    )
    # Drawing takes a few tens of milliseconds: off the event loop, other chats go on. The
    # words are taken here: the thread does not see this update's language.
    words = texts.pictures.picture_words()
    picture = await asyncio.to_thread(year_heatmap, year, title=member.first_name, words=words)
    figures = year.figures
    caption = texts.stats.stats_caption(
        member.first_name,
        figures.current_streak,
        figures.best_streak,
        figures.consistency,
        figures.consistency_window,
        figures.cheers,
    )
    call.work.reply(call.message, caption, photo=picture)


async def _group(call: GroupCall) -> None:
    chat = call.chat
    today = local_date(call.now, call.group_zone)
    first = today - timedelta(days=YEAR_DAYS - 1)
    histories = await group_histories(
        session=call.session,
        chat_id=chat.id,
        since=first - timedelta(days=ACTIVE_DAYS),
        until=today,
    )
    year = group_year(histories, rules_of(chat), today, share_percent=chat.group_share)
    streaks = await group_streaks(session=call.session, chats=[chat], today={chat.id: today})
    year = replace(year, figures=replace(year.figures, group_streak=streaks[chat.id]))
    words = texts.pictures.picture_words()
    picture = await asyncio.to_thread(year_heatmap, year, title=chat.title, words=words)
    caption = texts.stats.group_stats_caption(
        chat.title, year.figures.group_streak, year.figures.active_today
    )
    call.work.reply(call.message, caption, photo=picture)
