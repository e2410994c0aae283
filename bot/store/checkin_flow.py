"""One check-in, start to finish: the entry, the streak, breaks ended, what to announce.

Shared by /done, /fail, /done yesterday and the cue's ✅ button, so whatever a check-in
earns (a milestone, a new best, a return from a break) is found the same way on each path,
also when a late check-in rewrites the past.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.streaks import MIN_BEST_TO_ANNOUNCE, Mark, StreakState, is_milestone
from bot.store.breaks import come_back
from bot.store.chats import rules_of
from bot.store.checkins import Recorded, claim_announcements, record_checkin
from bot.store.models import Chat, Member


@dataclass(frozen=True, slots=True)
class CheckInOutcome:
    duplicate: bool  # this very update was recorded before: nothing changed
    day: date
    mark: Mark
    late: bool  # a /done yesterday
    counted: bool  # the entry made the day count (False: already counted, or a fail that doesn't)
    state: StreakState
    milestone: int | None  # to announce now
    new_best: bool  # to announce now
    freezes_used: int
    streak_broken: int  # the run that ended in the gap before this day
    back_from_break: bool
    comeback: bool = False  # the first check-in after a missed day (bot.domain.comebacks)


async def check_in(
    *,
    session: AsyncSession,
    chat: Chat,
    member: Member,
    day: date,
    mark: Mark,
    note: str,
    at: datetime,
    source: str,
    today: date,
    zone: ZoneInfo,
    late: bool = False,
) -> CheckInOutcome:
    """Record a check-in for ``day``, made on the member's local ``today``; ``zone`` is the
    zone in force at ``at`` (bot.domain.calendar.zone_in_force); ``late`` for a ``/done
    yesterday``."""
    rules = rules_of(chat)
    recorded = await record_checkin(
        session=session,
        member=member,
        day=day,
        mark=mark,
        note=note,
        at=at,
        source=source,
        rules=rules,
        zone=zone,
        late=late,
    )
    if recorded is None:
        return CheckInOutcome(
            duplicate=True,
            day=day,
            mark=mark,
            late=late,
            counted=False,
            state=StreakState(),
            milestone=None,
            new_best=False,
            freezes_used=0,
            streak_broken=0,
            back_from_break=False,
        )
    step = recorded.step
    back_from_break = await come_back(session=session, member=member, day=day)
    milestone, new_best = await _news(session, member, recorded, today)
    return CheckInOutcome(
        duplicate=False,
        day=day,
        mark=mark,
        late=late,
        counted=step.counted,
        state=step.state,
        milestone=milestone,
        new_best=new_best,
        freezes_used=step.freezes_used,
        streak_broken=step.streak_broken,
        back_from_break=back_from_break,
        comeback=step.comeback,
    )


async def _news(
    session: AsyncSession, member: Member, recorded: Recorded, today: date
) -> tuple[int | None, bool]:
    """The milestone and the new best this check-in announces, each once per run (the
    database's unique key decides). Announcements are dated ``today``, the day they are
    told, so the evening recap repeats them."""
    step, state = recorded.step, recorded.step.state
    if not step.counted:
        return None, False
    if recorded.rewrote:
        # A late check-in filled a day before the latest one: the run may have grown by more
        # than a day. Every milestone it has passed is claimed; the highest new one is said.
        reached = [n for n in range(1, state.current + 1) if is_milestone(n)]
        claimed = await claim_announcements(
            session=session, member=member, state=state, kind="milestone", values=reached, day=today
        )
        milestone = max(claimed, default=None)
        best_before = recorded.before.best
        passed_best = (
            state.current == state.best and state.best > best_before >= MIN_BEST_TO_ANNOUNCE
        )
    else:
        milestone = None
        if step.milestone is not None:
            claimed = await claim_announcements(
                session=session,
                member=member,
                state=state,
                kind="milestone",
                values=[step.milestone],
                day=today,
            )
            milestone = step.milestone if claimed else None
        passed_best = step.new_best
    new_best = passed_best and bool(
        await claim_announcements(
            session=session,
            member=member,
            state=state,
            kind="best",
            values=[state.current],
            day=today,
        )
    )
    return milestone, new_best
