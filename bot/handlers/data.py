"""Your data: ``/export`` (your history as a CSV file) and ``/forgetme`` (delete it)
(bot.actions.your_data).

The file is UTF-8 CSV with a header: ``date`` (the day an entry counts for, a break's first
day, the day a goal was set or a plan made, the first day of the week a target is in force
from, in the zone your days count by), ``group``, ``kind`` (done, fail, break, goal, plan or
target), ``note`` (what you wrote, a break's reason, a goal's words, a plan, a target's
check-ins a week or "daily"), ``until`` (a break's last day, the day a goal was reached),
``recorded_at`` (when it was recorded, ISO 8601 in UTC) and ``proof`` (the media an entry
came with: photo, video, voice or document; empty without).

``/forgetme`` asks first, with a button only the asker's press counts on, for a few
minutes. The group is not told: the answer is a toast, in the group's language as the
prompt was.
"""

from __future__ import annotations

import csv
import io

from telegram import Message, Update, User

from bot import i18n, texts
from bot.actions import your_data
from bot.actions.your_data import Export
from bot.handlers.common import (
    Answer,
    Command,
    Context,
    answering,
    app_language,
    group_command,
    in_group_or_private,
    is_group,
    person_seen,
)
from bot.outbox.buttons import forget_keyboard, forget_request
from bot.services import services

COLUMNS = ("date", "group", "kind", "note", "until", "recorded_at", "proof")


def csv_bytes(export: Export) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for row in export.rows:
        writer.writerow(
            [
                row.day.isoformat(),
                row.group,
                row.kind,
                row.note,
                row.until.isoformat() if row.until else "",
                row.recorded_at.isoformat(),
                row.proof,
            ]
        )
    return out.getvalue().encode("utf-8")


async def export(update: Update, context: Context) -> None:
    await in_group_or_private(update, context, _export_group, _export_everywhere)


async def _export_group(cmd: Command) -> None:
    found = await your_data.export_group(cmd.uow, cmd.group, cmd.person)
    _send(cmd.answer, cmd.message, found, texts.data.export_nothing())


async def _export_everywhere(answer: Answer, message: Message, user: User) -> None:
    found = await your_data.export_everywhere(answer.uow, person_seen(user), app_language(user))
    _send(answer, message, found, texts.data.export_nothing_anywhere())


def _send(answer: Answer, message: Message, found: Export, nothing: str) -> None:
    if not found.rows:
        answer.reply(message, nothing)
        return
    name = f"habitloop-{found.today.isoformat()}.csv"
    answer.reply(
        message, texts.data.export_caption(len(found.rows)), document=(name, csv_bytes(found))
    )


async def forget_me(update: Update, context: Context) -> None:
    async with group_command(update, context) as cmd:
        if cmd is None:
            return
        asked = await your_data.ask_to_forget(cmd.uow, cmd.group, cmd.person)
        cmd.say(
            texts.data.forget_prompt(asked.name, asked.minutes),
            markup=forget_keyboard(cmd.user.id, asked.asked_at),
        )


async def forget_pressed(update: Update, context: Context) -> None:
    query = update.callback_query
    if query is None:
        return
    request = forget_request(query.data or "")
    message = query.message
    if request is None or not isinstance(message, Message) or not is_group(message.chat):
        services(context).courier.answer(query.id, texts.posts.button_gone())
        return
    asker, asked_at = request
    async with answering(context) as answer:
        outcome = await your_data.confirm_forget(
            answer.uow, message.chat_id, asker, asked_at, query.from_user.id
        )
        if outcome.group is not None:
            i18n.use(outcome.group.language)  # as the prompt was
        if outcome.not_yours is not None:
            toast = texts.data.forget_not_yours(outcome.not_yours)
        elif outcome.expired:
            toast = texts.data.forget_expired()
        elif outcome.forgotten:
            toast = texts.data.forget_done()
        else:
            toast = texts.data.forget_nothing()
        answer.answer_button(query.id, toast)
