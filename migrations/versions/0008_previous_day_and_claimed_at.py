"""Members' previous counted day; posts and reminders say when they were claimed

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 10:00:00

The counted day before a member's latest one is kept with their streak, so whether their
latest check-in was a comeback is known without reading their history (the evening recap
lists the day's comebacks). Filled from the entries: a /fail counts where the group counts it.

``posts.posted_at`` and ``reminders.posted_at`` held when a post was claimed, not when it was
posted: they are ``claimed_at`` now (``sent_at`` says when it was sent).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.add_column(sa.Column("streak_previous_day", sa.Date(), nullable=True))
    op.execute(
        "UPDATE members SET streak_previous_day = ("
        " SELECT max(checkins.day) FROM checkins JOIN chats ON chats.id = members.chat_id"
        " WHERE checkins.member_id = members.id AND checkins.day < members.streak_last_day"
        " AND (checkins.kind = 'done' OR chats.fail_counts))"
    )
    for table in ("posts", "reminders"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column("posted_at", new_column_name="claimed_at")


def downgrade() -> None:
    for table in ("posts", "reminders"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column("claimed_at", new_column_name="posted_at")
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.drop_column("streak_previous_day")
