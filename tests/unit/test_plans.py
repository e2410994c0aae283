"""If-then plans, typed leniently."""

from __future__ import annotations

import pytest

from bot.domain.plans import Plan, parse_plan


@pytest.mark.parametrize(
    ("text", "plan"),
    [
        (
            "after breakfast, at my desk: 200 words",
            Plan("after breakfast, at my desk", "200 words"),
        ),
        ("  after lunch  :   a walk ", Plan("after lunch", "a walk")),
        ("when the kids sleep → 20 pages", Plan("when the kids sleep", "20 pages")),
        ("7:30 -> run", Plan("7:30", "run")),
        ("at 7:30: run 5k", Plan("at 7:30", "run 5k")),
        ("read 20 pages", Plan("", "read 20 pages")),
        (": stretch", Plan("", ": stretch")),
        ("after work:", Plan("", "after work:")),
        ("когда проснусь: зарядка", Plan("когда проснусь", "зарядка")),
    ],
)
def test_a_plan_is_split_at_its_first_colon_or_arrow(text: str, plan: Plan) -> None:
    assert parse_plan(text) == plan


@pytest.mark.parametrize("text", ["", "   ", ":", "→", " : -> "])
def test_nothing_to_plan(text: str) -> None:
    assert parse_plan(text) is None
