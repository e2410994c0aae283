"""Hypothesis strategies for members with targets: histories of check-ins laid out week by
week, breaks, target changes (daily among them) and the group's weekly rules."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from hypothesis import strategies as st

from bot.domain.streaks import Break, Mark, Rules
from bot.domain.targets import DAILY, TargetChange, takes_effect
from bot.domain.weekly_streaks import WeeklyRules
from tests.unit.strategies import FIRST_DAY, histories
from tests.unit.strategies import rules as daily_rules

ONE_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class TargetedHistory:
    """One member's check-in days, breaks and targets in one group, with the group's rules."""

    days: dict[date, Mark]
    breaks: list[Break]
    targets: list[TargetChange]
    weekly: WeeklyRules
    rules: Rules  # the daily rules, with the same fail_counts

    def in_order(self) -> list[tuple[date, Mark]]:
        return sorted(self.days.items())


def weekly_rules() -> st.SearchStrategy[WeeklyRules]:
    return st.builds(
        WeeklyRules,
        # The three ``/settings week`` offers, and now and then any weekday.
        first_weekday=st.one_of(st.sampled_from((0, 6, 5)), st.integers(0, 6)),
        # Small values make freezes come and go often, which is where the bugs would be.
        freeze_every=st.one_of(st.just(4), st.integers(0, 5)),
        freeze_max=st.integers(0, 3),
        fail_counts=st.booleans(),
    )


# Each week is drawn as three bytes (one draw keeps long histories fast), shrinking towards
# a week with no check-in: which days hold a check-in (7 bits), which of them are fails, and
# whether the week is skipped, now and then with a long gap after it.
_EMPTY_BELOW = 32
_LONG_GAP_BELOW = 8
_FAILS_FROM = 160  # the week's fail bits apply from here: most weeks have none
# Targets drawn for a change: daily now and then, small weekly ones most (more weeks count).
_TARGETS: tuple[int | None, ...] = (DAILY, DAILY, 1, 2, 2, 3, 3, 3, 4, 4, 5, 6)


@st.composite
def week_by_week_days(draw: st.DrawFn, max_weeks: int = 30) -> tuple[date, dict[date, Mark]]:
    """(the first day drawn from, the days): any number of check-ins in each week."""
    start = FIRST_DAY + timedelta(days=draw(st.integers(0, 3000)))
    weeks = draw(st.integers(0, max_weeks))
    drawn = draw(st.binary(min_size=3 * weeks, max_size=3 * weeks))
    days: dict[date, Mark] = {}
    week = start
    for n in range(0, len(drawn), 3):
        drawn_mask, fails, skip = drawn[n : n + 3]
        # Overlaid with two shifted copies, about three days in four hold a check-in: runs grow
        # long enough to earn freezes, and sparse weeks still come from small bytes.
        mask = drawn_mask | drawn_mask >> 4 | drawn_mask << 3
        if skip >= _EMPTY_BELOW:
            for offset in range(7):
                if mask >> offset & 1:
                    fail = fails >= _FAILS_FROM and fails >> offset & 1
                    days[week + offset * ONE_DAY] = Mark.FAIL if fail else Mark.DONE
        week += timedelta(weeks=1 + (5 + skip * 2 if skip < _LONG_GAP_BELOW else 0))
    return start, days


# Strategies are built once: building them inside each draw costs more than the tests.
# Offsets are drawn wide and folded into the history's span.
_BREAKS = st.lists(
    st.tuples(
        st.integers(0, 1000),
        st.one_of(st.integers(0, 9), st.sampled_from((7, 14)), st.integers(0, 40)),
    ),
    max_size=4,
)
_CHANGES = st.lists(
    st.tuples(st.integers(0, 1000), st.sampled_from(_TARGETS), st.integers(0, 9)), max_size=5
)
_WEEKLY_TARGETS = st.sampled_from(_TARGETS[2:])
_DAILY_RULES = daily_rules()
_WEEKLY_RULES = weekly_rules()
_DAILY_HISTORIES = histories(max_days=150)
_WEEK_BY_WEEK = week_by_week_days()


def breaks_near(start: date, span: int) -> st.SearchStrategy[list[Break]]:
    """Breaks from a week before ``start`` to ``span`` days after it: short ones (0: called
    off on its first day), whole weeks, a few long ones."""
    return _BREAKS.map(
        lambda drawn: [
            Break(
                start + timedelta(days=offset % (span + 8) - 7),
                start + timedelta(days=offset % (span + 8) - 7 + length - 1),
            )
            for offset, length in drawn
        ]
    )


def target_changes(
    start: date, span: int, first_weekday: int
) -> st.SearchStrategy[list[TargetChange]]:
    """Changes set from two weeks before ``start`` to ``span`` days after it; one in ten
    starting on a day that is not a week's first (the group moved its first weekday since)."""

    def changes(drawn: list[tuple[int, int | None, int]]) -> list[TargetChange]:
        found = []
        for offset, target, unaligned in drawn:
            set_on = start + timedelta(days=offset % (span + 15) - 14)
            starts = set_on if unaligned == 0 else takes_effect(set_on, first_weekday)
            found.append(TargetChange(starts, target))
        return found

    return _CHANGES.map(changes)


@st.composite
def targeted_histories(draw: st.DrawFn, weekly_only: bool = False) -> TargetedHistory:
    """A history with targets: laid out week by week mostly, day after day sometimes (the
    daily engine's histories); weekly from before it began three times in four, and always
    with only weekly targets when ``weekly_only``."""
    if draw(st.integers(0, 3)):
        start, days = draw(_WEEK_BY_WEEK)
    else:
        days = draw(_DAILY_HISTORIES).days
        start = min(days, default=FIRST_DAY)
    span = max(((max(days) - start).days if days else 0), 7)
    weekly = draw(_WEEKLY_RULES)
    targets = draw(target_changes(start, span, weekly.first_weekday))
    if weekly_only or draw(st.integers(0, 3)):
        targets = [TargetChange(start - timedelta(days=7), draw(_WEEKLY_TARGETS)), *targets]
    if weekly_only:
        targets = [c for c in targets if c.per_week is not DAILY]
    rules = replace(draw(_DAILY_RULES), fail_counts=weekly.fail_counts)
    return TargetedHistory(days, draw(breaks_near(start, span)), targets, weekly, rules)
