"""Weekly targets: targets over time, a group's first weekday, a member's weekly streak

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-08 10:00:00

``/target 3`` and ``/settings target 3`` add a row to ``targets`` (a member's own, or the
group's default when ``member_id`` is NULL), in force from the week it ``starts``;
``/settings week`` keeps the group's first weekday (NULL: its language's, as CLDR says).
The weekly streak is kept on the member's row beside the daily one; existing members have
no weekly week yet, so the defaults are their state.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
_WEEKLY_COUNTS = ("current", "best", "best_before_run", "freezes", "check_ins")
_WEEKLY_DAYS = ("last_week", "run_start", "last_day")


def upgrade() -> None:
    op.create_table(
        "targets",
        sa.Column("id", _ID, nullable=False),
        sa.Column("chat_id", _ID, nullable=False),
        sa.Column("member_id", _ID, nullable=True),
        sa.Column("starts", sa.Date(), nullable=False),
        sa.Column("per_week", sa.Integer(), nullable=True),
        sa.Column("set_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["chat_id"], ["chats.id"], name="fk_targets_chat_id_chats", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name="fk_targets_member_id_members", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_targets"),
    )
    op.create_index("ix_targets_chat_member", "targets", ["chat_id", "member_id"], unique=False)
    with op.batch_alter_table("chats", schema=None) as batch_op:
        batch_op.add_column(sa.Column("first_weekday", sa.Integer(), nullable=True))
    with op.batch_alter_table("members", schema=None) as batch_op:
        for name in _WEEKLY_COUNTS:
            batch_op.add_column(
                sa.Column(f"weekly_{name}", sa.Integer(), server_default="0", nullable=False)
            )
        for name in _WEEKLY_DAYS:
            batch_op.add_column(sa.Column(f"weekly_{name}", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("members", schema=None) as batch_op:
        for name in reversed(_WEEKLY_DAYS):
            batch_op.drop_column(f"weekly_{name}")
        for name in reversed(_WEEKLY_COUNTS):
            batch_op.drop_column(f"weekly_{name}")
    with op.batch_alter_table("chats", schema=None) as batch_op:
        batch_op.drop_column("first_weekday")
    op.drop_index("ix_targets_chat_member", table_name="targets")
    op.drop_table("targets")
