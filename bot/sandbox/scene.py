"""The sandbox's ready scene: a group with the bot, its owner and three members."""

from __future__ import annotations

from bot.faketelegram.actions import FakeTelegram
from bot.faketelegram.records import Chat

GROUP_TITLE = "Morning Writers"
# (first name, username); the first one creates the group and is its administrator.
PEOPLE = (
    ("Olga", "olga_writes"),
    ("Alice", "alice_w"),
    ("Bob", "bob_builds"),
    ("Chen", "chen_reads"),
)


def build_scene(tg: FakeTelegram) -> Chat:
    """The people, their supergroup, and the bot added by the owner (it says hello)."""
    owner, *others = (tg.add_user(name, username=username) for name, username in PEOPLE)
    group = tg.add_group(GROUP_TITLE, creator=owner)
    for person in others:
        tg.add_member(group.id, person, by=owner)
    tg.add_bot(group.id, by=owner)
    return group
