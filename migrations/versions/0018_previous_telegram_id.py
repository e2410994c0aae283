"""The id a group had before it became a supergroup

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-09 12:00:00

- ``chats.previous_telegram_id``: the group's id before it became a supergroup (indexed),
  so that the Mini App's buttons posted before still open it; empty for every group so far.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("chats") as batch:
        batch.add_column(sa.Column("previous_telegram_id", sa.BigInteger(), nullable=True))
        batch.create_index("ix_chats_previous_telegram_id", ["previous_telegram_id"])


def downgrade() -> None:
    with op.batch_alter_table("chats") as batch:
        batch.drop_index("ix_chats_previous_telegram_id")
        batch.drop_column("previous_telegram_id")
