"""The one way a check-in's outcome becomes what the member and the group hear.

/done, /done yesterday, /fail, the cue's ✅ button and the private reminder's all come here,
so a milestone, a new best, a freeze that saved a streak, a return from a break, a comeback
or a streak that ended is never lost on one of the paths. Every line of news names the
member: it may be posted to the group on its own, or merged with others'.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot import i18n, texts
from bot.actions.checkin import CheckedIn
from bot.domain.streaks import Mark
from bot.outbox.outgoing import Confirmation


@dataclass(frozen=True, slots=True)
class Told:
    text: str  # the whole reply
    news: tuple[str, ...]  # what the group should hear beyond the streak itself
    reaction: str  # on the member's message
    toast: str  # the answer to a button press
    confirmation: Confirmation  # the reply's stand-in when several are merged


def tell(outcome: CheckedIn) -> Told:
    """In the language being spoken."""
    name, state = outcome.name, outcome.state
    news = tuple(news_of(outcome))
    if outcome.mark is Mark.FAIL:
        head = texts.checkins.failed(name, outcome.counted, state.current)
        reaction = "🤗"
    elif outcome.late:
        head = texts.checkins.late_checked_in(name, state.current)
        reaction = _reaction(outcome)
    elif outcome.counted:
        head = texts.checkins.checked_in(name, state.current, state.best)
        reaction = _reaction(outcome)
    else:
        head = texts.checkins.already_today(name, state.current)
        reaction = "👍"
    toast = (
        texts.posts.pressed_checked_in(state.current)
        if outcome.counted
        else texts.posts.pressed_already(state.current)
    )
    short = texts.checkins.short_confirmation(name, state.current, outcome.mark is Mark.FAIL)
    return Told(
        text="\n".join([head, *news]),
        news=news,
        reaction=reaction,
        toast=toast,
        confirmation=Confirmation(short, news, i18n.current()),
    )


def _reaction(outcome: CheckedIn) -> str:
    if outcome.milestone or outcome.new_best:
        return "🎉"
    return "🔥" if outcome.state.current >= 3 else "👍"


def news_of(outcome: CheckedIn) -> list[str]:
    """What the check-in earned, each line naming the member."""
    name, state = outcome.name, outcome.state
    lines: list[str] = []
    if outcome.back_from_break:
        lines.append(texts.checkins.welcome_back(name, state.current, state.best))
    if outcome.freezes_used:
        lines.append(texts.posts.freezes_saved(name, outcome.freezes_used, state.current - 1))
    if outcome.streak_broken >= 2:
        lines.append(texts.checkins.streak_ended(name, outcome.streak_broken))
    if outcome.comeback:
        lines.append(texts.encouragement.comeback(name, outcome.missed))
    if outcome.milestone:
        lines.append(texts.checkins.milestone(name, outcome.milestone))
    if outcome.new_best:
        lines.append(texts.checkins.new_best(name, state.current))
    return lines
