"""One check-in, start to finish: the entry, the streak, breaks ended, what to announce.

Shared by /done, /fail, /done yesterday and the cue's ✅ button.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.streaks import Mark, StreakState
from bot.store.breaks import end_early, latest_unwelcomed_break
from bot.store.chats import rules_of
from bot.store.checkins import claim_announcement, record_checkin
from bot.store.models import Chat, Member


@dataclass(frozen=True, slots=True)
class CheckInOutcome:
    duplicate: bool  # this very update was recorded before: nothing changed
    day: date
    counted: bool  # the entry made the day count (False: already counted, or a fail that doesn't)
    state: StreakState
    milestone: int | None  # to announce now
    new_best: bool  # to announce now
    freezes_used: int
    streak_broken: int  # the run that ended in the gap before this day
    back_from_break: bool


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
    late: bool = False,
) -> CheckInOutcome:
    rules = rules_of(chat)
    result = await record_checkin(
        session=session,
        member=member,
        day=day,
        mark=mark,
        note=note,
        at=at,
        source=source,
        rules=rules,
        late=late,
    )
    if result is None:
        return CheckInOutcome(
            duplicate=True,
            day=day,
            counted=False,
            state=StreakState(),
            milestone=None,
            new_best=False,
            freezes_used=0,
            streak_broken=0,
            back_from_break=False,
        )
    state = result.state
    on_break = await latest_unwelcomed_break(session=session, member_id=member.id, day=day)
    if on_break is not None:
        end_early(on_break, day)
    milestone = result.milestone
    if milestone is not None and not await claim_announcement(
        session=session, member=member, state=state, kind="milestone", value=milestone, day=day
    ):
        milestone = None
    new_best = result.new_best and await claim_announcement(
        session=session, member=member, state=state, kind="best", value=state.current, day=day
    )
    return CheckInOutcome(
        duplicate=False,
        day=day,
        counted=result.counted,
        state=state,
        milestone=milestone,
        new_best=new_best,
        freezes_used=result.freezes_used,
        streak_broken=result.streak_broken,
        back_from_break=on_break is not None,
    )
