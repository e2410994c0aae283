"""Inbox and post outbox

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 07:22:16.967299
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "inbox",
        sa.Column("update_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=True),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("handled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reply", sa.Text(), nullable=True),
        sa.Column("replied_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("update_id", name=op.f("pk_inbox")),
    )
    with op.batch_alter_table("inbox", schema=None) as batch_op:
        batch_op.create_index("ix_inbox_received_at", ["received_at"], unique=False)

    with op.batch_alter_table("posts", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("state", sa.String(length=16), server_default="sent", nullable=False)
        )
        batch_op.add_column(sa.Column("text", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(sa.Column("markup", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("topic_id", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("window_ends_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("attempts", sa.Integer(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("leased_until", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("lease_token", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(
            "ix_posts_state_next_attempt_at", ["state", "next_attempt_at"], unique=False
        )



def downgrade() -> None:
    with op.batch_alter_table("posts", schema=None) as batch_op:
        batch_op.drop_index("ix_posts_state_next_attempt_at")
        batch_op.drop_column("sent_at")
        batch_op.drop_column("lease_token")
        batch_op.drop_column("leased_until")
        batch_op.drop_column("next_attempt_at")
        batch_op.drop_column("attempts")
        batch_op.drop_column("window_ends_at")
        batch_op.drop_column("topic_id")
        batch_op.drop_column("markup")
        batch_op.drop_column("text")
        batch_op.drop_column("state")

    with op.batch_alter_table("inbox", schema=None) as batch_op:
        batch_op.drop_index("ix_inbox_received_at")

    op.drop_table("inbox")
