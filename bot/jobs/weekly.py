"""The optional weekly picture: a group's week, and who beat their own best week.

Called by the scheduler's tick. Groups whose weekly picture is due are claimed a few at a
time (each moved to its next week in the same transaction, bot.store.schedule); the picture
is drawn and claimed as a post of kind "weekly" keyed by the Monday of its week, so a group
gets at most one a calendar week whatever the replicas, restarts or changes of day. It is
sent after the transaction through the posts' outbox (retried within its window); one more
than two hours late is skipped. Members who left the board (``/top hide``) count in the
group's figures but are not named.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot import i18n, texts
from bot.domain.calendar import local_date
from bot.domain.weekly import shown_week_last_day, week_of
from bot.domain.weeks import GroupWeek, group_week
from bot.outbox import posts
from bot.outbox.split import MAX_CAPTION, telegram_length
from bot.render import week_picture
from bot.services import Services
from bot.store.chats import rules_of, zone_of
from bot.store.db import session_scope
from bot.store.histories import named_histories
from bot.store.models import Chat
from bot.store.posts import Draft, PostKind, ToSend, claim_new, new_token
from bot.store.schedule import Due, claim_due

# Groups per transaction: each reads its members' whole histories and draws a picture.
BATCH = 20


async def post_due(svc: Services) -> int:
    """Post every weekly picture due now: how many were claimed."""
    now = svc.clock.now()
    posted = 0
    while True:
        async with session_scope(svc.sessions) as session:
            batch = await claim_due(
                session=session,
                kind=PostKind.WEEKLY,
                now=now,
                default_zone=svc.default_zone,
                limit=BATCH,
                window=posts.POST_WINDOW,
            )
            claimed = await _claim(session, svc, batch, now)
        if not batch:
            break
        posts.send(svc, claimed)
        posted += len(claimed)
    return posted


async def _claim(
    session: AsyncSession, svc: Services, batch: Sequence[Due], now: datetime
) -> list[ToSend]:
    drafts: dict[int, Draft] = {}
    for due in batch:
        if now - due.due_at > posts.POST_WINDOW:
            continue
        chat, zone = due.chat, zone_of(due.chat, svc.default_zone)
        week = await _week(session, chat, shown_week_last_day(due.due_at, zone))
        # Each group's picture and caption in its own language.
        with i18n.speaking(chat.language):
            words, text = texts.pictures.picture_words(), caption(week)
        # Drawing takes a few tens of milliseconds: off the event loop, other chats go on.
        picture = await asyncio.to_thread(week_picture, week, title=chat.title, words=words)
        drafts[chat.id] = Draft(
            chat_id=chat.id,
            day=week_of(local_date(due.due_at, zone)),
            text=text,
            markup=None,
            topic_id=chat.topic_id,
            window_ends_at=posts.window_end(due.due_at),
            photo=picture,
        )
    token = new_token()
    fresh = await claim_new(
        session=session,
        kind=PostKind.WEEKLY,
        drafts=list(drafts.values()),
        now=now,
        lease=posts.LEASE,
        token=token,
    )
    telegram_ids = {due.chat.id: due.chat.telegram_id for due in batch}
    return [
        ToSend(
            fresh[row],
            token,
            telegram_ids[row],
            d.topic_id,
            d.text,
            None,
            d.window_ends_at,
            kind=PostKind.WEEKLY.value,
            photo=d.photo,
        )
        for row, d in drafts.items()
        if row in fresh
    ]


async def _week(session: AsyncSession, chat: Chat, last: date) -> GroupWeek:
    """The week ending on ``last``, its best weeks naming only those on the board."""
    members = await named_histories(session=session, chat_id=chat.id)
    rules, share = rules_of(chat), chat.group_share
    week = group_week([m.history for m in members], rules, last, share_percent=share)
    if any(m.hidden for m in members):
        shown = [m.history for m in members if not m.hidden]
        named = group_week(shown, rules, last, share_percent=share).best_weeks
        week = replace(week, best_weeks=named)
    return week


def caption(week: GroupWeek) -> str:
    """The picture's caption, in the current language, within Telegram's 1,024 characters;
    names that don't fit are counted in a last line."""
    lines = texts.stats.weekly_caption(
        week.check_ins, [(b.name, b.days, b.previous_best) for b in week.best_weeks]
    )
    kept = [lines[0]]
    for index, line in enumerate(lines[1:], 1):
        left = len(lines) - index - 1
        tail = [texts.stats.weekly_more(left)] if left else []
        if telegram_length("\n".join([*kept, line, *tail])) > MAX_CAPTION:
            kept.append(texts.stats.weekly_more(len(lines) - index))
            break
        kept.append(line)
    return "\n".join(kept)
