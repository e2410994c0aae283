"""If-then plans: a member's plan, and whether the cue shows the group's

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 13:00:00

``/plan after breakfast: 200 words`` keeps a member's plan on their row (the situation,
what they'll do, when they made it); ``/settings plans on`` has the cue show them.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.add_column(sa.Column("plan_when", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("plan_what", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("plan_set_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("chats", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("show_plans", sa.Boolean(), server_default="0", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("chats", schema=None) as batch_op:
        batch_op.drop_column("show_plans")
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.drop_column("plan_set_at")
        batch_op.drop_column("plan_what")
        batch_op.drop_column("plan_when")
