"""Challenges with an end and who joined them; the weekly quest and its badges

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-08 09:00:00

- ``challenges``: a group's challenge (title, first and last day, a weekly target or every
  day, whether freezes apply and late joining is allowed, when its results are due, when it
  finished); at most one not finished per group (a partial unique index);
- ``challenge_members``: who joined, going with the member;
- ``chats.quest``: whether the group has a weekly quest (off for every group so far);
- ``quests``: a group's quest of a week (its goal; once settled, its check-ins and whether
  it was met), once per group and week;
- ``quest_badges``: a member's badge for a quest met, going with the member.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "challenges",
        sa.Column("id", Id, nullable=False),
        sa.Column("chat_id", Id, nullable=False),
        sa.Column("title", sa.String(length=64), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("weekly_target", sa.Integer(), nullable=True),
        sa.Column("freezes", sa.Boolean(), nullable=False),
        sa.Column("late_join", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("results_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("stopped", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["chat_id"],
            ["chats.id"],
            name=op.f("fk_challenges_chat_id_chats"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_challenges")),
    )
    with op.batch_alter_table("challenges", schema=None) as batch_op:
        batch_op.create_index("ix_challenges_results_at", ["results_at"], unique=False)
        batch_op.create_index(
            "uq_challenges_current_per_chat",
            ["chat_id"],
            unique=True,
            sqlite_where=sa.text("finished_at IS NULL"),
            postgresql_where=sa.text("finished_at IS NULL"),
        )
    op.create_table(
        "challenge_members",
        sa.Column("id", Id, nullable=False),
        sa.Column("challenge_id", Id, nullable=False),
        sa.Column("member_id", Id, nullable=False),
        sa.Column("joined_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["challenge_id"],
            ["challenges.id"],
            name=op.f("fk_challenge_members_challenge_id_challenges"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_challenge_members_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_challenge_members")),
        sa.UniqueConstraint(
            "challenge_id", "member_id", name=op.f("uq_challenge_members_challenge_id")
        ),
    )
    with op.batch_alter_table("challenge_members", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_challenge_members_member_id"), ["member_id"], unique=False
        )


    with op.batch_alter_table("chats", schema=None) as batch_op:
        batch_op.add_column(sa.Column("quest", sa.Boolean(), server_default="0", nullable=False))
    op.create_table(
        "quests",
        sa.Column("id", Id, nullable=False),
        sa.Column("chat_id", Id, nullable=False),
        sa.Column("week", sa.Date(), nullable=False),
        sa.Column("goal", sa.Integer(), nullable=False),
        sa.Column("check_ins", sa.Integer(), nullable=True),
        sa.Column("met", sa.Boolean(), nullable=True),
        sa.Column("settled_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["chat_id"], ["chats.id"], name=op.f("fk_quests_chat_id_chats"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quests")),
        sa.UniqueConstraint("chat_id", "week", name=op.f("uq_quests_chat_id")),
    )
    op.create_table(
        "quest_badges",
        sa.Column("id", Id, nullable=False),
        sa.Column("member_id", Id, nullable=False),
        sa.Column("quest_id", Id, nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_quest_badges_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["quest_id"],
            ["quests.id"],
            name=op.f("fk_quest_badges_quest_id_quests"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quest_badges")),
        sa.UniqueConstraint("member_id", "quest_id", name=op.f("uq_quest_badges_member_id")),
    )
    with op.batch_alter_table("quest_badges", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_quest_badges_quest_id"), ["quest_id"], unique=False
        )


def downgrade() -> None:
    op.drop_table("quest_badges")
    op.drop_table("quests")
    with op.batch_alter_table("chats", schema=None) as batch_op:
        batch_op.drop_column("quest")
    op.drop_table("challenge_members")
    op.drop_table("challenges")
