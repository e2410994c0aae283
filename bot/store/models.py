"""The tables, as typed SQLAlchemy models.

Telegram ids are BigInteger (user and chat ids exceed 32 bits). Every instant is stored
time-zone aware and read back in UTC, on SQLite as on PostgreSQL. A chat has its own
surrogate key, so a group upgraded to a supergroup moves by changing one column.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    Time,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Surrogate keys: BIGINT on PostgreSQL, but SQLite only auto-increments "INTEGER PRIMARY KEY".
Id = BigInteger().with_variant(Integer(), "sqlite")

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """A time-zone aware instant; SQLite keeps no zone, so it is stored and read as UTC."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; pass a time-zone aware instant")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class _WithoutNul:
    """What people type may hold NUL characters; PostgreSQL refuses them in text, SQLite
    keeps them: both get the text without them."""

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        return value.replace("\x00", "") if value else value


class PeopleString(_WithoutNul, TypeDecorator[str]):
    """A short text people chose (a name, a title)."""

    impl = String
    cache_ok = True


class PeopleText(_WithoutNul, TypeDecorator[str]):
    """A text people typed (a note, a goal, a reason)."""

    impl = Text
    cache_ok = True


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UTCDateTime, date: Date, time: Time}  # noqa: RUF012


class Chat(Base):
    """A group the bot is (or was) in, with its settings and its schedule."""

    __tablename__ = "chats"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    telegram_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    # The id the group had before it became a supergroup: the Mini App's buttons posted
    # before still name it by that one.
    previous_telegram_id: Mapped[int | None] = mapped_column(BigInteger, default=None, index=True)
    title: Mapped[str] = mapped_column(PeopleString(255), default="")
    is_forum: Mapped[bool] = mapped_column(Boolean, default=False)
    # False once the bot is removed or blocked: no posts, data kept.
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime]

    # Settings (docs/admins.md, "Group settings"). None where "off" or "use the default".
    timezone: Mapped[str | None] = mapped_column(String(64), default=None)
    cue_time: Mapped[time | None] = mapped_column(default=time(9, 0))
    recap_time: Mapped[time | None] = mapped_column(default=time(21, 0))
    rest_days: Mapped[int] = mapped_column(Integer, default=0)  # bit d set = weekday d rests
    freeze_every: Mapped[int] = mapped_column(Integer, default=7)
    freeze_max: Mapped[int] = mapped_column(Integer, default=2)
    max_break_days: Mapped[int] = mapped_column(Integer, default=14)
    fail_counts: Mapped[bool] = mapped_column(Boolean, default=True)
    group_share: Mapped[int] = mapped_column(Integer, default=0)  # percent; 0 = one member
    at_risk_mentions: Mapped[bool] = mapped_column(Boolean, default=True)
    topic_id: Mapped[int | None] = mapped_column(BigInteger, default=None)
    # What the bot speaks here (bot.i18n.LANGUAGES); groups from before it was chosen: English.
    language: Mapped[str] = mapped_column(String(8), default="en", server_default="en")
    # How much /top shows (bot.domain.board.BoardMode).
    board: Mapped[str] = mapped_column(String(8), default="top", server_default="top")
    # The weekly picture: weekday (0 = Monday) and local time; both None when it is off.
    weekly_day: Mapped[int | None] = mapped_column(Integer, default=None)
    weekly_time: Mapped[time | None] = mapped_column(default=None)
    # The cue shows the members' if-then plans beside their names (/settings plans).
    show_plans: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    # A shared goal each week (/settings quest; bot.domain.quests).
    quest: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    # The week's first day (0 = Monday ... 6 = Sunday) for weekly targets (/settings week);
    # None: the one the group's language has (bot.domain.week_start_day).
    first_weekday: Mapped[int | None] = mapped_column(Integer, default=None)
    # A /done counts only with a photo, video, voice note or document (/settings proof).
    proof_required: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    # The bot pairs the group's active members anew each Monday (/settings buddies weekly).
    buddies_weekly: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")

    # The group streak's run as last counted back past the recent days (bot.actions.figures):
    # with this bar, every day from its first day to the day it was counted to met it (days
    # that old change only by a replay or a /forgetme, which clear it). A long group streak
    # is then told without reading its days again.
    run_bar: Mapped[int | None] = mapped_column(Integer, default=None)
    run_first_day: Mapped[date | None] = mapped_column(default=None)
    run_counted_to: Mapped[date | None] = mapped_column(default=None)

    # The schedule: the next instants a cue and a recap are due, claimed by one process.
    next_cue_at: Mapped[datetime | None] = mapped_column(default=None, index=True)
    next_recap_at: Mapped[datetime | None] = mapped_column(default=None, index=True)
    next_weekly_at: Mapped[datetime | None] = mapped_column(default=None, index=True)
    next_pairs_at: Mapped[datetime | None] = mapped_column(default=None, index=True)


