"""What daily and weekly runs share."""

from __future__ import annotations

import pytest

from bot.domain.runs import Ladder, Settled, is_new_best, settle, with_earned_freeze


@pytest.mark.parametrize(
    ("rungs", "every"), [((), 5), ((3, 2), 5), ((2, 2), 5), ((0, 2), 5), ((2, 4), 0)]
)
def test_a_ladder_rises_from_1_or_more(rungs: tuple[int, ...], every: int) -> None:
    with pytest.raises(ValueError, match="must"):
        Ladder(rungs, every)


def test_a_gap_is_covered_while_the_freezes_last() -> None:
    assert settle(5, 2, 0) == Settled(5, 2, 0, 0)
    assert settle(5, 2, 2) == Settled(5, 0, 2, 0)
    assert settle(5, 2, 3) == Settled(0, 0, 0, 5)


def test_a_freeze_is_earned_at_each_multiple_up_to_the_most_held() -> None:
    assert [with_earned_freeze(n, 0, 4, 2) for n in (3, 4, 8)] == [0, 1, 1]
    assert with_earned_freeze(8, 2, 4, 2) == 2
    assert with_earned_freeze(4, 0, 0, 2) == 0


def test_a_new_best_is_the_first_step_past_a_best_worth_beating() -> None:
    assert is_new_best(4, 3, 2)
    assert not is_new_best(5, 3, 2)
    assert not is_new_best(2, 1, 2)
