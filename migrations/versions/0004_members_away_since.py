"""Members away since: the break a member has not come back from

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28 08:38:06

A check-in ends the member's latest break they have not come back from. Keeping when that
break began on the member row spares every normal day's check-in a query of the breaks.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.add_column(sa.Column("away_since", sa.Date(), nullable=True))
    op.execute(
        "UPDATE members SET away_since = (SELECT max(breaks.start_day) FROM breaks"
        " WHERE breaks.member_id = members.id AND breaks.returned_on IS NULL)"
    )


def downgrade() -> None:
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.drop_column("away_since")
