"""Inbox rows belong to the process that took them; finished rows keep only their id

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 10:00:00

A process holds the updates it took (``owner``, ``leased_until``) and renews its hold while
it lives; another process takes over only rows whose hold ran out. Rows left unfinished by
the processes of an older version have no holder: they are taken over at once (their hold
ended when they came). ``user_id`` says who sent an update, so /forgetme can drop it.

What is done with is dropped here, as it is from now on at once: a handled update's JSON, a
sent answer's (with its pictures and files).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_UNFINISHED = "handled_at IS NULL OR (reply IS NOT NULL AND replied_at IS NULL)"


def upgrade() -> None:
    with op.batch_alter_table("inbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("user_id", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("owner", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("leased_until", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index("ix_inbox_leased_until", ["leased_until"], unique=False)
    op.execute(f"UPDATE inbox SET leased_until = received_at WHERE {_UNFINISHED}")
    op.execute("UPDATE inbox SET payload = '' WHERE handled_at IS NOT NULL")
    op.execute("UPDATE inbox SET reply = NULL WHERE replied_at IS NOT NULL")


def downgrade() -> None:
    with op.batch_alter_table("inbox", schema=None) as batch_op:
        batch_op.drop_index("ix_inbox_leased_until")
        batch_op.drop_column("leased_until")
        batch_op.drop_column("owner")
        batch_op.drop_column("user_id")
