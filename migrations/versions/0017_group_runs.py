"""The group streak's run as last counted, kept on the group

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-09 09:00:00

- ``chats.run_bar``, ``chats.run_first_day``, ``chats.run_counted_to``: a long group streak's
  run as last counted back past the recent days (its bar, its first day, the day it was
  counted to), so that the cue tells it without reading the group's history again; empty
  for every group so far (the first cue counts it).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("chats") as batch:
        batch.add_column(sa.Column("run_bar", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("run_first_day", sa.Date(), nullable=True))
        batch.add_column(sa.Column("run_counted_to", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("chats") as batch:
        batch.drop_column("run_counted_to")
        batch.drop_column("run_first_day")
        batch.drop_column("run_bar")
