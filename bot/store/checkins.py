"""Check-ins: recording one (idempotently), undoing one, and what history the views need.

The member's kept streak state is updated in the same transaction as the entry. A check-in
on or after the latest counted day moves the state forward in O(1) (``advance``); anything
that rewrites the past (a late check-in, an undo) replays the member's history instead. The
day-key state (bot.domain.calendar.DayKeyState) moves with each entry recorded or undone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain import streaks
from bot.domain.streaks import Advance, Mark, Rules, StreakState
from bot.store.breaks import breaks_between, member_breaks
from bot.store.db import PerDialect, insert_for, table_of
from bot.store.members import (
    day_key_state_of,
    keep_day_key_state,
    keep_state,
    save_kept_states,
    state_of,
)
from bot.store.models import Announcement, ChatDay, CheckIn, Member
from bot.store.replay import counting_kinds

_checkins = table_of(CheckIn).c
_ADD_ENTRY = PerDialect(
    lambda insert: (
        insert(table_of(CheckIn))
        .values(
            {
                _checkins.member_id: bindparam("member_id"),
                _checkins.day: bindparam("day"),
                _checkins.kind: bindparam("kind"),
                _checkins.note: bindparam("note"),
                _checkins.created_at: bindparam("created_at"),
                _checkins.source: bindparam("source"),
            }
        )
        .on_conflict_do_nothing(index_elements=["source"])
        .returning(_checkins.id)
    )
)
_chat_days = table_of(ChatDay).c
_COUNT_DAY = PerDialect(
    lambda insert: (
        statement := insert(table_of(ChatDay)).values(
            {
                _chat_days.chat_id: bindparam("chat_id"),
                _chat_days.day: bindparam("day"),
                _chat_days.members: bindparam("delta"),
            }
        )
    ).on_conflict_do_update(
        index_elements=["chat_id", "day"],
        set_={"members": _chat_days.members + statement.excluded.members},
    )
)


async def add_entry(
    *,
    session: AsyncSession,
    member: Member,
    day: date,
    mark: Mark,
    note: str,
    at: datetime,
    source: str,
) -> bool:
    """Store the entry; False if ``source`` was already recorded (a redelivered update)."""
    result = await session.execute(
        _ADD_ENTRY.of(session),
        {
            "member_id": member.id,
            "day": day,
            "kind": mark.value,
            "note": note,
            "created_at": at,
            "source": source,
        },
    )
    return result.scalar_one_or_none() is not None


@dataclass(frozen=True, slots=True)
class Recorded:
    """What recording an entry did: the step, and whether it rewrote the past (a day before
    the latest counted one: the state was replayed, and ``before`` is what it was)."""

    step: Advance
    before: StreakState
    rewrote: bool


async def record_checkin(
    *,
    session: AsyncSession,
    member: Member,
    day: date,
    mark: Mark,
    note: str,
    at: datetime,
    source: str,
    rules: Rules,
    zone: ZoneInfo,
    late: bool = False,
) -> Recorded | None:
    """Record an entry and bring the member's streak and day-key state up to date with it.

    ``day`` came from ``day_key`` at ``at``, or was named by the member when ``late``
    (``/done yesterday``); ``zone`` is the zone in force at ``at`` (``zone_in_force``), kept
    with a day the check-in adds (a late one adds none for the day-key rule). Returns None
    when the same update was already recorded. The member row must be locked by the caller
    (``ensure_member(lock=True)``) so concurrent check-ins apply in turn.
    """
    before = state_of(member)
    rewrote = before.last_day is not None and day < before.last_day
    # Whether the day already counted: on or after the latest counted day, the kept state
    # says it (that day is the latest counted one); before it, only the entries can.
    had_day = (
        await has_counting_entry(session=session, member_id=member.id, day=day, rules=rules)
        if rewrote
        else day == before.last_day
    )
    if not await add_entry(
        session=session, member=member, day=day, mark=mark, note=note, at=at, source=source
    ):
        return None
    if not rewrote:
        # Breaks matter only to the days between the latest counted day and this one.
        gap = before.last_day is not None and (day - before.last_day).days > 1
        breaks = (
            await breaks_between(
                session=session, member_id=member.id, start=before.last_day, end=day
            )
            if gap
            else []
        )
        step = streaks.advance(before, day, mark, breaks, rules)
    else:
        after = await replay_member(session=session, member=member, rules=rules)
        step = Advance(
            state=after,
            counted=streaks.counts(mark, rules) and not had_day,
            freezes_used=0,
            streak_broken=0,
            milestone=None,
            new_best=False,
        )
    kept = day_key_state_of(member)
    day_key = kept.after_late_check_in(day) if late else kept.after_check_in(at, day, zone)
    if not rewrote:
        await save_kept_states(session=session, member=member, state=step.state, day_key=day_key)
    else:
        keep_day_key_state(member, day_key)  # the replay's state is flushed with it
    if streaks.counts(mark, rules) and not had_day:
        await _count_group_day(session=session, chat_id=member.chat_id, day=day, delta=1)
    return Recorded(step, before, rewrote)


async def claim_announcements(
    *,
    session: AsyncSession,
    member: Member,
    state: StreakState,
    kind: str,
    values: list[int],
    day: date,
) -> set[int]:
    """The values of ``kind`` this run announces for the first time (one statement); the
    database's unique key decides, so two replicas never both announce one."""
    if state.run_start is None or not values:
        return set()
    insert = insert_for(session)
    result = await session.execute(
        insert(Announcement)
        .values(
            [
                {
                    "member_id": member.id,
                    "run_start": state.run_start,
                    "kind": kind,
                    "value": value,
                    "day": day,
                }
                for value in values
            ]
        )
        .on_conflict_do_nothing(index_elements=["member_id", "run_start", "kind", "value"])
        .returning(Announcement.value)
    )
    return set(result.scalars())


