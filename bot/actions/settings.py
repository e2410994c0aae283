"""``/settings``: the group's settings, shown to anyone and changed by admins (the caller
checked who is one), each value checked here, the same way wherever the change comes from.

A change of the streak rules (rest days, freezes, whether a /fail counts, the week's first
day, or the language when it sets that day) replays the whole
group with the group's row held (``bot.actions.group_replay``): a check-in made meanwhile
waits for it, so the streak a member was told is never overwritten. A change of a time or
the zone moves the group's posts (``bot.actions.schedule``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, time
from enum import StrEnum

from bot import i18n
from bot.actions.group_replay import replay_group
from bot.actions.places import GroupSeen, enter_group
from bot.actions.schedule import reschedule
from bot.actions.target_rules import WEEK_STARTS, first_weekday_of, group_targets
from bot.actions.uow import UnitOfWork
from bot.domain import parsing
from bot.domain.board import BoardMode
from bot.domain.targets import takes_effect, target_of_week, week_start
from bot.domain.zone_names import UnknownZone, resolve_zone
from bot.domain.zones import member_today, member_zone
from bot.store import targets as targets_store
from bot.store.chats import get_chat, rest_days_mask, rest_weekdays
from bot.store.models import Chat

# "/settings weekly sun" without a time posts then.
WEEKLY_DEFAULT_TIME = time(18, 0)
# Freezes: earned every 1 to 365 counted days, at most this many held.
MAX_FREEZES_HELD = 10


class Setting(StrEnum):
    CUE = "cue"
    RECAP = "recap"
    TIMEZONE = "timezone"
    REST = "rest"
    FREEZES = "freezes"
    BREAK = "break"
    FAIL = "fail"
    SHARE = "share"
    MENTIONS = "mentions"
    TOPIC = "topic"
    LANGUAGE = "language"
    BOARD = "board"
    WEEKLY = "weekly"
    PLANS = "plans"
    TARGET = "target"
    WEEK = "week"
    PROOF = "proof"


# What admins may type for each setting.
NAMES = {setting.value: setting for setting in Setting} | {
    "tz": Setting.TIMEZONE,
    "lang": Setting.LANGUAGE,
}


@dataclass(frozen=True, slots=True)
class GroupSettings:
    """A group's settings as shown."""

    cue: time | None
    recap: time | None
    zone: str
    rest: frozenset[int]
    freeze_every: int
    freeze_max: int
    max_break: int
    fail_counts: bool
    share: int
    mentions: bool
    topic: bool  # posts go to a forum topic
    board: BoardMode
    weekly_day: int | None
    weekly_time: time | None
    language: str
    plans: bool  # the cue shows the members' plans
    target: int | None  # the members' default target this week; None: daily
    next_target: int | None  # and from next week
    target_starts: date  # the first day of next week
    week_starts: int  # the week's first day, 0 = Monday
    proof: bool = False  # a /done counts only with a photo, video, voice note or file

    @classmethod
    def of(
        cls,
        chat: Chat,
        zone: str,
        target: tuple[int | None, int | None, date],
    ) -> GroupSettings:
        return cls(
            cue=chat.cue_time,
            recap=chat.recap_time,
            zone=zone,
            rest=rest_weekdays(chat),
            freeze_every=chat.freeze_every,
            freeze_max=chat.freeze_max,
            max_break=chat.max_break_days,
            fail_counts=chat.fail_counts,
            share=chat.group_share,
            mentions=chat.at_risk_mentions,
            topic=chat.topic_id is not None,
            board=BoardMode(chat.board),
            weekly_day=chat.weekly_day,
            weekly_time=chat.weekly_time,
            language=chat.language,
            plans=chat.show_plans,
            target=target[0],
            next_target=target[1],
            target_starts=target[2],
            week_starts=first_weekday_of(chat),
            proof=chat.proof_required,
        )


@dataclass(frozen=True, slots=True)
class Changed:
    setting: Setting
    settings: GroupSettings  # as they are now


class Why(StrEnum):
    BAD_VALUE = "bad_value"
    NOT_A_FORUM = "not_a_forum"  # topic: the group has no topics
    NOT_IN_A_TOPIC = "not_in_a_topic"  # topic here: said outside a topic


