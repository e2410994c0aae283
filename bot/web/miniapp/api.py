"""The Mini App's JSON API, under ``/app/api``: who is asking (``initData``, checked), which
of their groups (checked with Telegram), and the actions the commands use.

Every refusal says nothing of why: 401 for data Telegram did not sign for this bot within a
day, 403 for a group the person is not in (or a change by someone who is not its admin),
404 for a link to no group. A bad value for a setting is answered as ``/settings`` answers
it, in the person's language.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from aiohttp import web
from telegram import Bot
from telegram.constants import ChatMemberStatus
from telegram.error import TelegramError

from bot import i18n, texts
from bot.actions import settings as settings_action
from bot.actions.app_views import (
    GRID_DAYS,
    GroupView,
    MyYear,
    group_named,
    group_view,
    groups_of,
    my_year,
)
from bot.actions.challenges import ChallengeView
from bot.actions.places import GroupSeen, PersonSeen
from bot.actions.settings import Changed, GroupSettings, Setting, Where
from bot.actions.streak import NoCheckIns, StreakCard
from bot.actions.target_rules import WEEK_STARTS
from bot.actions.uow import GroupInfo
from bot.domain.app_links import group_token, link_key
from bot.domain.board import Ranked, Standings
from bot.domain.group_days import GroupYear
from bot.domain.member_days import DayKind
from bot.handlers.common import send
from bot.handlers.settings import ADMIN_STATUSES, said
from bot.intake.inbox import DATABASE_TROUBLE
from bot.outbox.outgoing import Outgoing
from bot.outbox.replies import Replies
from bot.services import Services
from bot.web.miniapp.initdata import InitData, checked

log = logging.getLogger(__name__)

AUTH_HEADER = "Authorization"
AUTH_SCHEME = "tma "  # as Telegram's own examples send it: "tma <initData>"
MEMBER_STATUSES = (*ADMIN_STATUSES, ChatMemberStatus.MEMBER)
COMPRESS_FROM = 1024  # bytes of an answer worth compressing

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
Signed = Callable[[web.Request, "Asker"], Awaitable[web.StreamResponse]]


@dataclass(frozen=True, slots=True)
class Asker:
    data: InitData
    language: str

    @property
    def person(self) -> PersonSeen:
        user = self.data.user
        return PersonSeen(user.id, user.first_name, user.username, user.is_bot)


class MiniAppApi:
    def __init__(self, services: Services, bot: Bot) -> None:
        self._svc = services
        self._bot = bot
        self._token = services.settings.bot_token.get_secret_value()
        self._key = link_key(self._token)

    def add_routes(self, app: web.Application, prefix: str) -> None:
        app.router.add_get(f"{prefix}/api/groups", self._signed(self.groups))
        app.router.add_get(f"{prefix}/api/year", self._signed(self.year))
        app.router.add_get(f"{prefix}/api/group", self._signed(self.group))
        app.router.add_get(f"{prefix}/api/settings", self._signed(self.settings))
        app.router.add_post(f"{prefix}/api/settings", self._signed(self.change))

    def token_of(self, chat_id: int) -> str:
        return group_token(self._key, chat_id)

    # -- who asks, and where --------------------------------------------------------------

    def _signed(self, handler: Signed) -> Handler:
        async def checked_first(request: web.Request) -> web.StreamResponse:
            header = request.headers.get(AUTH_HEADER, "")
            raw = header[len(AUTH_SCHEME) :] if header.startswith(AUTH_SCHEME) else ""
            data = checked(raw, self._token, self._svc.clock.now())
            if data is None:
                return web.Response(status=401)
            language = i18n.of_person(data.user.language_code)
            with i18n.speaking(language):
                try:
                    response = await handler(request, Asker(data, language))
                except DATABASE_TROUBLE as error:
                    log.warning("the Mini App's %s: the database failed: %s", request.path, error)
                    failed = {"said": texts.app.words()["failed"]}
                    return web.json_response(failed, status=503)
            # A year of days is tens of kilobytes of JSON, a few once compressed.
            body = response.body if isinstance(response, web.Response) else None
            if isinstance(body, bytes) and len(body) > COMPRESS_FROM:
                response.enable_compression()
            return response

        return checked_first

    async def _is_member(self, chat_id: int, user_id: int, statuses: tuple[str, ...]) -> bool:
        """As Telegram says now (as /settings asks it of admins)."""
        try:
            member = await self._bot.get_chat_member(chat_id, user_id)
        except TelegramError:
            return False
        if member.status == ChatMemberStatus.RESTRICTED:
            return ChatMemberStatus.MEMBER in statuses and bool(getattr(member, "is_member", False))
        return member.status in statuses

    async def _group(self, token: str, asker: Asker) -> GroupSeen | web.Response:
        async with self._svc.work() as uow:
            group = await group_named(uow, self._key, token)
        if group is None:
            return web.Response(status=404)
        if not await self._is_member(group.telegram_id, asker.data.user.id, MEMBER_STATUSES):
            return web.Response(status=403)
        return group

    # -- the pages' data ------------------------------------------------------------------

    async def groups(self, request: web.Request, asker: Asker) -> web.Response:
        user_id = asker.data.user.id
        async with self._svc.work() as uow:
            known = await groups_of(uow, user_id)
            start = asker.data.start_param
            opened = await group_named(uow, self._key, start) if start else None
        if opened is not None and opened not in known:
            known.insert(0, opened)
        member = await asyncio.gather(
            *(self._is_member(g.telegram_id, user_id, MEMBER_STATUSES) for g in known)
        )
        shown = [g for g, yes in zip(known, member, strict=True) if yes]
        return web.json_response(
            {
                "language": i18n.code(asker.language),
                "words": texts.app.words(),
                "groups": [{"id": self.token_of(g.telegram_id), "title": g.title} for g in shown],
                "start": self.token_of(opened.telegram_id)
                if opened is not None and opened in shown
                else None,
            }
        )

    async def year(self, request: web.Request, asker: Asker) -> web.Response:
        group = await self._group(request.query.get("group", ""), asker)
        if isinstance(group, web.Response):
            return group
        async with self._svc.work() as uow:
            shown = await my_year(uow, group, asker.person)
        return web.json_response(_year_json(shown))

    async def group(self, request: web.Request, asker: Asker) -> web.Response:
        group = await self._group(request.query.get("group", ""), asker)
        if isinstance(group, web.Response):
            return group
        async with self._svc.work() as uow:
            shown = await group_view(uow, group, asker.person)
        return web.json_response(_group_json(shown))

    async def settings(self, request: web.Request, asker: Asker) -> web.Response:
        group = await self._group(request.query.get("group", ""), asker)
        if isinstance(group, web.Response):
            return group
        admin = await self._is_member(group.telegram_id, asker.data.user.id, ADMIN_STATUSES)
        async with self._svc.work() as uow:
            shown = await settings_action.show(uow, group)
        return web.json_response({"admin": admin, **_settings_json(shown)})

    async def change(self, request: web.Request, asker: Asker) -> web.Response:
        try:
            body: Any = await request.json()
            token, name, value = str(body["group"]), str(body["name"]), str(body["value"])
        except (ValueError, KeyError, TypeError):
            return web.json_response({"said": texts.app.words()["failed"]}, status=400)
        group = await self._group(token, asker)
        if isinstance(group, web.Response):
            return group
        if not await self._is_member(group.telegram_id, asker.data.user.id, ADMIN_STATUSES):
            return web.Response(status=403)
        where: list[GroupInfo] = []
        async with self._svc.work(where.append) as uow:
            outcome = await settings_action.change(uow, group, name, value, Where())
        if not isinstance(outcome, Changed):
            return web.json_response({"said": said(outcome)}, status=400)
        self._tell_the_group(where[-1], outcome, asker.data.user.first_name)
        return web.json_response(_settings_json(outcome.settings))

    def _tell_the_group(self, group: GroupInfo, outcome: Changed, first_name: str) -> None:
        """The group hears of the change as /settings would have answered it, in its
        language (the new one, if that is what changed)."""
        with i18n.speaking(outcome.settings.language):
            text = texts.app.changed_in_app(first_name, said(outcome))
        outgoing = Outgoing(group.telegram_id, text, thread_id=group.topic_id)
        send(self._svc, Replies(messages=[outgoing]))


# -- what the pages get ---------------------------------------------------------------------


def _clock(value: Any) -> str | None:
    return None if value is None else f"{value.hour:02d}:{value.minute:02d}"


def _year_json(shown: MyYear | NoCheckIns) -> dict[str, Any]:
    if isinstance(shown, NoCheckIns):
        return {"empty": True}
    year, card = shown.stats.year, shown.card
    return {
        "empty": False,
        "name": shown.stats.name,
        "today": year.today.isoformat(),
        "first": year.first.isoformat(),
        "days": [kind.value for kind in year.days],
        "notes": {day.isoformat(): note for day, note in shown.notes.items()},
        "proofs": {day.isoformat(): kind for day, kind in shown.proofs.items()},
        "current": card.current,
        "best": card.best,
        "freezes": card.freezes,
        "never_twice": [card.never_twice.current, card.never_twice.best],
        "cheers": card.cheers,
        "plan": None if card.plan is None else [card.plan.when, card.plan.what],
        "goal": shown.goal,
        "consistency": [card.consistency, card.window],
        "weekly": _weekly(card),
    }


def _weekly(card: StreakCard) -> dict[str, str] | None:
    """A member with a weekly target: their streak in weeks and this week's progress, as
    /streak says them."""
    if card.week is None:
        return None
    check_ins, target = card.week
    return {
        "current": texts.targets.weeks(card.current),
        "best": texts.targets.weeks(card.best),
        "progress": texts.targets.progress(check_ins, target),
        "target": texts.targets.target(target),
    }


def _rows(standings: Standings, weeks: Mapping[int, tuple[DayKind, ...]]) -> dict[str, Any]:
    """A list's rows: place, name, figure, and the member's last seven days if known."""

    def row(ranked: Ranked) -> list[Any]:
        week = [kind.value for kind in weeks.get(ranked.key, ())]
        return [ranked.place, ranked.name, ranked.value, week]

    own = standings.own
    return {"rows": [row(r) for r in standings.rows], "own": None if own is None else row(own)}


def _grid(year: GroupYear) -> list[list[Any]]:
    """The last 12 weeks, day by day (days before the group's first entry count nobody)."""
    known = {d.day: d for d in year.days}
    first = year.today - timedelta(days=GRID_DAYS - 1)
    days = (first + timedelta(days=n) for n in range(GRID_DAYS))
    return [
        [day.isoformat(), known[day].showed_up, known[day].active]
        if day in known
        else [day.isoformat(), 0, 0]
        for day in days
    ]


def _group_json(shown: GroupView) -> dict[str, Any]:
    board, year = shown.board, shown.stats.year
    return {
        "title": shown.stats.title,
        "mode": board.mode.value,
        "group_streak": board.group_streak,
        "current": _rows(board.current, shown.weeks),
        "best": _rows(board.best, {}),
        "own": [board.own_current, board.own_best],
        "hidden": board.hidden,
        "today": year.today.isoformat(),
        "grid": _grid(year),
        "challenge": _challenge(shown.challenge),
        "quest": None
        if shown.quest is None
        else {
            "goal": shown.quest.goal,
            "check_ins": shown.quest.check_ins,
            "said": texts.quests.progress(shown.quest.check_ins, shown.quest.goal),
        },
    }


def _challenge(view: ChallengeView | None) -> dict[str, Any] | None:
    """The group's challenge as /challenge says it: which day, and each member's progress
    (those the page may name, already chosen)."""
    if view is None:
        return None
    weekly = view.weekly_target is not None
    return {
        "title": view.title,
        "when": texts.challenges.day_of(view.day, view.days)
        if view.day
        else texts.challenges.starts_on(view.first_day),
        "day": view.day,
        "days": view.days,
        "rows": [
            [
                s.name,
                texts.challenges.met_of(s.progress.met, s.progress.units, weekly),
                s.progress.still_in,
            ]
            for s in view.standings
        ],
    }


def _settings_json(shown: GroupSettings) -> dict[str, Any]:
    return {
        "values": {
            Setting.CUE: _clock(shown.cue),
            Setting.RECAP: _clock(shown.recap),
            Setting.TIMEZONE: shown.zone,
            Setting.REST: sorted(shown.rest),
            Setting.FREEZES: [shown.freeze_every, shown.freeze_max],
            Setting.BREAK: shown.max_break,
            Setting.LANGUAGE: i18n.code(shown.language),
            Setting.BOARD: shown.board.value,
            Setting.WEEKLY: None
            if shown.weekly_day is None
            else [shown.weekly_day, _clock(shown.weekly_time)],
            Setting.TOPIC: shown.topic,
            Setting.FAIL: shown.fail_counts,
            Setting.SHARE: shown.share,
            Setting.MENTIONS: shown.mentions,
            Setting.PLANS: shown.plans,
            # What the form changes is the default from next week on (this week keeps its own).
            Setting.TARGET: shown.next_target,
            Setting.WEEK: shown.week_starts,
            Setting.PROOF: shown.proof,
        },
        "languages": texts.app.language_choices(),
        "targets": texts.app.target_choices(),
        "week_starts": [[day, texts.targets.weekday(day)] for day in WEEK_STARTS],
    }
