"""Your data: ``/export`` (your history as a CSV file) and ``/forgetme`` (delete it).

``/export`` in a group sends your history there; in the private chat, your history in all
your groups. The file is UTF-8 CSV with a header: ``date`` (the day an entry counts for, a
break's first day, the day a goal was set, in the zone your days count by), ``group``,
``kind`` (done, fail, break or goal), ``note`` (what you wrote, a break's reason, a goal's
words), ``until`` (a break's last day, the day a goal was reached) and ``recorded_at`` (when
it was recorded, ISO 8601 in UTC).

``/forgetme`` asks first, with a button only the asker's press counts on, for a few
minutes; then everything about them in the group goes (bot.store.forget). The group is not
told: the answer is a toast.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import timedelta

from telegram import Message, Update

from bot import i18n, texts
from bot.domain.calendar import local_date
from bot.handlers.common import (
    Context,
    Work,
    group_call,
    is_group,
    unit_of_work,
)
from bot.outbox.buttons import forget_keyboard, forget_request
from bot.services import services
from bot.store.chats import get_chat, rules_of
from bot.store.forget import forget_member
from bot.store.histories import ExportRow, export_rows
from bot.store.members import find_member
from bot.store.people import ensure_person

COLUMNS = ("date", "group", "kind", "note", "until", "recorded_at")
# How long a /forgetme confirmation button works.
FORGET_WINDOW = timedelta(minutes=5)


def csv_bytes(rows: Sequence[ExportRow]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(
            [
                row.day.isoformat(),
                row.group,
                row.kind,
                row.note,
                row.until.isoformat() if row.until else "",
                row.recorded_at.isoformat(),
            ]
        )
    return out.getvalue().encode("utf-8")


async def export(update: Update, context: Context) -> None:
    message, user = update.effective_message, update.effective_user
    if message is None:
        return
    if is_group(update.effective_chat):
        async with group_call(update, context) as call:
            if call is None:
                return
            rows = await export_rows(
                session=call.session,
                user_id=call.user.id,
                default_zone=call.services.default_zone,
                chat_id=call.chat.id,
            )
            _send(call.work, message, rows, texts.data.export_nothing())
        return
    if user is None:
        return
    async with unit_of_work(context) as work:
        # Their language, for the private reminders written outside any update.
        await ensure_person(
            session=work.session, user_id=user.id, language=i18n.of_app(user.language_code)
        )
        rows = await export_rows(
            session=work.session, user_id=user.id, default_zone=work.services.default_zone
        )
        _send(work, message, rows, texts.data.export_nothing_anywhere())


def _send(work: Work, message: Message, rows: Sequence[ExportRow], nothing: str) -> None:
    if not rows:
        work.reply(message, nothing)
        return
    today = local_date(work.now, work.services.default_zone)
    name = f"habitloop-{today.isoformat()}.csv"
    work.reply(message, texts.data.export_caption(len(rows)), document=(name, csv_bytes(rows)))


async def forget_me(update: Update, context: Context) -> None:
    async with group_call(update, context) as call:
        if call is None:
            return
        asked = int(call.now.timestamp())
        call.work.reply(
            call.message,
            texts.data.forget_prompt(
                call.user.first_name, int(FORGET_WINDOW.total_seconds() // 60)
            ),
            markup=forget_keyboard(call.user.id, asked),
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
    user_id, asked = request
    async with unit_of_work(context) as work:
        chat = await get_chat(session=work.session, telegram_id=message.chat_id)
        member = None
        if chat is not None:
            i18n.use(chat.language)  # answered in the group's language, as the prompt was
            member = await find_member(session=work.session, chat_id=chat.id, user_id=user_id)
        if query.from_user.id != user_id:
            work.answer_button(
                query.id, texts.data.forget_not_yours(member.first_name if member else "")
            )
        elif work.now.timestamp() - asked > FORGET_WINDOW.total_seconds():
            work.answer_button(query.id, texts.data.forget_expired())
        elif chat is None or member is None:
            work.answer_button(query.id, texts.data.forget_nothing())
        else:
            await forget_member(session=work.session, member=member, rules=rules_of(chat))
            work.answer_button(query.id, texts.data.forget_done())
