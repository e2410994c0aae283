"""Day-key zones: in which zone a member's two latest days were added

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 10:00:00

The day-key rule (bot.domain.calendar) holds back a third day within 24 hours only for a
check-in made in another zone than the two latest days, so it keeps the zones those days were
added in. Existing members start without them, which the rule reads as another zone (the
24-hour limit as before) until their next check-ins fill them.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ("day_added_zone", "prior_day_added_zone")


def upgrade() -> None:
    with op.batch_alter_table("members", schema=None) as batch_op:
        for column in COLUMNS:
            batch_op.add_column(sa.Column(column, sa.String(length=64), nullable=True))


def downgrade() -> None:
    # Plain ALTER TABLE ... DROP COLUMN (SQLite 3.35+ has it): a batch rebuild of "members" on
    # SQLite would cascade to every member's entries.
    for column in reversed(COLUMNS):
        op.drop_column("members", column)