class Member(Base):
    """A person in one group, with their streak state kept for speed (equal to a replay)."""

    __tablename__ = "members"
    __table_args__ = (UniqueConstraint("chat_id", "user_id"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    chat_id: Mapped[int] = mapped_column(ForeignKey("chats.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(BigInteger, index=True)
    first_name: Mapped[str] = mapped_column(PeopleString(255), default="")
    username: Mapped[str | None] = mapped_column(PeopleString(64), default=None)
    joined_at: Mapped[datetime]

    timezone: Mapped[str | None] = mapped_column(String(64), default=None)
    previous_timezone: Mapped[str | None] = mapped_column(String(64), default=None)
    timezone_changed_at: Mapped[datetime | None] = mapped_column(default=None)
    remind: Mapped[bool] = mapped_column(Boolean, default=True)
    cheers_received: Mapped[int] = mapped_column(Integer, default=0)
    # Left the leaderboard (/top hide); their check-ins still count for the group streak.
    board_hidden: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")

    # The kept streak state (bot.domain.streaks.StreakState) and the latest entry's day.
    streak_current: Mapped[int] = mapped_column(Integer, default=0)
    streak_best: Mapped[int] = mapped_column(Integer, default=0)
    streak_best_before_run: Mapped[int] = mapped_column(Integer, default=0)
    streak_last_day: Mapped[date | None] = mapped_column(default=None)
    streak_run_start: Mapped[date | None] = mapped_column(default=None)
    streak_previous_day: Mapped[date | None] = mapped_column(default=None)
    freezes: Mapped[int] = mapped_column(Integer, default=0)
    last_entry_day: Mapped[date | None] = mapped_column(default=None)
    # With last_entry_day, what the day-key rule keeps (bot.domain.calendar.DayKeyState):
    # when the two latest check-ins that added a day were made, and in which zones (IANA
    # keys; None for days added before the zones were kept).
    day_added_at: Mapped[datetime | None] = mapped_column(default=None)
    prior_day_added_at: Mapped[datetime | None] = mapped_column(default=None)
    day_added_zone: Mapped[str | None] = mapped_column(String(64), default=None)
    prior_day_added_zone: Mapped[str | None] = mapped_column(String(64), default=None)
    # Their if-then plan (bot.domain.plans): the situation (maybe empty), what they'll do,
    # and when they made it; None without one.
    plan_when: Mapped[str | None] = mapped_column(PeopleText, default=None)
    plan_what: Mapped[str | None] = mapped_column(PeopleText, default=None)
    plan_set_at: Mapped[datetime | None] = mapped_column(default=None)
    # Their best week, as the weekly picture keeps it (bot.domain.weeks.KeptBest): the most
    # counted days in one week, over the weeks ending on or before best_week_until (None:
    # never kept; the next picture reads their whole history once).
    best_week: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    best_week_until: Mapped[date | None] = mapped_column(default=None)
    # The kept weekly streak (bot.domain.weekly_streaks.WeeklyState), for weeks with a
    # weekly target (bot.domain.target_streaks): equal to a replay, as the daily one is.
    weekly_current: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    weekly_best: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    weekly_best_before_run: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    weekly_freezes: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    weekly_check_ins: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    weekly_last_week: Mapped[date | None] = mapped_column(default=None)
    weekly_run_start: Mapped[date | None] = mapped_column(default=None)
    weekly_last_day: Mapped[date | None] = mapped_column(default=None)
    # The first day of the announced break the member has not come back from yet, if any: a
    # check-in from that day on is their return (kept so a normal day's check-in needn't ask).
    away_since: Mapped[date | None] = mapped_column(default=None)


class CheckIn(Base):
    """One entry: a /done, a ✅ press or a /fail. ``source`` names what made it, once."""

    __tablename__ = "checkins"
    __table_args__ = (
        Index("ix_checkins_member_day", "member_id", "day"),
        # The same media counts once for a member (NULLs, entries without proof, never meet).
        Index("uq_checkins_member_proof", "member_id", "proof_id", unique=True),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    day: Mapped[date]
    kind: Mapped[str] = mapped_column(String(8))  # bot.domain.streaks.Mark
    note: Mapped[str] = mapped_column(PeopleText, default="")
    created_at: Mapped[datetime]
    # "m:<chat>:<message>" or "b:<chat>:<message>:<user>": a redelivered update is one entry.
    source: Mapped[str] = mapped_column(String(80), unique=True)
    # The media it came with (bot.domain.proof.ProofKind) and Telegram's file_unique_id of
    # it; both None for an entry without proof. An entry merged from a supergroup's twin
    # may keep its kind without the id (the id counted on the other side).
    proof: Mapped[str | None] = mapped_column(String(8), default=None)
    proof_id: Mapped[str | None] = mapped_column(String(64), default=None)


class Goal(Base):
    """A member's goal in a group; at most one open at a time, achieved ones are archived."""

    __tablename__ = "goals"
    __table_args__ = (
        Index(
            "uq_goals_open_per_member",
            "member_id",
            unique=True,
            sqlite_where=text("achieved_at IS NULL"),
            postgresql_where=text("achieved_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(PeopleText)
    created_at: Mapped[datetime]
    achieved_at: Mapped[datetime | None] = mapped_column(default=None)


class Break(Base):
    """An announced break, both ends inclusive in the member's day keys."""

    __tablename__ = "breaks"
    __table_args__ = (Index("ix_breaks_member_end", "member_id", "end_day"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    start_day: Mapped[date]
    end_day: Mapped[date]
    reason: Mapped[str] = mapped_column(PeopleText, default="")
    created_at: Mapped[datetime]
    # Set when the member checked in again and was welcomed back.
    returned_on: Mapped[date | None] = mapped_column(default=None)


class Target(Base):
    """A change of target (bot.domain.targets.TargetChange): a member's own, or the group's
    default (``member_id`` None), in force from the week that ``starts``."""

    __tablename__ = "targets"
    __table_args__ = (Index("ix_targets_chat_member", "chat_id", "member_id"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    chat_id: Mapped[int] = mapped_column(ForeignKey("chats.id", ondelete="CASCADE"))
    member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), default=None
    )
    starts: Mapped[date]
    per_week: Mapped[int | None] = mapped_column(Integer, default=None)  # None: daily
    set_at: Mapped[datetime]


class Announcement(Base):
    """A milestone or personal best told to the group: once per run, as the database decides."""

    __tablename__ = "announcements"
    __table_args__ = (UniqueConstraint("member_id", "run_start", "kind", "value"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    run_start: Mapped[date]
    kind: Mapped[str] = mapped_column(String(16))  # "milestone" or "best"
    value: Mapped[int] = mapped_column(Integer)
    day: Mapped[date]


class ChatDay(Base):
    """How many members of a group showed up on a day: the group streak and the cue's count."""

    __tablename__ = "chat_days"

    chat_id: Mapped[int] = mapped_column(
        ForeignKey("chats.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[date] = mapped_column(primary_key=True)
    members: Mapped[int] = mapped_column(Integer, default=0)


class Post(Base):
    """Something the bot posts by itself (cue, recap, welcome): once per group and local day.

    The row is the intent, written when the post is claimed; it is sent, then marked sent.
    One that failed for a passing reason waits in "pending" for its next attempt, until its
    window ends (bot.outbox.posts).
    """

    __tablename__ = "posts"
    __table_args__ = (
        UniqueConstraint("chat_id", "kind", "day"),
        Index("ix_posts_state_next_attempt_at", "state", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    chat_id: Mapped[int] = mapped_column(ForeignKey("chats.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    day: Mapped[date]
    claimed_at: Mapped[datetime]
    # "pending" until sent; "sent"; "dropped" (refused, or the bot was removed); "late" (its
    # window passed before it could be sent).
    state: Mapped[str] = mapped_column(String(16), default="pending", server_default="sent")
    text: Mapped[str] = mapped_column(Text, default="", server_default="")
    markup: Mapped[str | None] = mapped_column(Text, default=None)  # JSON of the keyboard
    # A picture (PNG; ``text`` is its caption), kept until it is sent or given up.
    photo: Mapped[bytes | None] = mapped_column(LargeBinary, default=None)
    topic_id: Mapped[int | None] = mapped_column(BigInteger, default=None)
    window_ends_at: Mapped[datetime | None] = mapped_column(default=None)
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    next_attempt_at: Mapped[datetime | None] = mapped_column(default=None)
    # A process sending it holds it until then; after that (it died), another may take it.
    # The token says whose hold it is: a process sends only while the hold is still its own.
    leased_until: Mapped[datetime | None] = mapped_column(default=None)
    lease_token: Mapped[str | None] = mapped_column(String(32), default=None)
    sent_at: Mapped[datetime | None] = mapped_column(default=None)


class InboxUpdate(Base):
    """An update from Telegram, kept from its receipt until it is handled and answered.

    Written before Telegram is told it arrived (the next getUpdates offset, or the webhook's
    200), so a process killed with updates in hand loses none: another process (or the next
    start) handles what was not handled and sends the replies that were not sent. ``reply``
    is what the handler said, recorded in the handler's own transaction (bot.intake.inbox).

    While it is not finished, a row belongs to the process that took it (``owner``) as long
    as that process renews its hold (``leased_until``, in real time); once finished, it
    keeps only its update id, for a while, to recognise a redelivery: the payload, the reply
    and the hold go.
    """

    __tablename__ = "inbox"
    __table_args__ = (
        Index("ix_inbox_received_at", "received_at"),
        Index("ix_inbox_leased_until", "leased_until"),
    )

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    chat_id: Mapped[int | None] = mapped_column(BigInteger, default=None)
    # Who sent it, so their updates and the answers to them go when they ask to be forgotten.
    user_id: Mapped[int | None] = mapped_column(BigInteger, default=None)
    payload: Mapped[str] = mapped_column(Text)  # "" once handled
    received_at: Mapped[datetime]
    handled_at: Mapped[datetime | None] = mapped_column(default=None)
    reply: Mapped[str | None] = mapped_column(Text, default=None)  # what is left to send
    replied_at: Mapped[datetime | None] = mapped_column(default=None)
    # The process holding it while it is not finished, and until when (NULL once finished).
    owner: Mapped[str | None] = mapped_column(String(32), default=None)
    leased_until: Mapped[datetime | None] = mapped_column(default=None)


class PrivateUser(Base):
    """A user who started the bot in a private chat, so reminders may go there."""

    __tablename__ = "private_users"

    user_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    started_at: Mapped[datetime]
    blocked: Mapped[bool] = mapped_column(Boolean, default=False)


class Cheer(Base):
    """A member cheering another on, on one of their messages: once per cheerer and message,
    by /cheer, by a reaction or both (the cheer lasts while either holds)."""

    __tablename__ = "cheers"
    __table_args__ = (UniqueConstraint("giver_id", "message_id"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), index=True
    )  # who was cheered
    giver_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    message_id: Mapped[int] = mapped_column(BigInteger)  # the cheered message, in their group
    created_at: Mapped[datetime]
    by_command: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    by_reaction: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")


class Person(Base):
    """What a person chose for themselves, across groups: their own time zone and the hour of
    their private reminder, and when that reminder is next due; and the language their
    Telegram app spoke when last seen (bot.i18n), which their reminder is written in."""

    __tablename__ = "people"

    user_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    timezone: Mapped[str | None] = mapped_column(String(64), default=None)
    remind_at: Mapped[time] = mapped_column(default=time(20, 0))
    next_reminder_at: Mapped[datetime | None] = mapped_column(default=None, index=True)
    language: Mapped[str | None] = mapped_column(String(8), default=None)


class Reminder(Base):
    """A private "streak at risk" reminder: once per person and day (their own local day).

    Claimed, sent and marked like a ``Post`` (bot.store.posts, bot.outbox.posts), with the
    same columns for its attempts and its lease.
    """

    __tablename__ = "reminders"
    __table_args__ = (
        UniqueConstraint("user_id", "day"),
        Index("ix_reminders_state_next_attempt_at", "state", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger)
    day: Mapped[date]
    claimed_at: Mapped[datetime]
    state: Mapped[str] = mapped_column(String(16), default="pending")
    text: Mapped[str] = mapped_column(Text, default="")
    markup: Mapped[str | None] = mapped_column(Text, default=None)
    window_ends_at: Mapped[datetime | None] = mapped_column(default=None)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(default=None)
    leased_until: Mapped[datetime | None] = mapped_column(default=None)
    lease_token: Mapped[str | None] = mapped_column(String(32), default=None)
    sent_at: Mapped[datetime | None] = mapped_column(default=None)


class Challenge(Base):
    """A challenge with a start and an end (bot.domain.challenges): at most one not finished
    per group, as the database decides. ``results_at`` is when its results are due; the
    tick finishes it then, writing the results post in the same transaction."""

    __tablename__ = "challenges"
    __table_args__ = (
        Index(
            "uq_challenges_current_per_chat",
            "chat_id",
            unique=True,
            sqlite_where=text("finished_at IS NULL"),
            postgresql_where=text("finished_at IS NULL"),
        ),
        Index("ix_challenges_results_at", "results_at"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    chat_id: Mapped[int] = mapped_column(ForeignKey("chats.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(PeopleString(64))
    first_day: Mapped[date]
    last_day: Mapped[date]
    weekly_target: Mapped[int | None] = mapped_column(Integer, default=None)
    freezes: Mapped[bool] = mapped_column(Boolean, default=False)
    late_join: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime]
    results_at: Mapped[datetime]
    # Set when its results were posted, or when an admin stopped it (``stopped``).
    finished_at: Mapped[datetime | None] = mapped_column(default=None)
    stopped: Mapped[bool] = mapped_column(Boolean, default=False)


class ChallengeMember(Base):
    """A member who joined a challenge; goes with the member (/forgetme)."""

    __tablename__ = "challenge_members"
    __table_args__ = (UniqueConstraint("challenge_id", "member_id"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    challenge_id: Mapped[int] = mapped_column(ForeignKey("challenges.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    joined_at: Mapped[datetime]


class Quest(Base):
    """A group's weekly quest: its goal, kept from the week's first look at it, and, once
    the week ended and it was settled, its check-ins and whether it was met."""

    __tablename__ = "quests"
    __table_args__ = (UniqueConstraint("chat_id", "week"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    chat_id: Mapped[int] = mapped_column(ForeignKey("chats.id", ondelete="CASCADE"))
    week: Mapped[date]  # its Monday
    goal: Mapped[int] = mapped_column(Integer)
    check_ins: Mapped[int | None] = mapped_column(Integer, default=None)
    met: Mapped[bool | None] = mapped_column(Boolean, default=None)
    settled_at: Mapped[datetime | None] = mapped_column(default=None)


class QuestBadge(Base):
    """A member's badge for a quest met: they checked in that week."""

    __tablename__ = "quest_badges"
    __table_args__ = (UniqueConstraint("member_id", "quest_id"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    quest_id: Mapped[int] = mapped_column(ForeignKey("quests.id", ondelete="CASCADE"), index=True)


class BuddyPair(Base):
    """Buddies in a group: two members (three when the bot paired an odd number), who keep
    a streak of the days all of them checked in (bot.domain.buddies)."""

    __tablename__ = "buddy_pairs"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    chat_id: Mapped[int] = mapped_column(ForeignKey("chats.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime]
    # Paired by the bot's weekly pairing (re-paired next Monday), not by an accepted invite.
    by_bot: Mapped[bool] = mapped_column(Boolean, default=False)


class Buddy(Base):
    """A member in a pair. The member's row is the key: one pair per member and group, as
    the database decides."""

    __tablename__ = "buddies"

    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    pair_id: Mapped[int] = mapped_column(
        ForeignKey("buddy_pairs.id", ondelete="CASCADE"), index=True
    )
