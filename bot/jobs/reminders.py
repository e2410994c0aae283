"""Private reminders: at each person's own hour, one message listing the groups where their
streak is at risk, with a ✅ per group (bot.domain.reminders says whose hour and which zone).

Called by the scheduler's tick. People whose reminder is due are claimed a batch at a time
(moving each to their next day in the same transaction); for each, their groups are judged
and, if any is at risk, a reminder is claimed for their local day: the unique key (person,
day) makes it one a day, whatever the number of groups or replicas. It is sent after the
transaction, like a post (bot.outbox.posts): retried within its window, dropped for a person
who blocked the bot (the courier marks them blocked on Telegram's 403). A reminder more than
two hours late (the bot was down) is skipped.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot import i18n, texts
from bot.domain import streaks
from bot.domain.calendar import local_date, next_daily_instant
from bot.domain.groups import AT_RISK_MIN_STREAK, is_at_risk
from bot.domain.reminders import latest_daily_instant
from bot.outbox import posts
from bot.outbox.buttons import reminder_keyboard
from bot.services import Services
from bot.store.breaks import breaks_of_members
from bot.store.chats import rules_of
from bot.store.db import session_scope
from bot.store.members import state_of
from bot.store.models import Chat, Member
from bot.store.people import (
    ensure_person,
    language_of,
    person_zone,
    reschedule_reminder,
    zone_in,
)
from bot.store.posts import ToSend, new_token
from bot.store.reminders import (
    DuePerson,
    ReminderDraft,
    claim_due_people,
    claim_reminder_retries,
    claim_reminders,
    memberships_of,
    unscheduled_people,
)

BATCH = 200


async def send_due(svc: Services) -> int:
    """Schedule newcomers, send the reminders due now and retry failed ones: how many."""
    now = svc.clock.now()
    async with session_scope(svc.sessions) as session:
        for user_id in await unscheduled_people(session=session, limit=BATCH):
            person = await ensure_person(session=session, user_id=user_id)
            await reschedule_reminder(
                session=session, person=person, now=now, default=svc.default_zone
            )
    sent = 0
    while True:
        async with session_scope(svc.sessions) as session:
            due = await claim_due_people(session=session, now=now, limit=BATCH)
            claimed = await _claim(session, svc, due, now)
        if not due:
            break
        posts.send(svc, claimed)
        sent += len(claimed)
    async with session_scope(svc.sessions) as session:
        retries = await claim_reminder_retries(
            session=session,
            now=now,
            limit=posts.RETRIES_AT_ONCE,
            lease=posts.LEASE,
            token=new_token(),
        )
    posts.send(svc, retries)
    return sent + len(retries)


async def _claim(
    session: AsyncSession, svc: Services, due: Sequence[DuePerson], now: datetime
) -> list[ToSend]:
    """Move each person to their next day; claim the reminders of those with a group at risk."""
    groups = await memberships_of(session=session, user_ids=[d.person.user_id for d in due])
    at_risk = await _at_risk(session, svc, groups, now)
    drafts = []
    for entry in due:
        person = entry.person
        zone = person_zone(person, groups[person.user_id], svc.default_zone)
        person.next_reminder_at = (
            next_daily_instant(now, person.remind_at, zone) if entry.started else None
        )
        # Down for a while, the schedule may hold an older day's hour: today's counts.
        due_at = max(entry.due_at, latest_daily_instant(now, person.remind_at, zone))
        mine = at_risk.get(person.user_id)
        if not entry.started or not mine or now - due_at > posts.POST_WINDOW:
            continue
        mine.sort(key=lambda found: (-found[1], found[0].title.casefold()))
        # In the person's own language; not known yet, the one of their longest streak's group.
        with i18n.speaking(language_of(person, [c for c, _ in mine], i18n.DEFAULT_LANGUAGE)):
            text = texts.reminders.reminder([(chat.title, streak) for chat, streak in mine])
            markup = posts.keyboard_json(reminder_keyboard([(c.id, c.title) for c, _ in mine]))
        drafts.append(
            ReminderDraft(
                user_id=person.user_id,
                day=local_date(due_at, zone),
                text=text,
                markup=markup,
                window_ends_at=posts.window_end(due_at),
            )
        )
    return await claim_reminders(
        session=session, drafts=drafts, now=now, lease=posts.LEASE, token=new_token()
    )


async def _at_risk(
    session: AsyncSession,
    svc: Services,
    groups: dict[int, list[tuple[Member, Chat]]],
    now: datetime,
) -> dict[int, list[tuple[Chat, int]]]:
    """Each person's groups (and streaks) at risk, each judged on the member's own today
    there; groups that paused the bot, or where the member turned reminders off, are left
    out."""
    candidates = [
        (member, chat)
        for rows in groups.values()
        for member, chat in rows
        if chat.active
        and member.remind
        and member.streak_current >= AT_RISK_MIN_STREAK
        and member.streak_last_day is not None
    ]
    found: dict[int, list[tuple[Chat, int]]] = defaultdict(list)
    if not candidates:
        return found
    today = {m.id: local_date(now, zone_in(m, c, svc.default_zone)) for m, c in candidates}
    breaks: dict[int, list[streaks.Break]] = defaultdict(list)
    for member_id, brk in await breaks_of_members(
        session=session,
        member_ids=list(today),
        start=min(m.streak_last_day for m, _ in candidates if m.streak_last_day),
        end=max(today.values()),
    ):
        breaks[member_id].append(brk)
    for member, chat in candidates:
        rules, day = rules_of(chat), today[member.id]
        seen = streaks.standing(state_of(member), day, breaks[member.id], rules)
        if is_at_risk(seen, day, rules, breaks[member.id]):
            found[member.user_id].append((chat, seen.current))
    return found