async def source_seen(*, session: AsyncSession, source: str) -> bool:
    """Whether an update was already recorded (the unique key still guards the race)."""
    result = await session.execute(select(CheckIn.id).where(CheckIn.source == source))
    return result.first() is not None


async def has_counting_entry(
    *, session: AsyncSession, member_id: int, day: date, rules: Rules
) -> bool:
    result = await session.execute(
        select(CheckIn.id)
        .where(
            CheckIn.member_id == member_id,
            CheckIn.day == day,
            CheckIn.kind.in_(counting_kinds(rules)),
        )
        .limit(1)
    )
    return result.first() is not None


async def has_entry(*, session: AsyncSession, member_id: int, day: date) -> bool:
    result = await session.execute(
        select(CheckIn.id).where(CheckIn.member_id == member_id, CheckIn.day == day).limit(1)
    )
    return result.first() is not None


async def history(*, session: AsyncSession, member_id: int) -> dict[date, Mark]:
    """Every day the member has an entry on, DONE winning over FAIL."""
    result = await session.execute(
        select(CheckIn.day, CheckIn.kind).where(CheckIn.member_id == member_id)
    )
    return _strongest(result)


async def replay_member(*, session: AsyncSession, member: Member, rules: Rules) -> StreakState:
    """Rebuild the member's kept streak state and latest day from their whole history (rare:
    undo, late check-in, changed rules). The rest of the day-key state is not a function of
    the history (a late entry looks like any other); its callers keep it."""
    days = await history(session=session, member_id=member.id)
    breaks = await member_breaks(session=session, member_id=member.id)
    state = streaks.replay(days, breaks, rules)
    keep_state(member, state)
    member.last_entry_day = max(days) if days else None
    return state


async def undo_latest(
    *, session: AsyncSession, member: Member, day: date, rules: Rules
) -> CheckIn | None:
    """Remove the member's latest entry of ``day`` and replay; None if there was none."""
    latest = (
        await session.execute(
            select(CheckIn)
            .where(CheckIn.member_id == member.id, CheckIn.day == day)
            .order_by(CheckIn.created_at.desc(), CheckIn.id.desc())
            .limit(1)
        )
    ).scalar_one_or_none()
    if latest is None:
        return None
    removed_at = latest.created_at
    had_day = await has_counting_entry(session=session, member_id=member.id, day=day, rules=rules)
    await session.execute(delete(CheckIn).where(CheckIn.id == latest.id))
    still = await has_counting_entry(session=session, member_id=member.id, day=day, rules=rules)
    if had_day and not still:
        await _count_group_day(session=session, chat_id=member.chat_id, day=day, delta=-1)
    kept = day_key_state_of(member)
    await replay_member(session=session, member=member, rules=rules)
    if not await has_entry(session=session, member_id=member.id, day=day):
        # The day is gone: the check-in that added it no longer counts for the day-key rule.
        keep_day_key_state(member, kept.after_undo(removed_at, member.last_entry_day))
    return latest


async def marks_between(
    *, session: AsyncSession, member_id: int, since: date, until: date
) -> dict[date, Mark]:
    """The member's days in [since, until] with what they hold (DONE wins over FAIL)."""
    result = await session.execute(
        select(CheckIn.day, CheckIn.kind).where(
            CheckIn.member_id == member_id, CheckIn.day >= since, CheckIn.day <= until
        )
    )
    return _strongest(result)


def _strongest(rows: Iterable[tuple[date, str]]) -> dict[date, Mark]:
    days: dict[date, Mark] = {}
    for day, kind in rows:
        if days.get(day) is not Mark.DONE:
            days[day] = Mark(kind)
    return days


async def _count_group_day(*, session: AsyncSession, chat_id: int, day: date, delta: int) -> None:
    if delta > 0:
        await session.execute(
            _COUNT_DAY.of(session), {"chat_id": chat_id, "day": day, "delta": delta}
        )
    else:
        await session.execute(
            update(ChatDay)
            .where(ChatDay.chat_id == chat_id, ChatDay.day == day)
            .values(members=ChatDay.members + delta)
        )
