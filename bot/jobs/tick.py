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
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession
from telegram.ext import ContextTypes

from bot import i18n, metrics, texts
from bot.domain.calendar import local_date
from bot.jobs import reminders, weekly
from bot.outbox import posts
from bot.outbox.buttons import checkin_keyboard
from bot.services import Services, services
from bot.store.chats import zone_of
from bot.store.db import session_scope
from bot.store.posts import Draft, PostKind, ToSend, claim_new, new_token
from bot.store.reports import CueFacts, RecapFacts, cue_facts, recap_facts
from bot.store.schedule import Due, claim_due

log = logging.getLogger(__name__)

BATCH = 200


@dataclass
class TickReport:
    posted: int = 0  # claimed and handed to the courier
    skipped_late: int = 0
    retried: int = 0  # posts tried again after an attempt failed


async def tick(context: ContextTypes.DEFAULT_TYPE) -> None:
    await run_tick(services(context))


async def run_tick(svc: Services) -> TickReport:
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
                    window=posts.POST_WINDOW,
                )
                claimed = await _claim(session, svc, batch, now, report)
            if not batch:
                break
            # Sent after the transaction: a slow or retried send never holds the database.
            posts.send(svc, claimed)
            report.posted += len(claimed)
    report.posted += await weekly.post_due(svc) + await reminders.send_due(svc)
    report.retried = await posts.send_due_retries(svc)
    if report.posted or report.skipped_late or report.retried:
        log.info(
            "tick: %d posted, %d skipped as late, %d tried again",
            report.posted,
            report.skipped_late,
            report.retried,
        )
    return report


async def _claim(
    session: AsyncSession, svc: Services, batch: list[Due], now: datetime, report: TickReport
) -> list[ToSend]:
    """Write the batch's posts (once per group and local day) as intents to send."""
    timely = [due for due in batch if now - due.due_at <= posts.POST_WINDOW]
    report.skipped_late += len(batch) - len(timely)
    if len(timely) < len(batch):
        metrics.POSTS.labels(batch[0].kind.value, "skipped").inc(len(batch) - len(timely))
    if not timely:
        return []
    kind = timely[0].kind
    zones = {due.chat.id: zone_of(due.chat, svc.default_zone) for due in timely}
    chats = [due.chat for due in timely]
    today = {chat.id: local_date(now, zones[chat.id]) for chat in chats}
    # Each group's post in its own language: its text, and its buttons as JSON.
    said: dict[int, tuple[str, str | None]] = {}
    if kind is PostKind.CUE:
        cues = await cue_facts(session=session, chats=chats, today=today)
        for chat in chats:
            with i18n.speaking(chat.language):
                said[chat.id] = (_cue_text(cues[chat.id]), posts.keyboard_json(checkin_keyboard()))
    else:
        recaps = await recap_facts(session=session, chats=chats, today=today)
        for chat in chats:
            with i18n.speaking(chat.language):
                said[chat.id] = (_recap_text(recaps[chat.id]), None)
    drafts = [
        Draft(
            chat_id=due.chat.id,
            day=local_date(due.due_at, zones[due.chat.id]),
            text=said[due.chat.id][0],
            markup=said[due.chat.id][1],
            topic_id=due.chat.topic_id,
            window_ends_at=posts.window_end(due.due_at),
        )
        for due in timely
    ]
    token = new_token()
    fresh = await claim_new(
        session=session, kind=kind, drafts=drafts, now=now, lease=posts.LEASE, token=token
    )
    return [
        ToSend(
            fresh[chat.id],
            token,
            chat.telegram_id,
            chat.topic_id,
            *said[chat.id],
            posts.window_end(due.due_at),
            kind.value,
        )
        for due in timely
        if (chat := due.chat).id in fresh
    ]


def _cue_text(facts: CueFacts) -> str:
    return texts.posts.cue(
        facts.showed_up_yesterday,
        facts.active_members,
        facts.group_streak,
        facts.saved_by_freezes,
    )


def _recap_text(facts: RecapFacts) -> str:
    return texts.posts.recap(
        facts.showed_up,
        [_cheer(n, kind, value) for n, kind, value in facts.milestones]
        + texts.encouragement.comebacks_today(facts.comebacks),
        [texts.format.mention(n, user_id) for n, user_id in facts.at_risk],
    )


def _cheer(first_name: str, kind: str, value: int) -> str:
    if kind == "milestone":
        return texts.checkins.milestone(first_name, value)
    return texts.checkins.new_best(first_name, value)
