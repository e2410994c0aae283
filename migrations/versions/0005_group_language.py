"""The group's language

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28 12:00:00

Each group has the language the bot speaks there (``/settings language``). Groups from before
keep hearing English.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("chats", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("language", sa.String(length=8), server_default="en", nullable=False)
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        # Not in batch mode: rebuilding the table would drop it, and every member, check-in
        # and post of every group with it (ON DELETE CASCADE). SQLite 3.35 and later drop a
        # plain column in place.
        op.execute("ALTER TABLE chats DROP COLUMN language")
    else:
        op.drop_column("chats", "language")
