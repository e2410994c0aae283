"""What a check-in announces: a milestone and a new personal best, each once per run.

A check-in on or after the member's latest counted day moves the streak by one day, and
announces the milestone it reached (``streaks.is_milestone``) and a new best as
``streaks.advance`` says. A late check-in that fills a day before the latest one may grow
the run by more than a day: every milestone the run has passed may then be new, and the
highest one not announced before is said. Whether one was announced before is the store's
to say (each milestone and best is announced once per run, whatever the replicas).
"""

from __future__ import annotations

from bot.domain import weekly_streaks
from bot.domain.streaks import MIN_BEST_TO_ANNOUNCE, Advance, StreakState, is_milestone
from bot.domain.weekly_streaks import WeeklyAdvance, WeeklyState

__all__ = [
    "BEST",
    "MILESTONE",
    "WEEK_BEST",
    "WEEK_MILESTONE",
    "milestones_to_claim",
    "passes_best",
    "passes_weekly_best",
    "weekly_milestones_to_claim",
]

# The kinds of announcement: of a run of days, and of a run of weeks.
MILESTONE = "milestone"
BEST = "best"
WEEK_MILESTONE = "week_milestone"
WEEK_BEST = "week_best"


def milestones_to_claim(step: Advance, rewrote: bool) -> list[int]:
    """The milestones this check-in may announce, if not announced before in this run."""
    if not step.counted:
        return []
    if rewrote:
        return [n for n in range(1, step.state.current + 1) if is_milestone(n)]
    return [step.milestone] if step.milestone is not None else []


def passes_best(step: Advance, before: StreakState, rewrote: bool) -> bool:
    """Whether this check-in makes a new personal best worth announcing (if not announced
    before in this run)."""
    if not step.counted:
        return False
    if not rewrote:
        return step.new_best
    state = step.state
    return state.current == state.best and state.best > before.best >= MIN_BEST_TO_ANNOUNCE


def weekly_milestones_to_claim(step: WeeklyAdvance, rewrote: bool) -> list[int]:
    """``milestones_to_claim`` for a run of weeks."""
    if not step.counted:
        return []
    if rewrote:
        reached = weekly_streaks.MILESTONES.reached
        return [n for n in range(1, step.state.current + 1) if reached(n)]
    return [step.milestone] if step.milestone is not None else []


def passes_weekly_best(step: WeeklyAdvance, before: WeeklyState, rewrote: bool) -> bool:
    """``passes_best`` for a run of weeks."""
    if not step.counted:
        return False
    if not rewrote:
        return step.new_best
    state = step.state
    least = weekly_streaks.MIN_BEST_TO_ANNOUNCE
    return state.current == state.best and state.best > before.best >= least
