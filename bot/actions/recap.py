"""The evening recap: who showed up on the group's day, the milestones and bests announced,
the comebacks, and whose streak is at risk tonight, for a batch of groups due at once.

A recap speaks of the day it was due on. Sent after that day ended (the bot was down or
busy), it still names who showed up that day and what they earned, and says nothing that
is no longer true: no "there's still time", no one at risk.

A recap without news after a quiet day is left out (bot.domain.quiet_days): ``left_out``
says so, and the caller posts nothing.

Comebacks come from the members' kept state (their latest two counted days), never from
their history: a recap costs what the day costs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from bot.actions.figures import at_risk_tonight, breaks_by_member, standings
from bot.actions.posting import Due
from bot.actions.target_rules import NO_TARGETS, first_weekday_of, targets_of_chats
from bot.actions.uow import GroupInfo, UnitOfWork
from bot.domain.groups import AT_RISK_MIN_STREAK, AT_RISK_MIN_WEEKS
from bot.domain.quiet_days import recap_is_left_out, showed_up_day_before
from bot.domain.streaks import missed_days_between
from bot.domain.targets import target_of_week, week_start
from bot.domain.zones import group_today
from bot.store import reports
from bot.store.chats import rules_of
from bot.store.models import Chat, Member


@dataclass(frozen=True, slots=True)
class RecapFacts:
    group: GroupInfo
    day: date
    day_over: bool  # the recap comes after its day ended
    # name, streak (in days; for a weekly member, their week so far as "2/3"); longest first
    showed_up: list[tuple[str, int | str]]
    # name, kind (bot.domain.announcements: of days or of weeks), days or weeks
    announced: list[tuple[str, str, int]]
    comebacks: list[tuple[str, int]]  # name, days missed before; by name
    at_risk: list[tuple[str, int]]  # name, user id (none once the day is over)
    left_out: bool  # nothing to say after a quiet day: not posted


async def recap_facts(uow: UnitOfWork, dues: Sequence[Due]) -> dict[int, RecapFacts]:
    """The evening's news for each group (by chat row id)."""
    chats = {due.chat.id: due.chat for due in dues}
    day = {due.chat.id: due.day for due in dues}
    first = min(day.values())
    counted = await reports.members_counted_since(
        session=uow.session, chat_ids=list(chats), since=first
    )
    showed = [m for m in counted if day[m.chat_id] in (m.streak_last_day, m.weekly_last_day)]
    weekly = [m for m in showed if m.weekly_last_day == day[m.chat_id]]
    weeks = await _weeks_so_far(uow, weekly, chats)
    announced: dict[int, list[tuple[str, str, int]]] = defaultdict(list)
    for chat_id, name, kind, value, when in await reports.announced_since(
        session=uow.session, chat_ids=list(chats), since=first
    ):
        if when == day[chat_id]:
            announced[chat_id].append((name, kind, value))
    comebacks = await _comebacks(uow, showed, chats)
    over = {c: group_today(uow.now, chats[c].timezone, uow.default_zone) > day[c] for c in chats}
    at_risk = await _at_risk(uow, [chats[c] for c in chats if not over[c]])
    before = await reports.day_counts(
        session=uow.session,
        chat_ids=list(chats),
        first=first - timedelta(days=1),
        last=max(day.values()) - timedelta(days=1),
    )
    facts = {}
    for due in dues:
        chat_id = due.chat.id
        showed_up = [
            (m.first_name, weeks.get(m.id, m.streak_current))
            for m in showed
            if m.chat_id == chat_id
        ]
        facts[chat_id] = RecapFacts(
            group=due.group,
            day=day[chat_id],
            day_over=over[chat_id],
            showed_up=showed_up,
            announced=announced[chat_id],
            comebacks=comebacks[chat_id],
            at_risk=at_risk[chat_id],
            left_out=recap_is_left_out(
                showed_up=len(showed_up),
                announced=len(announced[chat_id]),
                at_risk=len(at_risk[chat_id]),
                day_before=showed_up_day_before(before[chat_id], due.day, due.first_day),
            ),
        )
    return facts


async def _weeks_so_far(
    uow: UnitOfWork, members: Sequence[Member], chats: Mapping[int, Chat]
) -> dict[int, int | str]:
    """The weeks so far ("2/3") of members whose latest check-in was in a weekly week."""
    found: dict[int, int | str] = {}
    if not members:
        return found
    targets = await targets_of_chats(uow, members)
    for member in members:
        last = member.weekly_last_day
        assert last is not None
        first_weekday = first_weekday_of(chats[member.chat_id])
        changes = targets.get(member.chat_id, NO_TARGETS).of(member.id)
        target = target_of_week(changes, week_start(last, first_weekday))
        if target is not None:
            found[member.id] = f"{member.weekly_check_ins}/{target}"
    return found


async def _comebacks(
    uow: UnitOfWork, showed: Sequence[Member], chats: Mapping[int, Chat]
) -> dict[int, list[tuple[str, int]]]:
    """Those whose latest counted day (the recap's) was a comeback, by group: each name with
    the days missed since their previous counted day (bot.domain.comebacks)."""
    found: dict[int, list[tuple[str, int]]] = defaultdict(list)
    returning = [m for m in showed if m.streak_previous_day is not None]
    if not returning:
        return found
    start = min(m.streak_previous_day for m in returning if m.streak_previous_day)
    end = max(m.streak_last_day for m in returning if m.streak_last_day)
    breaks = await breaks_by_member(uow, returning, start, end)
    for member in returning:
        previous, last = member.streak_previous_day, member.streak_last_day
        if previous is None or last is None:
            continue
        missed = missed_days_between(
            previous, last, breaks[member.id], rules_of(chats[member.chat_id])
        )
        if missed:
            found[member.chat_id].append((member.first_name, missed))
    for named in found.values():
        named.sort(key=lambda comeback: comeback[0].casefold())
    return found


async def _at_risk(uow: UnitOfWork, chats: Sequence[Chat]) -> dict[int, list[tuple[str, int]]]:
    """Members at risk tonight (``groups.is_at_risk``, each on their own today) who want to
    hear it, in groups that post the mentions. Those who started the bot in private hear it
    there instead (bot.actions.reminders)."""
    at_risk: dict[int, list[tuple[str, int]]] = defaultdict(list)
    asking = {chat.id: chat for chat in chats if chat.at_risk_mentions}
    if not asking:
        return at_risk
    latest = max(group_today(uow.now, c.timezone, uow.default_zone) for c in asking.values())
    members = await reports.runs_to_mention(
        session=uow.session,
        chat_ids=list(asking),
        min_streak=AT_RISK_MIN_STREAK,
        min_weeks=AT_RISK_MIN_WEEKS,
        last_day_before=latest + timedelta(days=1),
    )
    seen = await standings(uow, members, asking)
    for member in members:
        found = seen[member.id]
        rules = rules_of(asking[member.chat_id])
        if at_risk_tonight(found, rules):
            at_risk[member.chat_id].append((member.first_name, member.user_id))
    return at_risk
