"""The one way a check-in's outcome becomes what the member and the group hear.

/done, /done yesterday, /fail, the cue's ✅ button and the private reminder's all come here,
so a milestone, a new best, a freeze that saved a streak, a return from a break, a comeback
or a streak that ended is never lost on one of the paths.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot import i18n, texts
from bot.domain.streaks import Mark
from bot.outbox.outgoing import Confirmation
from bot.store.checkin_flow import CheckInOutcome


@dataclass(frozen=True, slots=True)
class Told:
    text: str  # the whole reply
    news: tuple[str, ...]  # what the group should hear beyond the streak itself
    reaction: str  # on the member's message
    toast: str  # the answer to a button press
    confirmation: Confirmation  # the reply's stand-in when several are merged


def tell(first_name: str, outcome: CheckInOutcome) -> Told:
    state = outcome.state
    news = tuple(_news(first_name, outcome))
    if outcome.mark is Mark.FAIL:
        head = texts.failed(first_name, outcome.counted, state.current)
        reaction = "🤗"
    elif outcome.late:
        head = texts.late_checked_in(first_name, state.current)
        reaction = _reaction(outcome)
    elif outcome.counted:
        head = texts.checked_in(first_name, state.current, state.best)
        reaction = _reaction(outcome)
    else:
        head = texts.already_today(first_name, state.current)
        reaction = "👍"
    toast = (
        texts.pressed_checked_in(state.current)
        if outcome.counted
        else texts.pressed_already(state.current)
    )
    short = texts.short_confirmation(first_name, state.current, outcome.mark is Mark.FAIL)
    return Told(
        text="\n".join([head, *news]),
        news=news,
        reaction=reaction,
        toast=toast,
        confirmation=Confirmation(short, news, i18n.current()),
    )


def _reaction(outcome: CheckInOutcome) -> str:
    if outcome.milestone or outcome.new_best:
        return "🎉"
    return "🔥" if outcome.state.current >= 3 else "👍"


def _news(first_name: str, outcome: CheckInOutcome) -> list[str]:
    state = outcome.state
    lines: list[str] = []
    if outcome.back_from_break:
        lines.append(texts.welcome_back(first_name, state.current, state.best))
    if outcome.freezes_used:
        lines.append(texts.freezes_saved(outcome.freezes_used, state.current - 1))
    if outcome.streak_broken >= 2:
        lines.append(texts.streak_lost(outcome.streak_broken))
    if outcome.comeback:
        lines.append(texts.comeback(first_name))
    if outcome.milestone:
        lines.append(texts.milestone(first_name, outcome.milestone))
    if outcome.new_best:
        lines.append(texts.new_best(first_name, state.current))
    return lines
