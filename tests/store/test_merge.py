"""The supergroup merge knows every table that hangs off a group or a member."""

from __future__ import annotations

from bot.store.merge import MERGED_BY_CHAT, MERGED_BY_MEMBER, SETTINGS
from bot.store.models import Base, Chat


def _tables_referring_to(table: str) -> set[str]:
    return {
        t.name
        for t in Base.metadata.sorted_tables
        if any(fk.column.table.name == table for fk in t.foreign_keys)
    }


def test_every_table_of_a_group_or_member_is_merged() -> None:
    assert _tables_referring_to("chats") == MERGED_BY_CHAT
    assert _tables_referring_to("members") == MERGED_BY_MEMBER


def test_every_setting_of_a_group_is_merged() -> None:
    # Everything on the chat row that is not identity, life, schedule or the kept run (the
    # merge's replay counts it again) is a setting.
    not_settings = {
        "id",
        "telegram_id",
        "previous_telegram_id",
        "title",
        "is_forum",
        "active",
        "created_at",
        "next_cue_at",
        "next_recap_at",
        "next_weekly_at",
        "next_pairs_at",
        "run_bar",
        "run_first_day",
        "run_counted_to",
    }
    assert set(Chat.__table__.columns.keys()) - not_settings == set(SETTINGS)
