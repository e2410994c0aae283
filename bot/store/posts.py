"""The outboxes of what the bot posts by itself: the groups' posts (cue, recap, welcome,
weekly picture) and private reminders. The intent is written when a post is claimed, the
post is sent, then marked; one that failed for a passing reason waits for its next attempt
until its window ends.

The unique keys (group, kind, local day; person, local day) make each post once per day,
whatever the number of replicas; the lease (``leased_until``) makes one process at a time
send it, and lets another take it over when that one died.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import Select, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot import metrics
from bot.store.db import insert_for, is_postgres
from bot.store.models import Chat, Post, PrivateUser, Reminder

# The outboxes that share this module's ways.
Outbox = type[Post] | type[Reminder]
# A private reminder's kind, beside the groups' posts' (bot.domain.schedule.PostKind).
REMINDER = "reminder"
# How long a process holds a post it claimed (or is about to send) before another may take
# it over: it died. Longer than one attempt at sending takes (bot.outbox.posts).
LEASE = timedelta(minutes=5)


class PostState(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    DROPPED = "dropped"  # refused by Telegram, or the bot is no longer in the group
    LATE = "late"  # its window passed before it could be sent


@dataclass(frozen=True, slots=True)
class Draft:
    """A post about to be claimed: for whom (a group's row id and Telegram id, or a
    person's user id for a reminder), for which local day, and what."""

    owner: int  # the group's row id; a person's user id for a reminder
    telegram_id: int  # the chat it goes to
    day: date
    text: str
    markup: str | None
    window_ends_at: datetime
    topic_id: int | None = None
    photo: bytes | None = None  # a picture, ``text`` being its caption


@dataclass(frozen=True, slots=True)
class ToSend:
    """A claimed post, ready for the courier; ``token`` names this process's hold on it."""

    post_id: int
    token: str
    telegram_id: int
    text: str
    kind: str
    window_ends_at: datetime | None
    topic_id: int | None = None
    markup: str | None = None
    photo: bytes | None = None
    outbox: Outbox = Post  # the table its row is in


def new_token() -> str:
    return secrets.token_hex(16)


async def claim_new(
    *,
    session: AsyncSession,
    kind: str,
    drafts: Sequence[Draft],
    now: datetime,
    lease: timedelta,
    token: str,
) -> list[ToSend]:
    """Write the drafts (one statement); those not posted before for their owner and local
    day, leased to this process (``token``) for ``lease``, ready to send."""
    if not drafts:
        return []
    outbox: Outbox = Reminder if kind == REMINDER else Post
    owner = Reminder.user_id if outbox is Reminder else Post.chat_id
    rows = [_row(outbox, kind, d, now + lease, token, now) for d in drafts]
    insert = insert_for(session)
    result = await session.execute(
        insert(outbox)
        .values(rows)
        .on_conflict_do_nothing(index_elements=_UNIQUE[outbox])
        .returning(owner, outbox.id)
    )
    fresh = dict(result.all())
    return [
        ToSend(
            post_id=fresh[d.owner],
            token=token,
            telegram_id=d.telegram_id,
            text=d.text,
            kind=kind,
            window_ends_at=d.window_ends_at,
            topic_id=d.topic_id,
            markup=d.markup,
            photo=d.photo,
            outbox=outbox,
        )
        for d in drafts
        if d.owner in fresh
    ]


_UNIQUE: dict[Outbox, list[str]] = {Post: ["chat_id", "kind", "day"], Reminder: ["user_id", "day"]}


def _row(
    outbox: Outbox, kind: str, d: Draft, leased_until: datetime, token: str, now: datetime
) -> dict[str, Any]:
    row: dict[str, Any] = {
        "day": d.day,
        "claimed_at": now,
        "state": PostState.PENDING.value,
        "text": d.text,
        "markup": d.markup,
        "window_ends_at": d.window_ends_at,
        "attempts": 0,
        "leased_until": leased_until,
        "lease_token": token,
    }
    if outbox is Reminder:
        row["user_id"] = d.owner
    else:
        row |= {"chat_id": d.owner, "kind": kind, "photo": d.photo, "topic_id": d.topic_id}
    return row


async def claim_retries(
    *,
    session: AsyncSession,
    outbox: Outbox,
    now: datetime,
    limit: int,
    lease: timedelta,
    token: str,
) -> list[ToSend]:
    """Pending rows whose next attempt is due and that no live process holds: leased to this
    one now. Those whose window has passed are marked late, those that may no longer go
    (the bot left the group, the person blocked it) dropped."""
    query = _recipients(outbox).where(
        outbox.state == PostState.PENDING.value,
        or_(outbox.next_attempt_at.is_(None), outbox.next_attempt_at <= now),
        or_(outbox.leased_until.is_(None), outbox.leased_until <= now),
    )
    query = query.order_by(outbox.id).limit(limit)
    if is_postgres(session):
        query = query.with_for_update(of=outbox, skip_locked=True)
    claimed: list[ToSend] = []
    for row, telegram_id, may_go in await session.execute(query):
        kind = REMINDER if outbox is Reminder else row.kind
        if not may_go:
            _give_up(row, PostState.DROPPED)
            metrics.POSTS.labels(kind, "dropped").inc()
        elif row.window_ends_at is not None and row.window_ends_at < now:
            _give_up(row, PostState.LATE)
            metrics.POSTS.labels(kind, "late").inc()
        else:
            row.leased_until, row.lease_token = now + lease, token
            claimed.append(
                ToSend(
                    post_id=row.id,
                    token=token,
                    telegram_id=telegram_id,
                    text=row.text,
                    kind=kind,
                    window_ends_at=row.window_ends_at,
                    topic_id=None if outbox is Reminder else row.topic_id,
                    markup=row.markup,
                    photo=None if outbox is Reminder else row.photo,
                    outbox=outbox,
                )
            )
    return claimed


def _give_up(row: Post | Reminder, state: PostState) -> None:
    """It will not be sent: nor is its picture needed any more."""
    row.state = state.value
    if isinstance(row, Post):
        row.photo = None


def _recipients(outbox: Outbox) -> Select[Any, int, bool]:
    """An outbox's rows with where each goes and whether it still may: a group the bot is
    still in, a person who has not blocked it."""
    if outbox is Post:
        return select(Post, Chat.telegram_id, Chat.active).join(Chat, Chat.id == Post.chat_id)
    return select(Reminder, Reminder.user_id, PrivateUser.blocked.is_(False)).outerjoin(
        PrivateUser, PrivateUser.user_id == Reminder.user_id
    )


async def hold_to_send(
    *,
    session: AsyncSession,
    post_id: int,
    token: str,
    now: datetime,
    lease: timedelta,
    outbox: Outbox = Post,
) -> bool:
    """Right before sending: still this process's to send? Then hold it for ``lease`` more
    (a post may wait in a queue longer than its first lease when many are due at once)."""
    result = await session.execute(
        update(outbox)
        .where(
            outbox.id == post_id,
            outbox.lease_token == token,
            outbox.state == PostState.PENDING.value,
        )
        .values(leased_until=now + lease)
    )
    return bool(getattr(result, "rowcount", 0))


async def finish(
    *,
    session: AsyncSession,
    post_id: int,
    token: str,
    state: PostState,
    now: datetime,
    outbox: Outbox = Post,
) -> None:
    """Sent, or dropped for good; only while the hold is still ``token``'s. Its picture is
    not needed any more."""
    values: dict[str, object] = {
        "state": state.value,
        "leased_until": None,
        "lease_token": None,
    }
    if outbox is Post:
        values["photo"] = None
    if state is PostState.SENT:
        values["sent_at"] = now
    await session.execute(
        update(outbox).where(outbox.id == post_id, outbox.lease_token == token).values(**values)
    )


async def retry_later(
    *,
    session: AsyncSession,
    post_id: int,
    token: str,
    now: datetime,
    backoff: timedelta,
    outbox: Outbox = Post,
) -> None:
    """It failed for a passing reason: free it, to be tried again after ``backoff``."""
    await session.execute(
        update(outbox)
        .where(
            outbox.id == post_id,
            outbox.lease_token == token,
            outbox.state == PostState.PENDING.value,
        )
        .values(
            attempts=outbox.attempts + 1,
            next_attempt_at=now + backoff,
            leased_until=None,
            lease_token=None,
        )
    )
