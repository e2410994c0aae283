"""The scheduler's tick: post every cue and recap that is due, once, on time.

One repeating JobQueue job runs ``tick``. It claims due groups in small batches (never all
groups at once), posts to each, and moves on. A cue or recap more than two hours late (the
bot was down) is skipped, not posted at a strange hour; the next one is already scheduled.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.ext import ContextTypes

from bot import texts
from bot.domain.calendar import local_date
from bot.jobs.posting import post_to_group
from bot.services import Services, services
from bot.store.chats import zone_of
from bot.store.db import session_scope
from bot.store.models import Chat
from bot.store.reports import cue_facts, recap_facts
from bot.store.schedule import Due, PostKind, claim_due, local_day, record_post

log = logging.getLogger(__name__)

LATE_LIMIT = timedelta(hours=2)
BATCH = 200
CHECKIN_BUTTON_DATA = "checkin"


@dataclass
class TickReport:
    posted: int = 0
    skipped_late: int = 0
    failed: int = 0


async def tick(context: ContextTypes.DEFAULT_TYPE) -> None:
    await run_tick(context.bot, services(context))


async def run_tick(bot: Bot, svc: Services) -> TickReport:
    now = svc.clock.now()
    report = TickReport()
    for kind in (PostKind.CUE, PostKind.RECAP):
        while True:
            async with session_scope(svc.sessions) as session:
                batch = await claim_due(
                    session=session,
                    kind=kind,
                    now=now,
                    default_zone=svc.default_zone,
                    limit=BATCH,
                )
            if not batch:
                break
            for due in batch:
                try:
                    await _post(bot, svc, due, now, report)
                except Exception:
                    # One group's trouble must not cost the others their cue.
                    log.exception("could not post the %s of chat row %s", due.kind, due.chat_id)
                    report.failed += 1
    if report.posted or report.skipped_late:
        log.info("tick: %d posted, %d skipped as late", report.posted, report.skipped_late)
    return report


async def _post(bot: Bot, svc: Services, due: Due, now: datetime, report: TickReport) -> None:
    if now - due.due_at > LATE_LIMIT:
        report.skipped_late += 1
        return
    async with session_scope(svc.sessions) as session:
        chat = await session.get(Chat, due.chat_id)
        if chat is None or not chat.active:
            return
        day = local_day(chat, due.due_at, svc.default_zone)
        if not await record_post(session=session, chat_id=chat.id, kind=due.kind, day=day, now=now):
            return
        today = local_date(now, zone_of(chat, svc.default_zone))
        if due.kind is PostKind.CUE:
            facts = await cue_facts(session=session, chat=chat, today=today)
            text = texts.cue(
                facts.showed_up_yesterday,
                facts.active_members,
                facts.group_streak,
                facts.saved_by_freezes,
            )
            markup: InlineKeyboardMarkup | None = checkin_keyboard()
        else:
            recap = await recap_facts(session=session, chat=chat, today=today)
            text = texts.recap(
                recap.showed_up,
                [_cheer(n, kind, value) for n, kind, value in recap.milestones],
                [texts.mention(n, user_id) for n, user_id in recap.at_risk],
            )
            markup = None
        telegram_id, topic_id = chat.telegram_id, chat.topic_id
    # Sent after the transaction: a slow or retried send never holds the database.
    if await post_to_group(
        bot, svc, telegram_id=telegram_id, topic_id=topic_id, text=text, markup=markup
    ):
        report.posted += 1


def checkin_keyboard() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(texts.CUE_BUTTON, callback_data=CHECKIN_BUTTON_DATA)]]
    )


def _cheer(first_name: str, kind: str, value: int) -> str:
    return (
        texts.milestone(first_name, value)
        if kind == "milestone"
        else texts.new_best(first_name, value)
    )
