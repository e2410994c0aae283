"""Check-ins: their entries (kept idempotently), the group's count of who showed up each
day, the announcements made once per run, and the history the views need."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.streaks import Mark, Rules, counts, strongest_marks
from bot.store.db import PerDialect, insert_for, table_of
from bot.store.models import Announcement, ChatDay, CheckIn, Member

# Each kind as its Mark: a dict lookup, where Mark(kind) costs ten times more for each of
# the thousands of rows a history has.
MARKS = {mark.value: mark for mark in Mark}


def counting_kinds(rules: Rules) -> list[str]:
    """The entry kinds that make a day count under ``rules``."""
    return [mark.value for mark in Mark if counts(mark, rules)]


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
                _checkins.proof: bindparam("proof"),
                _checkins.proof_id: bindparam("proof_id"),
            }
        )
        # Either unique key: the same update again (source), or the same media again
        # (member, proof_id); ``proof_counted_on`` tells the two apart.
        .on_conflict_do_nothing()
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
    proof: str | None = None,
    proof_id: str | None = None,
) -> bool:
    """Store the entry; False if ``source`` was already recorded (a redelivered update), or
    the member's entry with the same ``proof_id`` was."""
    result = await session.execute(
        _ADD_ENTRY.of(session),
        {
            "member_id": member.id,
            "day": day,
            "kind": mark.value,
            "note": note,
            "created_at": at,
            "source": source,
            "proof": proof,
            "proof_id": proof_id,
        },
    )
    return result.scalar_one_or_none() is not None


async def proof_counted_on(
    *, session: AsyncSession, member_id: int, proof_id: str, source: str
) -> date | None:
    """The day of the member's entry with ``proof_id`` made by something other than
    ``source`` (the same media used before); None if there is none."""
    result = await session.execute(
        select(CheckIn.day).where(
            CheckIn.member_id == member_id,
            CheckIn.proof_id == proof_id,
            CheckIn.source != source,
        )
    )
    return result.scalar_one_or_none()


async def proof_days(*, session: AsyncSession, member_id: int, since: date) -> dict[date, str]:
    """The member's days from ``since`` on with an entry that came with proof, and the kind
    of media it was (bot.domain.proof.ProofKind; a day's latest such entry's)."""
    result = await session.execute(
        select(CheckIn.day, CheckIn.proof)
        .where(CheckIn.member_id == member_id, CheckIn.day >= since, CheckIn.proof.is_not(None))
        .order_by(CheckIn.created_at, CheckIn.id)
    )
    return {day: str(kind) for day, kind in result}


async def claim_announcements(
    *,
    session: AsyncSession,
    member: Member,
    run_start: date | None,
    kind: str,
    values: list[int],
    day: date,
) -> set[int]:
    """The values of ``kind`` the run from ``run_start`` announces for the first time (one
    statement); the database's unique key decides, so two replicas never both announce one."""
    if run_start is None or not values:
        return set()
    insert = insert_for(session)
    result = await session.execute(
        insert(Announcement)
        .values(
            [
                {
                    "member_id": member.id,
                    "run_start": run_start,
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
    return strongest_marks((day, MARKS[kind]) for day, kind in result)


async def latest_entry_of(*, session: AsyncSession, member_id: int, day: date) -> CheckIn | None:
    """The member's latest entry of ``day``, if any."""
    result = await session.execute(
        select(CheckIn)
        .where(CheckIn.member_id == member_id, CheckIn.day == day)
        .order_by(CheckIn.created_at.desc(), CheckIn.id.desc())
        .limit(1)
    )
    return result.scalar_one_or_none()


async def remove_entry(*, session: AsyncSession, entry: CheckIn) -> None:
    await session.execute(delete(CheckIn).where(CheckIn.id == entry.id))


async def count_group_day(*, session: AsyncSession, chat_id: int, day: date, delta: int) -> None:
    """One member more (or fewer) showed up in the group on ``day``."""
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


async def counted_days(
    *,
    session: AsyncSession,
    member_ids: Sequence[int],
    first: date,
    last: date,
    kinds: Sequence[str],
) -> dict[int, set[date]]:
    """Each member's days from ``first`` to ``last`` with an entry of ``kinds`` (members
    without one are left out): a window's read, never a whole history."""
    found: dict[int, set[date]] = defaultdict(set)
    if not member_ids:
        return found
    rows = await session.execute(
        select(CheckIn.member_id, CheckIn.day)
        .where(
            CheckIn.member_id.in_(list(member_ids)),
            CheckIn.day >= first,
            CheckIn.day <= last,
            CheckIn.kind.in_(list(kinds)),
        )
        .distinct()
    )
    for member_id, day in rows:
        found[member_id].add(day)
    return found


async def notes_since(*, session: AsyncSession, member_id: int, since: date) -> dict[date, str]:
    """What the member wrote with their entries from ``since`` on, by day (a day's latest
    words; days with nothing written are left out)."""
    result = await session.execute(
        select(CheckIn.day, CheckIn.note)
        .where(CheckIn.member_id == member_id, CheckIn.day >= since, CheckIn.note != "")
        .order_by(CheckIn.created_at, CheckIn.id)
    )
    return {day: note for day, note in result}
