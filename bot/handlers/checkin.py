"""/done, /done yesterday, /fail and /undo; a /done may come with proof (a photo, video,
voice note or file captioned /done, or replied to: bot.handlers.proof)."""

from __future__ import annotations

from telegram import Update

from bot import texts
from bot.actions import checkin, undo
from bot.actions.checkin import CheckedIn, CheckIn, NotRecorded, Refused
from bot.domain.parsing import command_text, split_first
from bot.domain.proof import Proof, ProofKind, ProofProblem
from bot.domain.streaks import Mark
from bot.handlers.common import Command, Context, group_command
from bot.handlers.proof import proof_of
from bot.handlers.telling import tell
from bot.outbox.buttons import plan_keyboard


async def done(update: Update, context: Context) -> None:
    async with group_command(update, context) as cmd:
        if cmd is None:
            return
        text = command_text(cmd.text)
        word, rest = split_first(text)
        proof = proof_of(cmd.message)
        if word == "yesterday":
            entry = _entry(cmd, Mark.DONE, rest, proof)
            outcome = await checkin.check_in_yesterday(cmd.uow, cmd.group, cmd.person, entry)
        else:
            entry = _entry(cmd, Mark.DONE, text, proof)
            outcome = await checkin.check_in(cmd.uow, cmd.group, cmd.person, entry)
        _answer(cmd, outcome, proof)


async def fail(update: Update, context: Context) -> None:
    async with group_command(update, context) as cmd:
        if cmd is None:
            return
        entry = _entry(cmd, Mark.FAIL, command_text(cmd.text))
        _answer(cmd, await checkin.check_in(cmd.uow, cmd.group, cmd.person, entry))


async def undo_latest(update: Update, context: Context) -> None:
    async with group_command(update, context) as cmd:
        if cmd is None:
            return
        undone = await undo.undo(cmd.uow, cmd.group, cmd.person, cmd.message.date)
        if undone is None:
            cmd.say(texts.checkins.undo_nothing())
        elif undone.week is not None:
            cmd.say(texts.targets.undone(undone.name, *undone.week))
        else:
            cmd.say(texts.checkins.undone(undone.name, undone.streak))


def _entry(cmd: Command, mark: Mark, note: str, proof: Proof | None = None) -> CheckIn:
    message = cmd.message
    return CheckIn.message(mark, note, cmd.group, message.message_id, message.date, proof)


def _answer(cmd: Command, outcome: CheckedIn | NotRecorded, proof: Proof | None = None) -> None:
    """The reaction on the member's message, and the reply (mergeable with others')."""
    if isinstance(outcome, NotRecorded):
        if outcome.reason is Refused.TOO_LATE:
            cmd.say(texts.checkins.late_too_late())
        elif outcome.reason is Refused.ALREADY:
            cmd.say(texts.checkins.late_already())
        elif outcome.reason is Refused.PROOF:
            cmd.say(_proof_refused(outcome, proof))
        return  # the same message again: it was answered the first time
    told = tell(outcome)
    cmd.react(told.reaction)
    if outcome.mark is Mark.FAIL:
        # What got in the way, and a plan for it: the button says how to make one.
        text = f"{told.text}\n{texts.plans.after_a_fail()}"
        cmd.say(text, confirmation=told.confirmation, markup=plan_keyboard())
    else:
        cmd.say(told.text, confirmation=told.confirmation)


def _proof_refused(outcome: NotRecorded, proof: Proof | None) -> str:
    """Why the check-in's proof (or its lack) kept it from counting."""
    if outcome.proof is ProofProblem.NOT_YOURS:
        return texts.proof.not_your_proof()
    if outcome.proof is ProofProblem.NOT_TODAY:
        return texts.proof.proof_not_today()
    if outcome.proof is ProofProblem.USED and outcome.counted_on is not None:
        photo = proof is None or proof.kind is ProofKind.PHOTO
        return texts.proof.proof_used(texts.format.day_and_month(outcome.counted_on), photo)
    return texts.proof.how_to_add_proof()
