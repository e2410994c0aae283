"""/challenge: show the group's challenge with everyone's progress, join it (``/challenge
join`` or its button); admins start one (``/challenge 30d No sugar``) and stop it
(``/challenge stop``). The work is bot.actions.challenges'."""

from __future__ import annotations

from telegram import Message, Update

from bot import texts
from bot.actions import challenges
from bot.actions.challenges import ChallengeView, Joined, JoinRefused, NotStarted, StartRefused
from bot.domain.challenges import MAX_TITLE_CHARS, Problem, parse_terms
from bot.domain.parsing import command_text, split_first
from bot.handlers.common import (
    Answer,
    Context,
    answering,
    group_command,
    group_seen,
    is_group,
    person_seen,
    say,
    speak_the_groups_language,
)
from bot.handlers.cue_button import in_the_group
from bot.handlers.settings import is_admin
from bot.outbox.buttons import challenge_keyboard, joined_challenge
from bot.services import services


async def challenge(update: Update, context: Context) -> None:
    message, chat = update.effective_message, update.effective_chat
    if message is None or chat is None:
        return
    head, _ = split_first(command_text(message.text))
    if head in ("", "join") or not is_group(chat):
        await _members(update, context, join=head == "join")
        return
    if not await is_admin(update, context):
        await speak_the_groups_language(context, chat)
        say(context, message, texts.challenges.not_admin())
        return
    async with answering(context) as answer:
        if head == "stop":
            was = await challenges.stop_challenge(answer.uow, group_seen(chat))
            said = texts.challenges.stopped(was) if was else texts.challenges.nothing_to_stop()
            answer.reply(message, said)
            return
        terms = parse_terms(command_text(message.text))
        if isinstance(terms, Problem):
            answer.reply(message, _problem(terms))
            return
        made = await challenges.start_challenge(answer.uow, group_seen(chat), terms)
        if isinstance(made, NotStarted):
            answer.reply(message, _not_started(made))
            return
        text = texts.challenges.started(made.title, made.first_day, made.last_day, _rules(made))
        answer.reply(message, text, markup=challenge_keyboard(made.id))


async def _members(update: Update, context: Context, *, join: bool) -> None:
    async with group_command(update, context) as cmd:
        if cmd is None:
            return
        if join:
            cmd.say(_joined(await challenges.join_challenge(cmd.uow, cmd.group, cmd.person)))
            return
        view = await challenges.show_challenge(cmd.uow, cmd.group)
        if view is None:
            cmd.say(texts.challenges.no_challenge())
            return
        markup = challenge_keyboard(view.id) if view.open_to_join else None
        cmd.say(shown(view), markup=markup)


def shown(view: ChallengeView) -> str:
    when = (
        texts.challenges.day_of(view.day, view.days)
        if view.day
        else texts.challenges.starts_on(view.first_day)
    )
    weekly = view.weekly_target is not None
    lines = [
        texts.challenges.standing(
            s.name, s.progress.met, s.progress.units, weekly, s.progress.still_in
        )
        for s in view.standings
    ]
    period = texts.challenges.period(view.first_day, view.last_day)
    return texts.challenges.shown(
        view.title, f"{period} · {when}", _rules(view), lines, view.open_to_join
    )


def _rules(view: ChallengeView) -> str:
    return texts.challenges.rules(view.days, view.weekly_target, view.freezes, view.late_join)


def _joined(joined: Joined) -> str:
    if joined.refused is None:
        return texts.challenges.joined(joined.name, joined.title, joined.first_day)
    return _refusal(joined, texts.challenges.title(joined.title))


def _refusal(joined: Joined, title: str) -> str:
    """Why the person did not join; ``title`` as the answer shows it (a toast is plain
    text, a message HTML)."""
    if joined.refused is JoinRefused.ALREADY:
        return texts.challenges.already_in(title)
    if joined.refused is JoinRefused.CLOSED:
        return texts.challenges.join_closed(title)
    return texts.challenges.join_none()


def _problem(problem: Problem) -> str:
    if problem is Problem.NO_TITLE:
        return texts.challenges.no_title()
    if problem is Problem.TITLE_TOO_LONG:
        return texts.challenges.title_too_long(MAX_TITLE_CHARS)
    if problem is Problem.BAD_TARGET:
        return texts.challenges.bad_target()
    if problem is Problem.BAD_DATE:
        return texts.challenges.bad_start()
    return texts.challenges.bad_length()


def _not_started(refused: NotStarted) -> str:
    if refused.why is StartRefused.BAD_START:
        return texts.challenges.bad_start()
    return texts.challenges.one_at_a_time(refused.current)


async def pressed_join(update: Update, context: Context) -> None:
    """The button under a challenge: the presser joins it; the group is told."""
    query = update.callback_query
    if query is None:
        return
    message = query.message
    challenge_id = joined_challenge(query.data or "")
    if not isinstance(message, Message) or not is_group(message.chat) or challenge_id is None:
        services(context).courier.answer(query.id, texts.posts.button_gone())
        return
    if not await in_the_group(context, message.chat_id, query.from_user.id):
        await speak_the_groups_language(context, message.chat)
        services(context).courier.answer(query.id, texts.posts.pressed_not_member())
        return
    async with answering(context) as answer:
        joined = await challenges.join_challenge(
            answer.uow, group_seen(message.chat), person_seen(query.from_user), challenge_id
        )
        _answer_press(answer, query.id, joined)


def _answer_press(answer: Answer, query_id: str, joined: Joined) -> None:
    if joined.refused is not None:
        answer.answer_button(query_id, _refusal(joined, joined.title))
        return
    answer.answer_button(query_id, texts.challenges.join_toast(joined.title))
    if joined.group is not None:
        answer.post(joined.group, _joined(joined))
