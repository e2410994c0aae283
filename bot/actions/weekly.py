"""The optional weekly picture: a group's week, and who beat their own best week.

No transaction stays open while a picture is drawn: the weeks due are read first (claiming
nothing), the caller draws them, and each picture is then posted in a transaction of its own
that claims its group only if the picture is still due (another replica may have posted it
meanwhile) and moves it to its next week. A post is kept once per group and calendar week
(``posting``), so a group gets at most one a week whatever the replicas, restarts or
changes of day. Members who left the board (``/top hide``) count in the group's figures but
are not named.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from bot.actions.figures import group_streak_of
from bot.actions.isolation import Failing
from bot.actions.places import group_info
from bot.actions.posting import PostText, move_on, postpone, record
from bot.actions.uow import GroupInfo, UnitOfWork
from bot.domain.groups import ACTIVE_DAYS, group_bar
from bot.domain.schedule import POST_WINDOW, PostKind
from bot.domain.weekly import shown_week_last_day
from bot.domain.weeks import WEEK_DAYS, GroupWeek, KeptBest, group_week, kept_after
from bot.domain.zones import member_zone
from bot.store import posts, schedule
from bot.store.chats import next_due_of, rules_of
from bot.store.histories import keep_best_weeks, week_histories
from bot.store.models import Chat


@dataclass(frozen=True, slots=True)
class WeekDue:
    """A group's weekly picture due: when, and the week to draw (None: too late to post)."""

    chat_id: int
    group: GroupInfo
    due_at: datetime
    week: GroupWeek | None
    kept: dict[int, KeptBest] = field(default_factory=dict)  # best weeks, by member id


async def weeks_due(
    uow: UnitOfWork, *, limit: int, failing: Failing, left_out: Collection[int] = ()
) -> list[WeekDue]:
    """The groups whose weekly picture is due now, with their weeks (nothing is held: the
    pictures are drawn outside any transaction, then ``post_week`` claims each); groups in
    ``left_out`` (chat row ids) were seen already."""
    chats = await schedule.due_groups(
        session=uow.session,
        kind=PostKind.WEEKLY,
        now=uow.now,
        limit=limit,
        hold=False,
        left_out=left_out,
    )
    found = []
    for chat in chats:
        due_at = next_due_of(chat, PostKind.WEEKLY)
        assert due_at is not None
        week: GroupWeek | None = None
        kept: dict[int, KeptBest] = {}
        if uow.now - due_at <= POST_WINDOW:
            try:
                async with uow.session.begin_nested():
                    zone = member_zone(None, chat.timezone, uow.default_zone)
                    week, kept = await _week(uow, chat, shown_week_last_day(due_at, zone))
            except Exception as error:
                failing.failed(PostKind.WEEKLY.value, chat.id, error)
                continue
        found.append(WeekDue(chat.id, group_info(chat), due_at, week, kept))
    return found


async def post_week(
    uow: UnitOfWork,
    due: WeekDue,
    picture: PostText | Exception | None,
    failing: Failing,
) -> list[posts.ToSend]:
    """Claim the group's picture if it is still due, move the group to its next week, and
    write the post: ``picture``, or None when it is too late; an error (it could not be
    drawn) backs the group off instead."""
    chat = await schedule.held_if_still_due(
        session=uow.session, chat_id=due.chat_id, kind=PostKind.WEEKLY, due_at=due.due_at
    )
    if chat is None:
        return []  # another process posted it meanwhile
    if isinstance(picture, Exception):
        postpone(uow, chat, PostKind.WEEKLY, failing, picture)
        return []
    try:
        moved = move_on(uow, chat, PostKind.WEEKLY, due.due_at)
    except Exception as error:
        postpone(uow, chat, PostKind.WEEKLY, failing, error)
        return []
    if picture is None:
        return []
    failing.worked(PostKind.WEEKLY.value, chat.id)
    claimed = await record(uow, PostKind.WEEKLY, [(moved, picture)])
    if claimed:
        await keep_best_weeks(session=uow.session, kept=due.kept)
    return claimed


async def _week(uow: UnitOfWork, chat: Chat, last: date) -> tuple[GroupWeek, dict[int, KeptBest]]:
    """The week ending on ``last``, its best weeks naming only those on the board, and each
    member's best week to keep once it is posted. Reads the week (and the days before it
    that "active" needs) and the group streak's recent day counts, not the group's history
    (the run before those is the one the cue keeps)."""
    first = last - timedelta(days=WEEK_DAYS - 1)
    members = await week_histories(
        session=uow.session, chat_id=chat.id, since=first - timedelta(days=ACTIVE_DAYS), until=last
    )
    rules, share = rules_of(chat), chat.group_share
    histories = [m.history for m in members]
    week = group_week(histories, rules, last, share_percent=share)
    # The histories hold the week alone; the group streak goes back as far as it runs.
    bar = group_bar(share, week.days[-1].active)
    week = replace(week, group_streak=await group_streak_of(uow, chat, last, bar))
    if any(m.hidden for m in members):
        shown = [m.history for m in members if not m.hidden]
        week = replace(
            week, best_weeks=group_week(shown, rules, last, share_percent=share).best_weeks
        )
    kept = {m.member_id: kept_after(m.history, rules, last) for m in members}
    return week, kept
