"""The scheduler's tick: post every cue and recap that is due, once, on time.

One repeating JobQueue job runs ``tick``. It claims due groups a batch at a time (never all
groups at once); in the same transaction it records the posts and gathers their news with a
few queries for the whole batch; then it sends, outside any transaction. A cue or recap more
than two hours late (the bot was down) is skipped, not posted at a strange hour; the next one
is already scheduled.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.ext import ContextTypes

from bot import texts
from bot.domain.calendar import local_date
from bot.jobs.posting import post_to_group
from bot.services import Services, services
from bot.store.chats import zone_of
from bot.store.db import session_scope
from bot.store.reports import CueFacts, RecapFacts, cue_facts, recap_facts
from bot.store.schedule import Due, PostKind, claim_due, record_posts

log = logging.getLogger(__name__)

LATE_LIMIT = timedelta(hours=2)
BATCH = 200
CHECKIN_BUTTON_DATA = "checkin"


@dataclass
class TickReport:
    posted: int = 0
    skipped_late: int = 0
    failed: int = 0


@dataclass(frozen=True, slots=True)
class Outgoing:
    """A post ready to send."""

    chat_row: int
    telegram_id: int
    topic_id: int | None
    text: str
    markup: InlineKeyboardMarkup | None


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
                outgoing = await _prepare(session, svc, batch, now, report)
            if not batch:
                break
            # Sent after the transaction: a slow or retried send never holds the database.
            for post in outgoing:
                await _send(bot, svc, post, report)
    if report.posted or report.skipped_late or report.failed:
        log.info(
            "tick: %d posted, %d skipped as late, %d failed",
            report.posted,
            report.skipped_late,
            report.failed,
        )
    return report


async def _prepare(
    session: AsyncSession, svc: Services, batch: list[Due], now: datetime, report: TickReport
) -> list[Outgoing]:
    """Record the batch's posts (once per group and local day) and write them."""
    timely = [due for due in batch if now - due.due_at <= LATE_LIMIT]
    report.skipped_late += len(batch) - len(timely)
    if not timely:
        return []
    kind = timely[0].kind
    zones = {due.chat.id: zone_of(due.chat, svc.default_zone) for due in timely}
    fresh = await record_posts(
        session=session,
        kind=kind,
        days={due.chat.id: local_date(due.due_at, zones[due.chat.id]) for due in timely},
        now=now,
    )
    chats = [due.chat for due in timely if due.chat.id in fresh]
    today = {chat.id: local_date(now, zones[chat.id]) for chat in chats}
    if kind is PostKind.CUE:
        cues = await cue_facts(session=session, chats=chats, today=today)
        return [
            Outgoing(
                chat.id,
                chat.telegram_id,
                chat.topic_id,
                _cue_text(cues[chat.id]),
                checkin_keyboard(),
            )
            for chat in chats
        ]
    recaps = await recap_facts(session=session, chats=chats, today=today)
    return [
        Outgoing(chat.id, chat.telegram_id, chat.topic_id, _recap_text(recaps[chat.id]), None)
        for chat in chats
    ]


def _cue_text(facts: CueFacts) -> str:
    return texts.cue(
        facts.showed_up_yesterday,
        facts.active_members,
        facts.group_streak,
        facts.saved_by_freezes,
    )


def _recap_text(facts: RecapFacts) -> str:
    return texts.recap(
        facts.showed_up,
        [_cheer(n, kind, value) for n, kind, value in facts.milestones],
        [texts.mention(n, user_id) for n, user_id in facts.at_risk],
    )


async def _send(bot: Bot, svc: Services, post: Outgoing, report: TickReport) -> None:
    try:
        sent = await post_to_group(
            bot,
            svc,
            telegram_id=post.telegram_id,
            topic_id=post.topic_id,
            text=post.text,
            markup=post.markup,
        )
    except Exception:
        # One group's trouble must not cost the others their post.
        log.exception("could not post to chat row %s", post.chat_row)
        report.failed += 1
        return
    if sent is not None:
        report.posted += 1


def checkin_keyboard() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(texts.CUE_BUTTON, callback_data=CHECKIN_BUTTON_DATA)]]
    )


def _cheer(first_name: str, kind: str, value: int) -> str:
    if kind == "milestone":
        return texts.milestone(first_name, value)
    return texts.new_best(first_name, value)
