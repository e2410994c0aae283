"""Private reminders: at each person's own hour, one message listing the groups where their
streak is at risk (``bot.domain.reminders`` says whose hour and which zone), with a ✅ per
group.

People whose reminder is due are claimed a batch at a time, each moved to their next day in
the same transaction; for each, their groups are judged, each on the member's own today
there, and if any is at risk a reminder is claimed for their local day: once a day, whatever
the number of groups or replicas. It is sent after the transaction, like a post; one more
than ``POST_WINDOW`` late (the bot was down) is skipped. One person whose groups can't be
judged never stops the others' reminders (``isolation``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.actions.figures import at_risk_tonight, standings
from bot.actions.isolation import Failing, each_alone
from bot.actions.places import zone_of_member
from bot.actions.plans import plan_of
from bot.actions.uow import UnitOfWork
from bot.domain.calendar import local_date, next_daily_instant
from bot.domain.groups import AT_RISK_MIN_STREAK, AT_RISK_MIN_WEEKS
from bot.domain.plans import Plan
from bot.domain.reminders import latest_daily_instant, own_zone, reminder_language
from bot.domain.schedule import POST_WINDOW, window_end
from bot.store import posts
from bot.store.chats import rules_of
from bot.store.models import Chat, Member, Person
from bot.store.people import ensure_person, memberships
from bot.store.posts import LEASE, REMINDER, new_token
from bot.store.reminders import DuePerson, claim_due_people, memberships_of, unscheduled_people


@dataclass(frozen=True, slots=True)
class AtRisk:
    group_row: int  # the group's row id (what its ✅ names)
    title: str
    streak: int  # in days, or in weeks when ``week`` is given
    plan: Plan | None = None  # the member's plan there
    week: tuple[int, int] | None = None  # a weekly week: its check-ins and target


@dataclass(frozen=True, slots=True)
class ReminderDue:
    """A person to remind now: in which language, for which of their days, and of what."""

    user_id: int
    language: str
    day: date
    window_ends_at: datetime
    groups: list[AtRisk]  # longest streak first


def person_zone(
    person: Person, groups: Sequence[tuple[Member, Chat]], default: ZoneInfo
) -> ZoneInfo:
    """The person's own zone (``bot.domain.reminders.own_zone``)."""
    found = ((m.last_entry_day, zone_of_member(m, c, default).key) for m, c in groups)
    return ZoneInfo(own_zone(person.timezone, found, default.key))


async def schedule_reminder(uow: UnitOfWork, person: Person, started: bool) -> ZoneInfo:
    """When the person's reminder is next due (none unless they started the bot in
    private, and have not blocked it); their own zone."""
    groups = await memberships(session=uow.session, user_id=person.user_id)
    zone = person_zone(person, groups, uow.default_zone)
    person.next_reminder_at = (
        next_daily_instant(uow.now, person.remind_at, zone) if started else None
    )
    return zone


async def schedule_newcomers(uow: UnitOfWork, *, limit: int) -> None:
    """People who started the bot privately but have no reminder scheduled yet."""
    for user_id in await unscheduled_people(session=uow.session, limit=limit):
        person = await ensure_person(session=uow.session, user_id=user_id)
        await schedule_reminder(uow, person, started=True)


async def claim_due(
    uow: UnitOfWork, *, limit: int, default_language: str, failing: Failing
) -> list[ReminderDue] | None:
    """The people whose reminder is due now, each moved to their next day; of them, those
    with a group at risk. None when nobody was due."""
    due = await claim_due_people(session=uow.session, now=uow.now, limit=limit)
    if not due:
        return None
    groups = await memberships_of(session=uow.session, user_ids=[d.person.user_id for d in due])

    async def judged(people: Sequence[DuePerson]) -> dict[int, list[AtRisk]]:
        return await _at_risk(uow, {p.person.user_id: groups[p.person.user_id] for p in people})

    at_risk, failed = await each_alone(uow, due, judged)
    for entry, error in failed:
        failing.failed("reminder", entry.person.user_id, error)
    reminders = []
    for entry in due:
        person = entry.person
        zone = person_zone(person, groups[person.user_id], uow.default_zone)
        person.next_reminder_at = (
            next_daily_instant(uow.now, person.remind_at, zone) if entry.started else None
        )
        # Down for a while, the schedule may hold an older day's hour: today's counts.
        due_at = max(entry.due_at, latest_daily_instant(uow.now, person.remind_at, zone))
        mine = at_risk.get(person.user_id)
        if not entry.started or not mine or uow.now - due_at > POST_WINDOW:
            continue
        mine.sort(key=lambda found: (-found.streak, found.title.casefold()))
        chats = {c.id: c for _, c in groups[person.user_id]}
        language = reminder_language(
            person.language, [chats[g.group_row].language for g in mine], default_language
        )
        reminders.append(
            ReminderDue(
                person.user_id, language, local_date(due_at, zone), window_end(due_at), mine
            )
        )
    return reminders


async def _at_risk(
    uow: UnitOfWork, groups: Mapping[int, list[tuple[Member, Chat]]]
) -> dict[int, list[AtRisk]]:
    """Each person's groups (and streaks) at risk, each judged on the member's own today
    there; groups that paused the bot, or where the member turned reminders off, are left
    out."""
    candidates = [
        (member, chat)
        for rows in groups.values()
        for member, chat in rows
        if chat.active
        and member.remind
        and (
            (member.streak_current >= AT_RISK_MIN_STREAK and member.streak_last_day is not None)
            or member.weekly_current >= AT_RISK_MIN_WEEKS
        )
    ]
    found: dict[int, list[AtRisk]] = defaultdict(list)
    chats = {chat.id: chat for _, chat in candidates}
    seen = await standings(uow, [m for m, _ in candidates], chats)
    for member, chat in candidates:
        mine = seen[member.id]
        if at_risk_tonight(mine, rules_of(chat)):
            found[member.user_id].append(
                AtRisk(
                    chat.id,
                    chat.title,
                    mine.standing.current,
                    plan_of(member),
                    mine.week_so_far,
                )
            )
    return found


async def record(
    uow: UnitOfWork, said: Sequence[tuple[ReminderDue, str, str | None]]
) -> list[posts.ToSend]:
    """Write the reminders (text, buttons as JSON) as intents to send, once per person and
    day; those not sent before, held by this process now."""
    drafts = [
        posts.Draft(
            owner=due.user_id,
            telegram_id=due.user_id,
            day=due.day,
            text=text,
            markup=markup,
            window_ends_at=due.window_ends_at,
        )
        for due, text, markup in said
    ]
    return await posts.claim_new(
        session=uow.session,
        kind=REMINDER,
        drafts=drafts,
        now=uow.now,
        lease=LEASE,
        token=new_token(),
    )
