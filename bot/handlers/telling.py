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
    news = tuple(news_of(outcome))
    head, reaction = _head(outcome)
    week = outcome.week
    if week is not None:
        toast = texts.targets.pressed(week.check_ins, week.target, already=not outcome.counted)
        short = texts.targets.short_confirmation(
            outcome.name, week.check_ins, week.target, outcome.mark is Mark.FAIL
        )
    else:
        toast = (
            texts.posts.pressed_checked_in(outcome.current)
            if outcome.counted
            else texts.posts.pressed_already(outcome.current)
        )
        short = texts.checkins.short_confirmation(
            outcome.name, outcome.current, outcome.mark is Mark.FAIL
        )
    return Told(
        text="\n".join([head, *news]),
        news=news,
        reaction=reaction,
        toast=toast,
        confirmation=Confirmation(short, news, i18n.current()),
    )


def _head(outcome: CheckedIn) -> tuple[str, str]:
    """The reply's first line, and the reaction on the member's message."""
    name, current, week = outcome.name, outcome.current, outcome.week
    if outcome.mark is Mark.FAIL:
        if week is not None:
            return texts.targets.failed(name, outcome.counted, week.check_ins, week.target), "🤗"
        return texts.checkins.failed(name, outcome.counted, current), "🤗"
    if week is not None:
        if outcome.late:
            head = texts.targets.late_checked_in(
                name, week.check_ins, week.target, week.this_week, current
            )
        elif outcome.counted:
            head = texts.targets.checked_in(
                name, week.check_ins, week.target, current, week.reached
            )
        else:
            return texts.targets.already_today(name, week.check_ins, week.target), "👍"
        return head, _reaction(outcome)
    if outcome.late:
        return texts.checkins.late_checked_in(name, current), _reaction(outcome)
    if outcome.counted:
        return texts.checkins.checked_in(name, current, outcome.best), _reaction(outcome)
    return texts.checkins.already_today(name, current), "👍"


def _reaction(outcome: CheckedIn) -> str:
    if outcome.milestone or outcome.new_best:
        return "🎉"
    if outcome.week is not None:
        return "🔥" if outcome.week.reached else "👍"
    return "🔥" if outcome.current >= 3 else "👍"


def news_of(outcome: CheckedIn) -> list[str]:
    """What the check-in earned, each line naming the member."""
    name, current, best = outcome.name, outcome.current, outcome.best
    weekly = outcome.week is not None
    said = texts.targets if weekly else texts.checkins
    lines: list[str] = []
    if outcome.back_from_break:
        lines.append(said.welcome_back(name, current, best))
    if outcome.freezes_used:
        saved = texts.targets.freezes_saved if weekly else texts.posts.freezes_saved
        lines.append(saved(name, outcome.freezes_used, current - 1))
    if outcome.streak_broken >= 2:
        lines.append(said.streak_ended(name, outcome.streak_broken))
    if outcome.comeback:
        lines.append(texts.encouragement.comeback(name, outcome.missed))
    if outcome.milestone:
        lines.append(said.milestone(name, outcome.milestone))
    if outcome.new_best:
        lines.append(said.new_best(name, current))
    return lines