@dataclass(frozen=True, slots=True)
class Refused:
    setting: Setting
    value: str
    why: Why = Why.BAD_VALUE
    suggestions: tuple[str, ...] = ()  # time zones close to what was typed


@dataclass(frozen=True, slots=True)
class UnknownSetting:
    name: str


@dataclass(frozen=True, slots=True)
class Where:
    """Where the change was said: the forum topic, if any (``/settings topic here``)."""

    topic_id: int | None = None


async def show(uow: UnitOfWork, group: GroupSeen) -> GroupSettings:
    chat = await enter_group(uow, group)
    return await _settings(uow, chat)


async def change(
    uow: UnitOfWork, group: GroupSeen, name: str, value: str, where: Where = Where()
) -> Changed | Refused | UnknownSetting:
    """An admin changes setting ``name`` to ``value`` (as typed)."""
    setting = NAMES.get(name.lower())
    if setting is None:
        return UnknownSetting(name)
    await enter_group(uow, group)
    # Held against check-ins for the rest of the transaction (see the module's docs).
    chat = await get_chat(session=uow.session, telegram_id=group.telegram_id, lock=True)
    assert chat is not None
    refused = await _SETTERS[setting](_Change(uow, chat, value.strip(), where))
    if refused is not None:
        return Refused(setting, value, *refused)
    return Changed(setting, await _settings(uow, chat))


async def _settings(uow: UnitOfWork, chat: Chat) -> GroupSettings:
    zone = member_zone(None, chat.timezone, uow.default_zone).key
    first_weekday = first_weekday_of(chat)
    today = _group_today(uow, chat)
    default = (await group_targets(uow, chat.id, members=[])).group
    this_week = target_of_week(default, week_start(today, first_weekday))
    starts = takes_effect(today, first_weekday)
    return GroupSettings.of(chat, zone, (this_week, target_of_week(default, starts), starts))


def _group_today(uow: UnitOfWork, chat: Chat) -> date:
    return member_today(uow.now, None, chat.timezone, uow.default_zone)


@dataclass(frozen=True, slots=True)
class _Change:
    uow: UnitOfWork
    chat: Chat
    value: str
    where: Where


# None when the change was made; else why not (and, for a zone, what was maybe meant).
_Outcome = tuple[Why, tuple[str, ...]] | None
_BAD: _Outcome = (Why.BAD_VALUE, ())


def _moved(c: _Change) -> None:
    reschedule(c.chat, c.uow.now, c.uow.default_zone)


def _clock(cue: bool) -> Callable[[_Change], Awaitable[_Outcome]]:
    async def change(c: _Change) -> _Outcome:
        word = c.value.lower()
        chosen = None if word == "off" else parsing.clock_time(word)
        if word != "off" and chosen is None:
            return _BAD
        if cue:
            c.chat.cue_time = chosen
        else:
            c.chat.recap_time = chosen
        _moved(c)
        return None

    return change


async def _timezone(c: _Change) -> _Outcome:
    try:
        zone = resolve_zone(c.value)
    except UnknownZone as unknown:
        return Why.BAD_VALUE, unknown.suggestions
    c.chat.timezone = zone.key
    _moved(c)
    return None


async def _rest(c: _Change) -> _Outcome:
    days = parsing.weekdays(c.value)
    if days is None:
        return _BAD
    c.chat.rest_days = rest_days_mask(days)
    await replay_group(c.uow, c.chat)
    return None


async def _freezes(c: _Change) -> _Outcome:
    words = c.value.split()
    if [w.lower() for w in words] == ["off"]:
        every, hold = 0, 0
    else:
        numbers = [parsing.whole_number(w, 1, 365) for w in words]
        if len(numbers) != 2 or numbers[0] is None or numbers[1] is None:
            return _BAD
        every, hold = numbers[0], numbers[1]
        if hold > MAX_FREEZES_HELD:
            return _BAD
    c.chat.freeze_every, c.chat.freeze_max = every, hold
    await replay_group(c.uow, c.chat)
    return None


