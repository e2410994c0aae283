"""Day-key state: when a member's two latest days were added

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28 10:00:00

The day-key rule (bot.domain.calendar) allows at most two new days in 24 hours, so it keeps
the moments of the two latest check-ins that added a day. Existing members start without
them: the rule counts from their next check-ins.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.add_column(sa.Column("day_added_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(
            sa.Column("prior_day_added_at", sa.DateTime(timezone=True), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.drop_column("prior_day_added_at")
        batch_op.drop_column("day_added_at")
