"""Buddies: pairs of members in a group, and the bot's weekly pairing

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06 06:00:00

``buddy_pairs`` holds a group's pairs (two members, three when the bot paired an odd number);
``buddies`` puts a member in one, keyed by the member so that nobody is in two. ``/settings
buddies weekly`` (``chats.buddies_weekly``) has the bot pair the active members anew each
Monday, at ``chats.next_pairs_at``.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "buddy_pairs",
        sa.Column("id", _ID, nullable=False),
        sa.Column("chat_id", _ID, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("by_bot", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["chat_id"],
            ["chats.id"],
            name=op.f("fk_buddy_pairs_chat_id_chats"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_buddy_pairs")),
    )
    op.create_index(op.f("ix_buddy_pairs_chat_id"), "buddy_pairs", ["chat_id"], unique=False)
    op.create_table(
        "buddies",
        sa.Column("member_id", _ID, nullable=False),
        sa.Column("pair_id", _ID, nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_buddies_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["pair_id"],
            ["buddy_pairs.id"],
            name=op.f("fk_buddies_pair_id_buddy_pairs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("member_id", name=op.f("pk_buddies")),
    )
    op.create_index(op.f("ix_buddies_pair_id"), "buddies", ["pair_id"], unique=False)
    with op.batch_alter_table("chats", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("buddies_weekly", sa.Boolean(), server_default="0", nullable=False)
        )
        batch_op.add_column(sa.Column("next_pairs_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f("ix_chats_next_pairs_at"), ["next_pairs_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("chats", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_chats_next_pairs_at"))
        batch_op.drop_column("next_pairs_at")
        batch_op.drop_column("buddies_weekly")
    op.drop_index(op.f("ix_buddies_pair_id"), table_name="buddies")
    op.drop_table("buddies")
    op.drop_index(op.f("ix_buddy_pairs_chat_id"), table_name="buddy_pairs")
    op.drop_table("buddy_pairs")
