"""A group that became a supergroup: everything it had follows it to the new chat id.

Telegram gives the supergroup a new id. When the bot learns of the upgrade before anything
happens in the supergroup, moving is changing one column. But members may have checked in in
the supergroup first (the migration message came late, or was missed and the bot found out
when posting): then the new id already has rows of its own, and they are merged into the
moved group, never deleted. A person in both becomes one member whose history is the union of
both, and whose streak is replayed from it.

Every table that hangs off a chat or a member is named here; a test checks that none is
forgotten when a table is added.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.store.buddies import end_broken_pairs
from bot.store.chats import get_chat
from bot.store.db import insert_for
from bot.store.members import day_key_state_of, keep_day_key_state
from bot.store.models import (
    Announcement,
    Break,
    Buddy,
    BuddyPair,
    Challenge,
    ChallengeMember,
    Chat,
    ChatDay,
    CheckIn,
    Cheer,
    Goal,
    Member,
    Post,
    Quest,
    QuestBadge,
    Target,
)

# Settings a group can choose; one chosen in the supergroup (not the default) wins.
SETTINGS = (
    "timezone",
    "cue_time",
    "recap_time",
    "rest_days",
    "freeze_every",
    "freeze_max",
    "max_break_days",
    "fail_counts",
    "group_share",
    "at_risk_mentions",
    "topic_id",
    "language",
    "board",
    "weekly_day",
    "weekly_time",
    "show_plans",
    "quest",
    "first_weekday",
    "proof_required",
    "buddies_weekly",
)
SCHEDULE = ("next_cue_at", "next_recap_at", "next_weekly_at", "next_pairs_at")
# What the merge moves, by table: kept in step with the models by a test.
MERGED_BY_CHAT = frozenset(
    {"members", "chat_days", "posts", "targets", "buddy_pairs", "challenges", "quests"}
)
MERGED_BY_MEMBER = frozenset(
    {
        "checkins",
        "goals",
        "breaks",
        "announcements",
        "cheers",
        "targets",
        "buddies",
        "challenge_members",
        "quest_badges",
    }
)


async def move_chat(*, session: AsyncSession, old_telegram_id: int, new_telegram_id: int) -> bool:
    """The group ``old_telegram_id`` is now ``new_telegram_id``: its row, and so all its data,
    follows; rows already made under the new id are merged into it. True when rows were
    merged (the streaks must then be replayed from the union of both histories).

    Telegram tells both chats of the upgrade, and the two messages may be handled at once:
    the old row is locked, so the second move finds it gone (and does nothing) instead of
    finding the first move's result under the new id and merging a group into itself.
    """
    moved = await get_chat(session=session, telegram_id=old_telegram_id, lock=True)
    if moved is None:
        return False
    arrived = await get_chat(session=session, telegram_id=new_telegram_id, lock=True)
    if arrived is None or arrived.id == moved.id:
        moved.telegram_id, moved.previous_telegram_id = new_telegram_id, old_telegram_id
        return False
    await _merge_into(session, moved, arrived)
    moved.telegram_id, moved.previous_telegram_id = new_telegram_id, old_telegram_id
    await session.flush()
    return True


async def _merge_into(session: AsyncSession, moved: Chat, arrived: Chat) -> None:
    """Merge ``arrived`` (the rows made under the new id) into ``moved`` and delete it."""
    _keep_chosen_settings(moved, arrived)
    moved.title, moved.is_forum, moved.active = arrived.title, arrived.is_forum, arrived.active
    # A post turned on in the supergroup only keeps the schedule it got there.
    for column in SCHEDULE:
        if getattr(moved, column) is None:
            setattr(moved, column, getattr(arrived, column))
    await _merge_challenges(session, moved, arrived)
    pairs = await _members_in_both(session, moved.id, arrived.id)
    for kept, extra in pairs:
        await _merge_member(session, kept, extra)
    await session.execute(
        update(Member).where(Member.chat_id == arrived.id).values(chat_id=moved.id)
    )
    # Targets set in the supergroup, the group's and its members', were set later: they
    # follow the older ones (the later of two for one week wins).
    await session.execute(
        update(Target).where(Target.chat_id == arrived.id).values(chat_id=moved.id)
    )
    await session.execute(
        update(BuddyPair).where(BuddyPair.chat_id == arrived.id).values(chat_id=moved.id)
    )
    await end_broken_pairs(session=session, chat_id=moved.id)
    await _move_unique(session, Post, ["chat_id", "kind", "day"], arrived.id, moved)
    await _merge_quests(session, moved, arrived)
    # The day counts are rebuilt from the entries by the caller's replay; the old ones go.
    await session.execute(delete(ChatDay).where(ChatDay.chat_id == arrived.id))
    await session.delete(arrived)
    await session.flush()


def _keep_chosen_settings(moved: Chat, arrived: Chat) -> None:
    defaults = Chat.__table__.columns
    for name in SETTINGS:
        default = defaults[name].default
        default_value = None if default is None else getattr(default, "arg", None)
        chosen = getattr(arrived, name)
        if chosen != default_value:
            setattr(moved, name, chosen)


async def _members_in_both(
    session: AsyncSession, moved_id: int, arrived_id: int
) -> list[tuple[Member, Member]]:
    arrived = (
        (await session.execute(select(Member).where(Member.chat_id == arrived_id))).scalars().all()
    )
    by_user = {m.user_id: m for m in arrived}
    kept = (
        (
            await session.execute(
                select(Member).where(Member.chat_id == moved_id, Member.user_id.in_(by_user))
            )
        )
        .scalars()
        .all()
    )
    return [(member, by_user[member.user_id]) for member in kept]


async def _merge_member(session: AsyncSession, kept: Member, extra: Member) -> None:
    """One person in both: their entries, breaks, goals, announcements, cheers, targets,
    challenges and quest badges go to ``kept``."""
    # The same media proved a check-in on both sides: it stays proof of both days, but
    # counts once (the unique key on member and media).
    kept_proofs = select(CheckIn.proof_id).where(
        CheckIn.member_id == kept.id, CheckIn.proof_id.is_not(None)
    )
    await session.execute(
        update(CheckIn)
        .where(CheckIn.member_id == extra.id, CheckIn.proof_id.in_(kept_proofs))
        .values(proof_id=None)
    )
    for table in (CheckIn, Break, Cheer, Target):
        await session.execute(
            update(table).where(table.member_id == extra.id).values(member_id=kept.id)
        )
    # A badge for one quest on both sides: once.
    await _move_unique(session, QuestBadge, ["member_id", "quest_id"], extra.id, kept, "member_id")
    # Joined a challenge on both sides: once.
    await _move_unique(
        session, ChallengeMember, ["challenge_id", "member_id"], extra.id, kept, "member_id"
    )
    await _merge_goals(session, kept, extra)
    await _merge_buddy(session, kept, extra)
    await _move_unique(
        session,
        Announcement,
        ["member_id", "run_start", "kind", "value"],
        extra.id,
        kept,
    )
    # Cheers given on both sides: message ids of the two chats may meet; one of such a pair
    # goes (the counts received are kept on the members, unchanged).
    await _move_unique(session, Cheer, ["giver_id", "message_id"], extra.id, kept, "giver_id")
    # What the person chose in the supergroup is the newer choice.
    if extra.timezone is not None:
        kept.timezone = extra.timezone
        kept.previous_timezone = extra.previous_timezone
        kept.timezone_changed_at = extra.timezone_changed_at
    # Check-ins on both sides, with the zones they were made in, count towards the day-key
    # rule's 24 hours.
    keep_day_key_state(kept, day_key_state_of(kept).merged_with(day_key_state_of(extra)))
    if extra.plan_what is not None:
        kept.plan_when, kept.plan_what = extra.plan_when, extra.plan_what
        kept.plan_set_at = extra.plan_set_at
    kept.remind = extra.remind
    if extra.away_since is not None:  # away in the supergroup: their return is still to come
        kept.away_since = extra.away_since
    kept.board_hidden = extra.board_hidden
    kept.cheers_received += extra.cheers_received
    kept.first_name, kept.username = extra.first_name, extra.username
    await session.delete(extra)
    await session.flush()


async def _merge_challenges(session: AsyncSession, moved: Chat, arrived: Chat) -> None:
    """The challenges follow the group. One at a time: if both have one not finished, the
    one started first goes on and the other is stopped."""
    current = (
        (
            await session.execute(
                select(Challenge)
                .where(
                    Challenge.chat_id.in_([moved.id, arrived.id]), Challenge.finished_at.is_(None)
                )
                .order_by(Challenge.created_at, Challenge.id)
            )
        )
        .scalars()
        .all()
    )
    for later in current[1:]:
        later.finished_at, later.stopped = later.created_at, True
    await session.flush()
    await session.execute(
        update(Challenge).where(Challenge.chat_id == arrived.id).values(chat_id=moved.id)
    )


async def _merge_quests(session: AsyncSession, moved: Chat, arrived: Chat) -> None:
    """The quests follow the group; of one week's quest on both sides, the moved group's is
    kept, and the badges of the other move to it."""
    ours = {
        quest.week: quest
        for quest in (
            await session.execute(select(Quest).where(Quest.chat_id == moved.id))
        ).scalars()
    }
    theirs = (await session.execute(select(Quest).where(Quest.chat_id == arrived.id))).scalars()
    for quest in list(theirs):
        kept = ours.get(quest.week)
        if kept is None:
            quest.chat_id = moved.id
            continue
        badges = (
            await session.execute(select(QuestBadge).where(QuestBadge.quest_id == quest.id))
        ).scalars()
        for badge in list(badges):
            await session.execute(_insert_badge(session, badge.member_id, kept.id))
        await session.delete(quest)
    await session.flush()


def _insert_badge(session: AsyncSession, member_id: int, quest_id: int) -> Any:
    insert = insert_for(session)
    return (
        insert(QuestBadge)
        .values(member_id=member_id, quest_id=quest_id)
        .on_conflict_do_nothing(index_elements=["member_id", "quest_id"])
    )


async def _merge_buddy(session: AsyncSession, kept: Member, extra: Member) -> None:
    """A pair made in the supergroup goes with the person unless they had one already; a
    pair left with one member ends after the merge."""
    had = (await session.execute(select(Buddy).where(Buddy.member_id == kept.id))).first()
    if had is None:
        await session.execute(
            update(Buddy).where(Buddy.member_id == extra.id).values(member_id=kept.id)
        )
    else:
        await session.execute(delete(Buddy).where(Buddy.member_id == extra.id))


async def _merge_goals(session: AsyncSession, kept: Member, extra: Member) -> None:
    """Reached goals all stay; of two open goals, the supergroup's words win, as if set anew."""
    open_goal = (
        await session.execute(
            select(Goal).where(Goal.member_id == kept.id, Goal.achieved_at.is_(None))
        )
    ).scalar_one_or_none()
    newer = (
        await session.execute(
            select(Goal).where(Goal.member_id == extra.id, Goal.achieved_at.is_(None))
        )
    ).scalar_one_or_none()
    if open_goal is not None and newer is not None:
        open_goal.text = newer.text
        await session.delete(newer)
        await session.flush()
    await session.execute(update(Goal).where(Goal.member_id == extra.id).values(member_id=kept.id))


async def _move_unique(
    session: AsyncSession,
    table: type[Post] | type[Announcement] | type[Cheer] | type[ChallengeMember] | type[QuestBadge],
    key: list[str],
    from_id: int,
    to: Chat | Member,
    owner_column: str | None = None,
) -> None:
    """Re-parent rows under a unique key: copy those the target lacks, drop the rest. The
    owner is ``owner_column``, else the table's chat_id or member_id."""
    columns = [c for c in table.__table__.columns if c.name != "id"]
    names = (owner_column,) if owner_column else ("chat_id", "member_id")
    owner = next(c for c in columns if c.name in names)
    rows = (await session.execute(select(*columns).where(owner == from_id))).mappings().all()
    if rows:
        insert = insert_for(session)
        values = [{**row, owner.name: to.id} for row in rows]
        await session.execute(
            insert(table).values(values).on_conflict_do_nothing(index_elements=key)
        )
    await session.execute(delete(table).where(owner == from_id))
