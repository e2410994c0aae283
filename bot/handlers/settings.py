"""/settings: admins show and change the group's settings (PRODUCT.md section 3)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import time

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Message, Update
from telegram.constants import ChatMemberStatus
from telegram.error import TelegramError

from bot import i18n, texts
from bot.domain import parsing
from bot.domain.board import BoardMode
from bot.domain.calendar import UnknownZone, resolve_zone
from bot.handlers.common import (
    Context,
    group_row,
    is_group,
    say,
    speak_the_groups_language,
    unit_of_work,
)
from bot.services import Services
from bot.store.chats import rest_days_mask, rest_weekdays, zone_of
from bot.store.models import Chat
from bot.store.replay import replay_chat
from bot.store.schedule import reschedule

ADMIN_STATUSES = (ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR)
# "/settings weekly sun" without a time posts then.
WEEKLY_DEFAULT_TIME = time(18, 0)


async def is_admin(update: Update, context: Context) -> bool:
    """Creator or administrator as Telegram says now; posting as the group counts."""
    message, chat = update.effective_message, update.effective_chat
    if message is None or chat is None:
        return False
    if message.sender_chat is not None:
        return message.sender_chat.id == chat.id
    if update.effective_user is None:
        return False
    try:
        member = await context.bot.get_chat_member(chat.id, update.effective_user.id)
    except TelegramError:
        return False
    return member.status in ADMIN_STATUSES


@dataclass(frozen=True, slots=True)
class Change:
    """One setting being changed, with what it needs."""

    session: AsyncSession
    services: Services
    chat: Chat
    message: Message
    value: str


Setter = Callable[[Change], Awaitable[str]]


async def settings(update: Update, context: Context) -> None:
    message, chat = update.effective_message, update.effective_chat
    if message is None or chat is None:
        return
    if not is_group(chat):
        say(context, message, texts.help.private_only_in_groups())
        return
    name, value = parsing.split_first(parsing.command_text(message.text))
    if name and not await is_admin(update, context):
        await speak_the_groups_language(context, chat)
        say(context, message, texts.settings.not_admin())
        return
    async with unit_of_work(context) as work:
        svc = work.services
        row = await group_row(work.session, chat, work.now, svc.default_zone)
        if not name:
            answer = card(row, svc)
        elif name not in SETTERS:
            answer = texts.settings.unknown_setting(name)
        else:
            answer = await SETTERS[name](Change(work.session, svc, row, message, value))
        work.reply(message, answer)


def card(chat: Chat, svc: Services) -> str:
    return texts.settings.settings_card(
        cue=texts.format.clock(chat.cue_time),
        recap=texts.format.clock(chat.recap_time),
        zone=zone_of(chat, svc.default_zone).key,
        rest=texts.format.weekdays(rest_weekdays(chat)),
        freezes=texts.settings.freezes_rule(chat.freeze_every, chat.freeze_max),
        max_break=chat.max_break_days,
        fail_counts=chat.fail_counts,
        share=chat.group_share,
        mentions=chat.at_risk_mentions,
        topic=chat.topic_id is not None,
        board=chat.board,
        weekly=_weekly(chat),
        language=chat.language,
    )


def _weekly(chat: Chat) -> str:
    if chat.weekly_day is None or chat.weekly_time is None:
        return texts.format.on_off(False)
    day = texts.format.weekdays(frozenset({chat.weekly_day}))
    return f"{day} {texts.format.clock(chat.weekly_time)}"


def _clock_setting(example: str, cue: bool) -> Setter:
    async def change(c: Change) -> str:
        word = c.value.strip().lower()
        chosen = None if word == "off" else parsing.clock_time(word)
        if word != "off" and chosen is None:
            return texts.settings.bad_time(c.value, example)
        if cue:
            c.chat.cue_time = chosen
        else:
            c.chat.recap_time = chosen
        reschedule(c.chat, c.services.clock.now(), c.services.default_zone)
        what = texts.settings.setting_cue() if cue else texts.settings.setting_recap()
        return texts.settings.setting_changed(what, texts.format.clock(chosen))

    return change


async def _timezone(c: Change) -> str:
    try:
        zone = resolve_zone(c.value)
    except UnknownZone as unknown:
        return texts.timezones.timezone_unknown(c.value, unknown.suggestions)
    c.chat.timezone = zone.key
    reschedule(c.chat, c.services.clock.now(), c.services.default_zone)
    return texts.settings.setting_changed(texts.settings.setting_timezone(), zone.key)


async def _rest(c: Change) -> str:
    days = parsing.weekdays(c.value)
    if days is None:
        return texts.settings.bad_weekdays(c.value)
    c.chat.rest_days = rest_days_mask(days)
    await replay_chat(session=c.session, chat=c.chat)
    return texts.settings.setting_changed(
        texts.settings.setting_rest(), texts.format.weekdays(days)
    )


async def _freezes(c: Change) -> str:
    words = c.value.split()
    if [w.lower() for w in words] == ["off"]:
        every, hold = 0, 0
    else:
        numbers = [parsing.whole_number(w, 1, 365) for w in words]
        if len(numbers) != 2 or None in numbers or (numbers[1] or 0) > 10:
            return texts.settings.bad_freezes(c.value)
        every, hold = numbers[0] or 0, numbers[1] or 0
    c.chat.freeze_every, c.chat.freeze_max = every, hold
    await replay_chat(session=c.session, chat=c.chat)
    return texts.settings.setting_changed(
        texts.settings.setting_freezes(), texts.settings.freezes_rule(every, hold)
    )


async def _max_break(c: Change) -> str:
    days = parsing.whole_number(c.value, 1, 365)
    if days is None:
        return texts.settings.bad_break_limit(c.value)
    c.chat.max_break_days = days
    return texts.settings.setting_changed(texts.settings.setting_break(), texts.format.days(days))


async def _fail(c: Change) -> str:
    counts = parsing.switch(c.value)
    if counts is None:
        return texts.settings.bad_switch(c.value, "/settings fail on")
    c.chat.fail_counts = counts
    await replay_chat(session=c.session, chat=c.chat)
    return texts.settings.setting_changed(
        texts.settings.setting_fail(), texts.format.on_off(counts)
    )


async def _share(c: Change) -> str:
    share = parsing.whole_number(c.value, 0, 100)
    if share is None:
        return texts.settings.bad_share(c.value)
    c.chat.group_share = share
    return texts.settings.setting_changed(
        texts.settings.setting_share(), texts.format.percent(share)
    )


async def _mentions(c: Change) -> str:
    on = parsing.switch(c.value)
    if on is None:
        return texts.settings.bad_switch(c.value, "/settings mentions on")
    c.chat.at_risk_mentions = on
    return texts.settings.setting_changed(
        texts.settings.setting_mentions(), texts.format.on_off(on)
    )


async def _topic(c: Change) -> str:
    word = c.value.strip().lower()
    if word == "off":
        c.chat.topic_id = None
        return texts.settings.topic_general()
    if word != "here":
        return texts.settings.bad_topic(c.value)
    if not c.chat.is_forum:
        return texts.settings.topic_not_forum()
    if not c.message.is_topic_message or c.message.message_thread_id is None:
        return texts.settings.topic_not_in_topic()
    c.chat.topic_id = c.message.message_thread_id
    return texts.settings.topic_here()


async def _language(c: Change) -> str:
    language = i18n.from_setting(c.value)
    if language is None:
        return texts.settings.bad_language(c.value)
    c.chat.language = language
    i18n.use(language)  # the answer, and all the group hears from now on
    return texts.settings.setting_changed(
        texts.settings.setting_language(), texts.settings.language_name(language)
    )


async def _board(c: Change) -> str:
    word = c.value.strip().lower()
    if word not in {mode.value for mode in BoardMode}:
        return texts.settings.bad_board(c.value)
    c.chat.board = word
    return texts.settings.setting_changed(
        texts.settings.setting_board(), texts.board.board_mode(word)
    )


async def _weekly_picture(c: Change) -> str:
    words = c.value.split()
    if [w.lower() for w in words] == ["off"]:
        c.chat.weekly_day, c.chat.weekly_time = None, None
    else:
        day = parsing.weekdays(words[0]) if words else None
        at = parsing.clock_time(words[1]) if len(words) == 2 else WEEKLY_DEFAULT_TIME
        if len(words) not in (1, 2) or day is None or len(day) != 1 or at is None:
            return texts.settings.bad_weekly(c.value)
        (c.chat.weekly_day,) = day
        c.chat.weekly_time = at
    reschedule(c.chat, c.services.clock.now(), c.services.default_zone)
    return texts.settings.setting_changed(texts.settings.setting_weekly(), _weekly(c.chat))


SETTERS: dict[str, Setter] = {
    "cue": _clock_setting("/settings cue 08:30", cue=True),
    "recap": _clock_setting("/settings recap 21:00", cue=False),
    "timezone": _timezone,
    "tz": _timezone,
    "rest": _rest,
    "freezes": _freezes,
    "break": _max_break,
    "fail": _fail,
    "share": _share,
    "mentions": _mentions,
    "topic": _topic,
    "language": _language,
    "lang": _language,
    "board": _board,
    "weekly": _weekly_picture,
}
