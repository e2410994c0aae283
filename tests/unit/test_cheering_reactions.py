"""Which reactions cheer (bot.domain.cheers)."""

from __future__ import annotations

import pytest

from bot.domain.cheers import cheers_with


@pytest.mark.parametrize(
    ("emojis", "cheering"),
    [
        (["👏"], True),
        (["🔥"], True),
        (["❤"], True),
        (["❤️"], True),  # with the variation selector, as a keyboard may write it
        (["💯"], True),
        (["🎉"], True),
        (["👍", "🎉"], True),  # one of several is enough
        (["👍"], False),
        (["❤\u200d🔥"], False),  # the heart on fire is another reaction
        ([], False),
    ],
)
def test_these_reactions_cheer(emojis: list[str], cheering: bool) -> None:
    assert cheers_with(emojis) is cheering
