"""The whole bot against the fake Telegram, driven as a group would use it.

A test plays the people (``say``, ``press``), moves the clock (``at``, ``advance``) and
runs the scheduler's tick (``tick``); it reads what the group sees from the fake Telegram.
Updates reach the real ``Application`` through ``getUpdates``, as in long polling.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from telegram import Update
from telegram.ext import BaseRateLimiter

from bot.app import BotApplication, build_application
from bot.clock import ManualClock
from bot.config import Settings
from bot.jobs.tick import CHECKIN_BUTTON_DATA, TickReport, run_tick
from bot.sandbox import Chat, FakeTelegram, Message, User
from bot.services import SERVICES_KEY, Services

TOKEN = "123456789:AAHabitloopTestTokenAbcdefghijklmnopq"
BOT_USERNAME = "habitloop_bot"
# A Monday morning in UTC.
START = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
# How often ``live_to`` ticks; coarser than the bot's own tick, fine for posts due on the minute.
TICK_STEP = timedelta(minutes=15)


def settings_for(database_url: str, **overrides: object) -> Settings:
    """Settings from the arguments alone: no environment, no .env file."""
    values: dict[str, object] = {"bot_token": TOKEN, "database_url": database_url}
    values.update(overrides)
    return Settings.model_validate(values)


class Harness:
    def __init__(self, tg: FakeTelegram, app: BotApplication, clock: ManualClock) -> None:
        self.tg = tg
        self.app = app
        self.clock = clock
        self._offset = 0

    @property
    def services(self) -> Services:
        found = self.app.bot_data[SERVICES_KEY]
        assert isinstance(found, Services)
        return found

    # -- time ---------------------------------------------------------------------------

    def advance(self, **delta: float) -> datetime:
        return self.clock.advance(timedelta(**delta))

    def at(self, day: date, clock_time: time, zone: str = "UTC") -> datetime:
        """Set the clock to a local time (never backwards by accident: tests say the day)."""
        moment = datetime.combine(day, clock_time, tzinfo=ZoneInfo(zone))
        self.clock.set(moment)
        return self.clock.now()

    async def live_to(self, day: date, clock_time: time, zone: str = "UTC") -> None:
        """Move the clock to a local time with the scheduler ticking along the way, as a
        running bot does (a plain jump would find every cue on the way late)."""
        target = datetime.combine(day, clock_time, tzinfo=ZoneInfo(zone))
        while self.clock.now() + TICK_STEP < target:
            self.clock.advance(TICK_STEP)
            await self.tick()
        self.clock.set(target)
        await self.tick()

    def next_day(self, clock_time: time = time(12, 0), zone: str = "UTC") -> datetime:
        local = self.clock.now().astimezone(ZoneInfo(zone))
        return self.at(local.date() + timedelta(days=1), clock_time, zone)

    # -- people -------------------------------------------------------------------------

    async def fetch(self) -> list[Update]:
        """Take the pending updates without handling them (to handle them some other way)."""
        updates = list(await self.app.bot.get_updates(offset=self._offset, timeout=0))
        if updates:
            self._offset = updates[-1].update_id + 1
        return updates

    async def deliver(self) -> list[Update]:
        """Hand every pending update to the bot, in order, and wait until it is handled."""
        handled: list[Update] = []
        while updates := await self.fetch():
            for update in updates:
                await self.app.process_update(update)
                handled.append(update)
        self.tg.raise_for_problems()
        return handled

    async def say(
        self,
        chat: Chat,
        user: User,
        text: str,
        *,
        reply_to: int | None = None,
        thread_id: int | None = None,
    ) -> list[Message]:
        """``user`` writes into ``chat``; returns what the bot posted there in response."""
        before = len(self.tg.bot_messages(chat.id))
        self.tg.send(chat.id, user, text, reply_to=reply_to, thread_id=thread_id)
        await self.deliver()
        return self.tg.bot_messages(chat.id)[before:]

    async def say_text(self, chat: Chat, user: User, text: str, **kw: int | None) -> str:
        """What the bot answered, as one text."""
        return "\n".join(m.text or "" for m in await self.say(chat, user, text, **kw))

    async def press_checkin(self, chat: Chat, cue: Message, user: User) -> str:
        """``user`` taps ✅ under ``cue``; returns the button's answer."""
        query_id = self.tg.press(chat.id, cue.message_id, user, CHECKIN_BUTTON_DATA)
        await self.deliver()
        answer = self.tg.callback_answers[query_id][0]
        return answer or ""

    async def tick(self) -> TickReport:
        report = await run_tick(self.app.bot, self.services)
        self.tg.raise_for_problems()
        return report


async def start_harness(
    tg: FakeTelegram,
    database_url: str,
    clock: ManualClock,
    *,
    rate_limiter: BaseRateLimiter[Any] | None = None,
) -> Harness:
    """The bot as a deployment runs it, but without Telegram's rate limiter unless given:
    its limits are measured in real seconds, and these tests move a clock instead."""
    app = build_application(
        settings_for(database_url),
        request=tg.request(),
        updates_request=tg.request(),
        clock=clock,
        rate_limiter=rate_limiter,
    )
    await app.initialize()
    return Harness(tg, app, clock)


async def stop_harness(harness: Harness) -> None:
    await harness.app.shutdown()
    await harness.services.engine.dispose()