def _number(column: str, low: int, high: int) -> Callable[[_Change], Awaitable[_Outcome]]:
    """A whole number from ``low`` to ``high``, kept in the group's ``column``."""

    async def change(c: _Change) -> _Outcome:
        number = parsing.whole_number(c.value, low, high)
        if number is None:
            return _BAD
        setattr(c.chat, column, number)
        return None

    return change


def _switch(column: str, *, rules: bool = False) -> Callable[[_Change], Awaitable[_Outcome]]:
    """On or off, kept in the group's ``column``; ``rules``: a streak rule (the group is
    replayed)."""

    async def change(c: _Change) -> _Outcome:
        on = parsing.switch(c.value)
        if on is None:
            return _BAD
        setattr(c.chat, column, on)
        if rules:
            await replay_group(c.uow, c.chat)
        return None

    return change


async def _topic(c: _Change) -> _Outcome:
    word = c.value.lower()
    if word == "off":
        c.chat.topic_id = None
        return None
    if word != "here":
        return _BAD
    if not c.chat.is_forum:
        return Why.NOT_A_FORUM, ()
    if c.where.topic_id is None:
        return Why.NOT_IN_A_TOPIC, ()
    c.chat.topic_id = c.where.topic_id
    return None


async def _language(c: _Change) -> _Outcome:
    language = i18n.from_setting(c.value)
    if language is None:
        return _BAD
    week_before = first_weekday_of(c.chat)
    c.chat.language = language
    if first_weekday_of(c.chat) != week_before:  # the language set the week's first day
        await replay_group(c.uow, c.chat)
    return None


async def _target(c: _Change) -> _Outcome:
    """The members' default target, from next week; a member's own comes first."""
    try:
        per_week = parsing.target(c.value)
    except parsing.BadTarget:
        return _BAD
    starts = takes_effect(_group_today(c.uow, c.chat), first_weekday_of(c.chat))
    await targets_store.add_change(
        session=c.uow.session,
        chat_id=c.chat.id,
        member_id=None,
        starts=starts,
        per_week=per_week,
        at=c.uow.now,
    )
    return None


async def _week(c: _Change) -> _Outcome:
    """The week's first day: every weekly streak is judged again by the new weeks."""
    days = parsing.weekdays(c.value)
    if days is None or len(days) != 1 or not days <= set(WEEK_STARTS):
        return _BAD
    (c.chat.first_weekday,) = days
    await replay_group(c.uow, c.chat)
    return None


async def _board(c: _Change) -> _Outcome:
    word = c.value.lower()
    if word not in {mode.value for mode in BoardMode}:
        return _BAD
    c.chat.board = word
    return None


async def _weekly_picture(c: _Change) -> _Outcome:
    words = c.value.split()
    if [w.lower() for w in words] == ["off"]:
        c.chat.weekly_day, c.chat.weekly_time = None, None
    else:
        day = parsing.weekdays(words[0]) if words else None
        at = parsing.clock_time(words[1]) if len(words) == 2 else WEEKLY_DEFAULT_TIME
        if len(words) not in (1, 2) or day is None or len(day) != 1 or at is None:
            return _BAD
        (c.chat.weekly_day,) = day
        c.chat.weekly_time = at
    _moved(c)
    return None


_SETTERS: dict[Setting, Callable[[_Change], Awaitable[_Outcome]]] = {
    Setting.CUE: _clock(cue=True),
    Setting.RECAP: _clock(cue=False),
    Setting.TIMEZONE: _timezone,
    Setting.REST: _rest,
    Setting.FREEZES: _freezes,
    Setting.BREAK: _number("max_break_days", 1, 365),
    Setting.FAIL: _switch("fail_counts", rules=True),
    Setting.SHARE: _number("group_share", 0, 100),
    Setting.MENTIONS: _switch("at_risk_mentions"),
    Setting.TOPIC: _topic,
    Setting.LANGUAGE: _language,
    Setting.BOARD: _board,
    Setting.WEEKLY: _weekly_picture,
    Setting.PLANS: _switch("show_plans"),
    Setting.TARGET: _target,
    Setting.WEEK: _week,
    Setting.PROOF: _switch("proof_required"),
}
