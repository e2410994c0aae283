"""Which reactions cheer: a member's reaction with one of these on someone's check-in counts
as a cheer (bot.actions.cheers)."""

from __future__ import annotations

from collections.abc import Iterable

# As Telegram writes them: "❤" without the emoji variation selector that "❤️" carries.
CHEERING_REACTIONS = frozenset({"👏", "🔥", "❤", "💯", "🎉"})
_VARIATION_SELECTOR = "\ufe0f"


def cheers_with(emojis: Iterable[str]) -> bool:
    """Whether any of these emoji reactions is a cheering one ("❤️" and "❤" alike)."""
    return any(e.replace(_VARIATION_SELECTOR, "") in CHEERING_REACTIONS for e in emojis)
