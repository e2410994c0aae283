"""The outbox of posts (cue, recap, welcome): the intent is written when a post is claimed,
the post is sent, then marked; one that failed for a passing reason waits for its next
attempt until its window ends.

The unique key (group, kind, local day) makes each post once per day, whatever the number of
replicas; the lease (``leased_until``) makes one process at a time send it, and lets another
take it over when that one died.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot import metrics
from bot.store.db import insert_for, is_postgres
from bot.store.models import Chat, Post, Reminder

# The outboxes that share this module's ways: the groups' posts, and private reminders
# (bot.store.reminders claims those).
Outbox = type[Post] | type[Reminder]


class PostKind(StrEnum):
    CUE = "cue"
    RECAP = "recap"
    WELCOME = "welcome"
    WEEKLY = "weekly"


class PostState(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    DROPPED = "dropped"  # refused by Telegram, or the bot is no longer in the group
    LATE = "late"  # its window passed before it could be sent


@dataclass(frozen=True, slots=True)
class Draft:
    """A post about to be claimed: for which group (chat row id) and local day, and what."""

    chat_id: int
    day: date
    text: str
    markup: str | None
    topic_id: int | None
    window_ends_at: datetime
    photo: bytes | None = None  # a picture, ``text`` being its caption


@dataclass(frozen=True, slots=True)
class ToSend:
    """A claimed post, ready for the courier; ``token`` names this process's hold on it."""

    post_id: int
    token: str
    telegram_id: int
    topic_id: int | None
    text: str
    markup: str | None
    window_ends_at: datetime | None
    kind: str = PostKind.CUE.value
    photo: bytes | None = None
    outbox: Outbox = Post  # the table its row is in


def new_token() -> str:
    return secrets.token_hex(16)


async def claim_new(
    *,
    session: AsyncSession,
    kind: PostKind,
    drafts: Sequence[Draft],
    now: datetime,
    lease: timedelta,
    token: str,
) -> dict[int, int]:
    """Write the drafts (one statement); the ones not posted before that local day, as
    chat id -> post id. They are leased to this process (``token``) for ``lease``."""
    if not drafts:
        return {}
    insert = insert_for(session)
    result = await session.execute(
        insert(Post)
        .values(
            [
                {
                    "chat_id": d.chat_id,
                    "kind": kind.value,
                    "day": d.day,
                    "posted_at": now,
                    "state": PostState.PENDING.value,
                    "text": d.text,
                    "markup": d.markup,
                    "photo": d.photo,
                    "topic_id": d.topic_id,
                    "window_ends_at": d.window_ends_at,
                    "leased_until": now + lease,
                    "lease_token": token,
                }
                for d in drafts
            ]
        )
        .on_conflict_do_nothing(index_elements=["chat_id", "kind", "day"])
        .returning(Post.chat_id, Post.id)
    )
    return {chat_id: post_id for chat_id, post_id in result}


async def claim_retries(
    *, session: AsyncSession, now: datetime, limit: int, lease: timedelta, token: str
) -> list[ToSend]:
    """Pending posts whose next attempt is due and that no live process holds: leased to this
    one now. Those whose window has passed are marked late instead."""
    query = (
        select(Post, Chat.telegram_id, Chat.active)
        .join(Chat, Chat.id == Post.chat_id)
        .where(
            Post.state == PostState.PENDING.value,
            or_(Post.next_attempt_at.is_(None), Post.next_attempt_at <= now),
            or_(Post.leased_until.is_(None), Post.leased_until <= now),
        )
        .order_by(Post.id)
        .limit(limit)
    )
    if is_postgres(session):
        query = query.with_for_update(of=Post, skip_locked=True)
    claimed: list[ToSend] = []
    for post, telegram_id, active in await session.execute(query):
        if not active:
            post.state = PostState.DROPPED.value
            metrics.POSTS.labels(post.kind, "dropped").inc()
        elif post.window_ends_at is not None and post.window_ends_at < now:
            post.state = PostState.LATE.value
            metrics.POSTS.labels(post.kind, "late").inc()
        else:
            post.leased_until, post.lease_token = now + lease, token
            claimed.append(
                ToSend(
                    post_id=post.id,
                    token=token,
                    telegram_id=telegram_id,
                    topic_id=post.topic_id,
                    text=post.text,
                    markup=post.markup,
                    window_ends_at=post.window_ends_at,
                    kind=post.kind,
                    photo=post.photo,
                )
            )
    return claimed


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
    """Sent, or dropped for good; only while the hold is still ``token``'s."""
    values: dict[str, object] = {"state": state.value, "leased_until": None, "lease_token": None}
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
