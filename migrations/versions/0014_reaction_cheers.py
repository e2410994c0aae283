"""Cheers say how they were given: by /cheer, by a reaction, or both

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06 06:00:00

A cheer is one row per cheerer and message however it came; ``by_command`` and
``by_reaction`` say which ways hold it, so that taking a reaction back takes the cheer back
only when no /cheer holds it too. Every cheer before this revision came by /cheer.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("cheers", schema=None) as batch_op:
        # Plain literals: on SQLite an expression would make Alembic rebuild the table.
        batch_op.add_column(
            sa.Column("by_command", sa.Boolean(), server_default="1", nullable=False)
        )
        batch_op.add_column(
            sa.Column("by_reaction", sa.Boolean(), server_default="0", nullable=False)
        )


def downgrade() -> None:
    # Cheers held by a reaction alone were not known before this revision: they go, and the
    # members' counts with them, as if each reaction had been taken back.
    op.execute(
        "UPDATE members SET cheers_received = cheers_received - (SELECT count(*) FROM cheers "
        "WHERE cheers.member_id = members.id AND NOT cheers.by_command)"
    )
    op.execute("DELETE FROM cheers WHERE NOT by_command")
    # Plain ALTER TABLE ... DROP COLUMN (SQLite 3.35+ has it), no batch rebuild.
    op.drop_column("cheers", "by_reaction")
    op.drop_column("cheers", "by_command")
