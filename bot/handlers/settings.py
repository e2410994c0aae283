"""/settings: the group's settings, shown to anyone; admins change them
(bot.actions.settings checks each value)."""

from __future__ import annotations

from collections.abc import Callable

from telegram import Update
from telegram.constants import ChatMemberStatus
from telegram.error import TelegramError

from bot import i18n, texts
from bot.actions import settings as action
from bot.actions.settings import (
    Changed,
    GroupSettings,
    Refused,
    Setting,
    UnknownSetting,
    Where,
    Why,
)
from bot.domain import parsing
from bot.handlers.common import (
    Context,
    answering,
    group_seen,
    is_group,
    say,
    speak_the_groups_language,
)

ADMIN_STATUSES = (ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR)


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
    async with answering(context) as answer:
        if not name:
            shown = await action.show(answer.uow, group_seen(chat))
            markup = answer.services.links.keyboard(chat.id)
            answer.reply(message, card(shown), markup=markup)
            return
        where = Where(message.message_thread_id if message.is_topic_message else None)
        changed = await action.change(answer.uow, group_seen(chat), name, value, where)
        if isinstance(changed, Changed) and changed.setting is Setting.LANGUAGE:
            i18n.use(changed.settings.language)  # the answer, and all the group hears from now
        answer.reply(message, said(changed))


def card(shown: GroupSettings) -> str:
    return texts.settings.settings_card(
        cue=texts.format.clock(shown.cue),
        recap=texts.format.clock(shown.recap),
        zone=shown.zone,
        rest=texts.format.weekdays(shown.rest),
        freezes=texts.settings.freezes_rule(shown.freeze_every, shown.freeze_max),
        max_break=shown.max_break,
        fail_counts=shown.fail_counts,
        share=shown.share,
        mentions=shown.mentions,
        topic=shown.topic,
        board=shown.board.value,
        weekly=_weekly(shown),
        language=shown.language,
        plans=shown.plans,
        quest=shown.quest,
        target=_target(shown),
        week=texts.targets.weekday(shown.week_starts),
        proof=shown.proof,
        buddies=shown.buddies,
    )


def _target(shown: GroupSettings) -> str:
    now = texts.targets.target(shown.target)
    if shown.next_target == shown.target:
        return now
    upcoming = texts.targets.target(shown.next_target)
    return f"{now} → {upcoming} ({texts.format.short_date(shown.target_starts)})"


def _weekly(shown: GroupSettings) -> str:
    if shown.weekly_day is None or shown.weekly_time is None:
        return texts.format.on_off(False)
    day = texts.format.weekdays(frozenset({shown.weekly_day}))
    return f"{day} {texts.format.clock(shown.weekly_time)}"


def said(outcome: Changed | Refused | UnknownSetting) -> str:
    """The answer to a change: what it is now, or why it was not made."""
    if isinstance(outcome, UnknownSetting):
        return texts.settings.unknown_setting(outcome.name)
    if isinstance(outcome, Refused):
        return _refused(outcome)
    s, now = outcome.setting, outcome.settings
    if s is Setting.TOPIC:
        return texts.settings.topic_here() if now.topic else texts.settings.topic_general()
    if s is Setting.TARGET:
        return texts.settings.target_from_next_week(
            texts.targets.target(now.next_target), texts.format.short_date(now.target_starts)
        )
    what, value = _CHANGED[s]
    return texts.settings.setting_changed(what(), value(now))


_CHANGED: dict[Setting, tuple[Callable[[], str], Callable[[GroupSettings], str]]] = {
    Setting.CUE: (texts.settings.setting_cue, lambda s: texts.format.clock(s.cue)),
    Setting.RECAP: (texts.settings.setting_recap, lambda s: texts.format.clock(s.recap)),
    Setting.TIMEZONE: (texts.settings.setting_timezone, lambda s: s.zone),
    Setting.REST: (texts.settings.setting_rest, lambda s: texts.format.weekdays(s.rest)),
    Setting.FREEZES: (
        texts.settings.setting_freezes,
        lambda s: texts.settings.freezes_rule(s.freeze_every, s.freeze_max),
    ),
    Setting.BREAK: (texts.settings.setting_break, lambda s: texts.format.days(s.max_break)),
    Setting.FAIL: (texts.settings.setting_fail, lambda s: texts.format.on_off(s.fail_counts)),
    Setting.SHARE: (texts.settings.setting_share, lambda s: texts.format.percent(s.share)),
    Setting.MENTIONS: (texts.settings.setting_mentions, lambda s: texts.format.on_off(s.mentions)),
    Setting.LANGUAGE: (
        texts.settings.setting_language,
        lambda s: texts.settings.language_name(s.language),
    ),
    Setting.BOARD: (texts.settings.setting_board, lambda s: texts.board.board_mode(s.board.value)),
    Setting.WEEKLY: (texts.settings.setting_weekly, _weekly),
    Setting.PLANS: (texts.settings.setting_plans, lambda s: texts.format.on_off(s.plans)),
    Setting.QUEST: (texts.settings.setting_quest, lambda s: texts.format.on_off(s.quest)),
    Setting.WEEK: (texts.settings.setting_week, lambda s: texts.targets.weekday(s.week_starts)),
    Setting.PROOF: (texts.settings.setting_proof, lambda s: texts.format.on_off(s.proof)),
    Setting.BUDDIES: (
        texts.settings.setting_buddies,
        lambda s: texts.settings.buddies_mode(s.buddies),
    ),
}


def _refused(outcome: Refused) -> str:
    value = outcome.value
    if outcome.why is Why.NOT_A_FORUM:
        return texts.settings.topic_not_forum()
    if outcome.why is Why.NOT_IN_A_TOPIC:
        return texts.settings.topic_not_in_topic()
    bad: dict[Setting, Callable[[], str]] = {
        Setting.CUE: lambda: texts.settings.bad_time(value, "/settings cue 08:30"),
        Setting.RECAP: lambda: texts.settings.bad_time(value, "/settings recap 21:00"),
        Setting.TIMEZONE: lambda: texts.timezones.timezone_unknown(value, outcome.suggestions),
        Setting.REST: lambda: texts.settings.bad_weekdays(value),
        Setting.FREEZES: lambda: texts.settings.bad_freezes(value),
        Setting.BREAK: lambda: texts.settings.bad_break_limit(value),
        Setting.FAIL: lambda: texts.settings.bad_switch(value, "/settings fail on"),
        Setting.SHARE: lambda: texts.settings.bad_share(value),
        Setting.MENTIONS: lambda: texts.settings.bad_switch(value, "/settings mentions on"),
        Setting.TOPIC: lambda: texts.settings.bad_topic(value),
        Setting.LANGUAGE: lambda: texts.settings.bad_language(value),
        Setting.BOARD: lambda: texts.settings.bad_board(value),
        Setting.WEEKLY: lambda: texts.settings.bad_weekly(value),
        Setting.PLANS: lambda: texts.settings.bad_switch(value, "/settings plans on"),
        Setting.QUEST: lambda: texts.settings.bad_switch(value, "/settings quest on"),
        Setting.TARGET: lambda: texts.settings.bad_target(value),
        Setting.WEEK: lambda: texts.settings.bad_week(value),
        Setting.PROOF: lambda: texts.settings.bad_switch(value, "/settings proof on"),
        Setting.BUDDIES: lambda: texts.settings.bad_buddies(value),
    }
    return bad[outcome.setting]()
