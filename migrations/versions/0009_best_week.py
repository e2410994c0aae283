"""Members' best week, kept by the weekly picture

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 12:00:00

The weekly picture names who beat their own best week. It kept no state and read every
member's whole history for it; now each picture keeps each member's best week so far, and the
next reads only the weeks after it. Existing members start without one (the next picture
reads their whole history once).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.add_column(sa.Column("best_week", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("best_week_until", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.drop_column("best_week_until")
        batch_op.drop_column("best_week")
