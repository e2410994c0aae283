"""Encouragement and insight: cheers, private reminders, the board and the weekly picture

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28 08:27:42

- ``cheers``: who cheered whom, on which message (once per cheerer and message);
- ``people``: a person's own time zone and reminder hour, when their reminder is due, and
  the language it is written in (their Telegram app's, when last seen);
- ``reminders``: the private reminders, once per person and day, sent like posts;
- ``chats``: how much /top shows, the weekly picture's day and time, and when it is due;
- ``members``: whether the member left the leaderboard;
- ``posts``: a picture a post carries (the weekly one), its text then being the caption.

People who started the bot before this revision get their row (and their first reminder's
time) from the scheduler's next tick.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "people",
        sa.Column("user_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=True),
        sa.Column("remind_at", sa.Time(), nullable=False),
        sa.Column("next_reminder_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("language", sa.String(length=8), nullable=True),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_people")),
    )
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_people_next_reminder_at"), ["next_reminder_at"], unique=False
        )

    op.create_table(
        "reminders",
        sa.Column("id", Id, nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("posted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("markup", sa.Text(), nullable=True),
        sa.Column("window_ends_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("leased_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("lease_token", sa.String(length=32), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminders")),
        sa.UniqueConstraint("user_id", "day", name=op.f("uq_reminders_user_id")),
    )
    with op.batch_alter_table("reminders", schema=None) as batch_op:
        batch_op.create_index(
            "ix_reminders_state_next_attempt_at", ["state", "next_attempt_at"], unique=False
        )

    op.create_table(
        "cheers",
        sa.Column("id", Id, nullable=False),
        sa.Column("member_id", Id, nullable=False),
        sa.Column("giver_id", Id, nullable=False),
        sa.Column("message_id", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["giver_id"],
            ["members.id"],
            name=op.f("fk_cheers_giver_id_members"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_cheers_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cheers")),
        sa.UniqueConstraint("giver_id", "message_id", name=op.f("uq_cheers_giver_id")),
    )
    with op.batch_alter_table("cheers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cheers_member_id"), ["member_id"], unique=False)

    with op.batch_alter_table("chats", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("board", sa.String(length=8), server_default="top", nullable=False)
        )
        batch_op.add_column(sa.Column("weekly_day", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("weekly_time", sa.Time(), nullable=True))
        batch_op.add_column(
            sa.Column("next_weekly_at", sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.create_index(
            batch_op.f("ix_chats_next_weekly_at"), ["next_weekly_at"], unique=False
        )

    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.add_column(
            # A plain literal: on SQLite an expression would make Alembic rebuild the table,
            # and dropping the old one would cascade to every entry of every member.
            sa.Column("board_hidden", sa.Boolean(), server_default="0", nullable=False)
        )

    with op.batch_alter_table("posts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("photo", sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    # Plain ALTER TABLE ... DROP COLUMN (SQLite 3.35+ has it): a batch rebuild of "chats" or
    # "members" on SQLite would cascade to their members' and entries' rows.
    op.drop_column("posts", "photo")
    op.drop_column("members", "board_hidden")
    op.drop_index(op.f("ix_chats_next_weekly_at"), table_name="chats")
    for column in ("next_weekly_at", "weekly_time", "weekly_day", "board"):
        op.drop_column("chats", column)

    op.drop_index(op.f("ix_cheers_member_id"), table_name="cheers")
    op.drop_table("cheers")
    op.drop_index("ix_reminders_state_next_attempt_at", table_name="reminders")
    op.drop_table("reminders")
    op.drop_index(op.f("ix_people_next_reminder_at"), table_name="people")
    op.drop_table("people")
