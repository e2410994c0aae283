"""The scheduler's tick: post every cue, recap, weekly picture, weekly pairing of buddies,
private reminder and challenge's results that is due, once, on time; try again what failed
for a passing reason.

``tick`` runs every TICK_SECONDS (bot.jobs.ticker). Each kind of post is claimed a batch of
groups at a time (never all groups at once), written as intents in the same transaction, and
sent after it (bot.outbox.posts). Each group's post is made on its own (bot.actions.isolation):
one group whose data can't be turned into a post is backed off and logged once, and the
others' posts go out. A database that is away ends the tick, to be tried at the next.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import partial

from bot import i18n, metrics, texts
from bot.actions import cue, pairing, posting, recap
from bot.actions.cue import CueFacts
from bot.actions.isolation import each_alone
from bot.actions.pairing import PairsFacts
from bot.actions.posting import Due, PostText
from bot.actions.quests import QuestNews
from bot.actions.recap import RecapFacts
from bot.actions.uow import UnitOfWork
from bot.domain import announcements
from bot.domain.schedule import PostKind
from bot.intake.inbox import DATABASE_TROUBLE
from bot.jobs import challenges, reminders, weekly
from bot.outbox import posts
from bot.outbox.buttons import checkin_keyboard
from bot.services import Services

log = logging.getLogger(__name__)

BATCH = 200
# Posts tried again per tick, of each outbox.
RETRIES_AT_ONCE = 200


@dataclass
class TickReport:
    posted: int = 0  # claimed and handed to the courier
    skipped_late: int = 0
    left_out: int = 0  # recaps with nothing to say after a quiet day (bot.domain.quiet_days)
    retried: int = 0  # posts tried again after an attempt failed


async def tick(svc: Services) -> None:
    """The tick as the schedule runs it: a database that is away ends it with one line."""
    try:
        await run_tick(svc)
    except DATABASE_TROUBLE as error:
        metrics.DATABASE_ERRORS.inc()
        log.warning("the tick could not reach the database (%s); trying at the next", error)


async def run_tick(svc: Services) -> TickReport:
    report = TickReport()
    for kind in (PostKind.CUE, PostKind.RECAP, PostKind.PAIRS):
        await _post_due(svc, kind, report)
    report.posted += await weekly.post_due(svc) + await reminders.send_due(svc)
    report.posted += await challenges.post_due(svc)
    report.retried = await _retry(svc)
    if report.posted or report.skipped_late or report.left_out or report.retried:
        log.info(
            "tick: %d posted, %d skipped as late, %d left out as quiet, %d tried again",
            report.posted,
            report.skipped_late,
            report.left_out,
            report.retried,
        )
    return report


async def _post_due(svc: Services, kind: PostKind, report: TickReport) -> None:
    while True:
        async with svc.work() as uow:
            claimed = await posting.claim_due(uow, kind, limit=BATCH, failing=svc.failing)
            if claimed is None:
                return
            facts, failed = await each_alone(uow, claimed.timely, partial(_facts, uow, kind))
            for due, error in failed:
                posting.postpone(uow, due.chat, kind, svc.failing, error)
            said = _said(svc, uow, kind, claimed.timely, facts, report)
            to_send = await posting.record(uow, kind, said)
        # Sent after the transaction: a slow or retried send never holds the database.
        svc.posts.send(to_send)
        report.posted += len(to_send)
        report.skipped_late += claimed.late


Facts = CueFacts | RecapFacts | PairsFacts


async def _facts(uow: UnitOfWork, kind: PostKind, dues: Sequence[Due]) -> Mapping[int, Facts]:
    if kind is PostKind.CUE:
        return await cue.cue_facts(uow, dues)
    if kind is PostKind.PAIRS:
        # The pairs are made here, in the transaction that records their post.
        return await pairing.pair_anew(uow, dues)
    return await recap.recap_facts(uow, dues)


def _said(
    svc: Services,
    uow: UnitOfWork,
    kind: PostKind,
    dues: Sequence[Due],
    facts: Mapping[int, Facts],
    report: TickReport,
) -> list[tuple[Due, PostText]]:
    """Each group's post in its own language (one that can't be said is backed off, a
    recap left out after a quiet day is not said)."""
    said = []
    for due in dues:
        found = facts.get(due.chat.id)
        if found is None:
            continue
        if isinstance(found, RecapFacts | PairsFacts) and found.left_out:
            svc.failing.worked(kind.value, due.chat.id)
            report.left_out += 1
            continue
        try:
            with i18n.speaking(found.group.language):
                if isinstance(found, CueFacts):
                    text = PostText(cue_text(found), posts.keyboard_json(checkin_keyboard()))
                elif isinstance(found, PairsFacts):
                    text = PostText(texts.buddies.weekly_pairs(found.pairs))
                else:
                    keyboard = svc.links.keyboard(due.chat.telegram_id)
                    text = PostText(recap_text(found), posts.keyboard_json(keyboard))
        except Exception as error:
            posting.postpone(uow, due.chat, kind, svc.failing, error)
            continue
        svc.failing.worked(kind.value, due.chat.id)
        said.append((due, text))
    return said


def cue_text(facts: CueFacts) -> str:
    saved = [(s.name, s.freezes_used, s.streak) for s in facts.saved]
    running = facts.challenge
    challenge = (
        [texts.challenges.cue_line(running.title, running.day, running.days, running.still_in)]
        if running
        else []
    )
    quest = _quest_ended(facts.quest)
    if facts.quest is not None and facts.quest.ended is not None:
        quest.append(texts.quests.new_goal(facts.quest.now.goal))
    weeks = [texts.targets.this_week(facts.weeks)] if facts.weeks else []
    if facts.weeks_at_risk:
        weeks.append(texts.targets.at_risk_this_week(facts.weeks_at_risk))
    if facts.short:
        return texts.posts.short_cue(saved, challenge + quest + weeks)
    more = challenge + quest + texts.plans.cue_plans(facts.plans) + weeks
    return texts.posts.cue(facts.showed_up_yesterday, facts.active, facts.group_streak, saved, more)


def _quest_ended(news: QuestNews | None) -> list[str]:
    """The lines of the quest's week that ended, if this post settled it."""
    if news is None or news.ended is None:
        return []
    ended = news.ended
    members = [(m.name, m.check_ins, m.bonus) for m in ended.members]
    return texts.quests.ended(ended.met, ended.check_ins, ended.goal, members)


