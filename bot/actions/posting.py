"""What the bot posts by itself in groups: claiming the groups whose post is due, and writing
the posts as intents to send (``bot.store.posts``), once per group, kind and local day.

A claimed group moves to its next post in the same transaction; a post more than
``POST_WINDOW`` late (the bot was down) is skipped, not posted at a strange hour, and the
next one is the first not already past its window. A group whose next post can't be worked
out (a row that can't be read) is backed off (``isolation.Failing``) and the others go on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot import metrics
from bot.actions.isolation import Failing
from bot.actions.places import group_info
from bot.actions.uow import GroupInfo, UnitOfWork
from bot.domain.calendar import local_date
from bot.domain.schedule import POST_WINDOW, PostKind, next_due
from bot.domain.weekly import week_of
from bot.domain.zones import member_zone
from bot.store import posts, schedule
from bot.store.chats import next_due_of, post_times, set_next_due
from bot.store.models import Chat, Post, Reminder
from bot.store.posts import LEASE, new_token


@dataclass(frozen=True, slots=True)
class Due:
    """A group's post claimed to be made now: when it was due, and the group's day then."""

    chat: Chat
    kind: PostKind
    due_at: datetime
    zone: ZoneInfo

    @property
    def day(self) -> date:
        """The group's local date the post is due on: the day it speaks of."""
        return local_date(self.due_at, self.zone)

    @property
    def first_day(self) -> date:
        """The group's first day with the bot, in the group's zone: it had no day before."""
        return local_date(self.chat.created_at, self.zone)

    @property
    def group(self) -> GroupInfo:
        return group_info(self.chat)


@dataclass(frozen=True, slots=True)
class Claimed:
    timely: list[Due]
    late: int  # skipped: past their window


async def claim_due(
    uow: UnitOfWork, kind: PostKind, *, limit: int, failing: Failing
) -> Claimed | None:
    """Up to ``limit`` groups whose ``kind`` is due, each moved to its next one; None when
    none is due."""
    chats = await schedule.due_groups(session=uow.session, kind=kind, now=uow.now, limit=limit)
    if not chats:
        return None
    timely: list[Due] = []
    late = 0
    for chat in chats:
        due_at = next_due_of(chat, kind)
        assert due_at is not None
        try:
            due = move_on(uow, chat, kind, due_at)
        except Exception as error:
            postpone(uow, chat, kind, failing, error)
            continue
        if uow.now - due_at > POST_WINDOW:
            late += 1
        else:
            timely.append(due)
    if late:
        metrics.POSTS.labels(kind.value, "skipped").inc(late)
    return Claimed(timely, late)


def postpone(
    uow: UnitOfWork, chat: Chat, kind: PostKind, failing: Failing, error: Exception
) -> None:
    """The group's ``kind`` could not be made: try again later (``Failing`` says when)."""
    set_next_due(chat, kind, uow.now + failing.failed(kind.value, chat.id, error))


def move_on(uow: UnitOfWork, chat: Chat, kind: PostKind, due_at: datetime) -> Due:
    """Move the group to its next ``kind``: the first after this one that is not already
    past its window (after a long downtime, today's is still to come, not skipped)."""
    zone = member_zone(None, chat.timezone, uow.default_zone)
    after = max(due_at, uow.now - POST_WINDOW)
    set_next_due(chat, kind, next_due(kind, post_times(chat), after, zone))
    return Due(chat, kind, due_at, zone)


@dataclass(frozen=True, slots=True)
class PostText:
    """What a group's post says: its text (a caption with a ``photo``) and its buttons."""

    text: str
    markup: str | None = None  # the keyboard, as JSON
    photo: bytes | None = None


async def record(
    uow: UnitOfWork, kind: PostKind, said: Sequence[tuple[Due, PostText]]
) -> list[posts.ToSend]:
    """Write the posts as intents to send (one statement); those not made before for their
    group's day, held by this process now."""
    drafts = [
        posts.Draft(
            owner=due.chat.id,
            telegram_id=due.chat.telegram_id,
            day=_key_day(kind, due.day),
            text=text.text,
            markup=text.markup,
            window_ends_at=due.due_at + POST_WINDOW,
            topic_id=due.chat.topic_id,
            photo=text.photo,
        )
        for due, text in said
    ]
    return await posts.claim_new(
        session=uow.session,
        kind=kind.value,
        drafts=drafts,
        now=uow.now,
        lease=LEASE,
        token=new_token(),
    )


def _key_day(kind: PostKind, day: date) -> date:
    """The day a post is kept under: a weekly picture's and a weekly pairing's is their
    week's (``weekly.week_of``)."""
    return week_of(day) if kind in (PostKind.WEEKLY, PostKind.PAIRS) else day


async def retries(uow: UnitOfWork, *, limit: int) -> list[posts.ToSend]:
    """The posts and private reminders waiting for another attempt (up to ``limit`` of
    each), held by this process now."""
    token = new_token()
    return [
        sent
        for outbox in (Post, Reminder)
        for sent in await posts.claim_retries(
            session=uow.session,
            outbox=outbox,
            now=uow.now,
            limit=limit,
            lease=LEASE,
            token=token,
        )
    ]
