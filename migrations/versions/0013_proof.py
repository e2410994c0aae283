"""Check-ins with proof: the media an entry came with, and whether a group requires it

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06 06:00:00

An entry keeps the kind of media it came with (photo, video, voice, document) and the
media's file_unique_id; a unique index on (member, file_unique_id) makes the same media
count once for a member. ``/settings proof on`` sets ``chats.proof_required``. Adding
nullable columns and an index rebuilds no table on SQLite.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("checkins", schema=None) as batch_op:
        batch_op.add_column(sa.Column("proof", sa.String(length=8), nullable=True))
        batch_op.add_column(sa.Column("proof_id", sa.String(length=64), nullable=True))
    op.create_index("uq_checkins_member_proof", "checkins", ["member_id", "proof_id"], unique=True)
    with op.batch_alter_table("chats", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("proof_required", sa.Boolean(), server_default="0", nullable=False)
        )


def downgrade() -> None:
    # Plain ALTER TABLE ... DROP COLUMN (SQLite 3.35+ has it): a batch rebuild of "chats" on
    # SQLite would cascade to its members' and entries' rows.
    op.drop_column("chats", "proof_required")
    op.drop_index("uq_checkins_member_proof", table_name="checkins")
    op.drop_column("checkins", "proof_id")
    op.drop_column("checkins", "proof")