def recap_text(facts: RecapFacts) -> str:
    told = {
        announcements.MILESTONE: texts.checkins.milestone,
        announcements.BEST: texts.checkins.new_best,
        announcements.WEEK_MILESTONE: texts.targets.milestone,
        announcements.WEEK_BEST: texts.targets.new_best,
    }
    cheers = [told[kind](name, value) for name, kind, value in facts.announced if kind in told]
    mention = texts.format.mention
    # Those whose buddies checked in already hear it on a line of their own.
    waiting = [(mention(name, user_id), done) for name, user_id, done in facts.at_risk if done]
    quest = _quest_ended(facts.quest)
    if facts.quest is not None:
        quest.append(texts.quests.progress(facts.quest.now.check_ins, facts.quest.now.goal))
    return texts.posts.recap(
        facts.showed_up,
        cheers + texts.encouragement.comebacks_today(facts.comebacks),
        [mention(name, user_id) for name, user_id, done in facts.at_risk if not done],
        ended=facts.day if facts.day_over else None,
        buddies=texts.buddies.recap_lines(facts.pairs_kept, waiting),
        more=quest,
    )


async def _retry(svc: Services) -> int:
    """Claim the posts and reminders waiting for another attempt and send them; how many."""
    async with svc.work() as uow:
        due = await posting.retries(uow, limit=RETRIES_AT_ONCE)
    svc.posts.send(due)
    return len(due)
