"""The whole bot against the fake Telegram, driven as a group would use it.

The bot runs exactly as ``habitloop run`` runs it (``bot.runtime.Runtime``: the rate limiter,
the update processor, the inbox, the courier, the ticker, long polling), with only the
fake's in-process request door and a manual clock handed in. A test plays the people (``say``,
``press``), moves the clock (``at``, ``pass_time``) and runs the scheduler's tick (``tick``);
it reads what the group sees from the fake Telegram.
"""

from __future__ import annotations

import asyncio
import os
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from telegram.request import BaseRequest

from bot.app import BotApplication
from bot.clock import ManualClock
from bot.config import Settings
from bot.faketelegram import Chat, FakeTelegram, Message, User
from bot.jobs.tick import TickReport, run_tick
from bot.outbox.buttons import CHECKIN_BUTTON_DATA
from bot.runtime import Runtime
from bot.services import Services

TOKEN = "123456789:AAHabitloopTestTokenAbcdefghijklmnopq"
BOT_USERNAME = "habitloop_bot"


def _start() -> datetime:
    """When the tests' clock starts: a Monday morning in UTC, or $HABITLOOP_TEST_START (CI
    also runs the suite from a 28 February, a 31 December and a daylight-saving change day,
    so no test may depend on the date it starts on)."""
    given = os.environ.get("HABITLOOP_TEST_START")
    if not given:
        return datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    moment = datetime.fromisoformat(given)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


START = _start()


def first_monday(after: date) -> date:
    """The first Monday on or after ``after``."""
    return after + timedelta(days=(7 - after.weekday()) % 7)


# The tests' first day: the day the clock starts, an hour before the default cue.
DAY0 = START.date()
# For the tests about weekdays (rest days): the first Monday from the start on.
MONDAY = first_monday(DAY0)


def next_offset_change(zone: str, after: date, *, forward: bool) -> date:
    """The first date after ``after`` on which ``zone``'s clocks move forward (or back)."""
    tz = ZoneInfo(zone)
    day = after
    for _ in range(800):
        noon_before = datetime.combine(day, time(12), tzinfo=tz).utcoffset()
        noon_after = datetime.combine(day + timedelta(days=1), time(12), tzinfo=tz).utcoffset()
        assert noon_before is not None
        assert noon_after is not None
        if noon_after != noon_before and (noon_after > noon_before) == forward:
            return day + timedelta(days=1)
        day += timedelta(days=1)
    raise LookupError(f"{zone} has no such change within two years of {after}")


# How often ``live_to`` ticks; coarser than the bot's own tick, fine for posts due on the minute.
TICK_STEP = timedelta(minutes=15)
# The ticker runs, but ticks only once an hour of real time: the tests tick themselves,
# when their clock says so (one test lets the ticker do it, with a short interval).
JOB_TICK_SECONDS = 3600.0
# How long (real seconds) the bot may take to fall quiet before a test fails.
QUIET_WITHIN = 30.0


def settings_for(database_url: str, **overrides: object) -> Settings:
    """Settings from the arguments alone: no environment, no .env file."""
    values: dict[str, object] = {
        "bot_token": TOKEN,
        "database_url": database_url,
        "tick_seconds": JOB_TICK_SECONDS,
    }
    values.update(overrides)
    return Settings.model_validate(values)


class Harness:
    def __init__(self, tg: FakeTelegram, runtime: Runtime, clock: ManualClock) -> None:
        self.tg = tg
        self.runtime = runtime
        self.clock = clock

    @property
    def app(self) -> BotApplication:
        return self.runtime.app

    @property
    def services(self) -> Services:
        return self.runtime.services

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
        running bot does (a plain jump would find every cue on the way late), and the bot
        doing on the way whatever it waits for (retries, Telegram's limits)."""
        target = datetime.combine(day, clock_time, tzinfo=ZoneInfo(zone))
        while self.clock.now() + TICK_STEP < target:
            await self._pass_to(self.clock.now() + TICK_STEP)
            await self.tick()
        await self._pass_to(target)
        await self.tick()

    def next_day(self, clock_time: time = time(12, 0), zone: str = "UTC") -> datetime:
        local = self.clock.now().astimezone(ZoneInfo(zone))
        return self.at(local.date() + timedelta(days=1), clock_time, zone)

    async def pass_time(self, **delta: float) -> None:
        """Let time pass as the bot lives it: the clock moves to each moment the bot waits
        for (a rate limit's window, a retry), the bot does what was waiting, and so on."""
        await self._pass_to(self.clock.now() + timedelta(**delta))

    async def _pass_to(self, target: datetime) -> None:
        await self.settle()
        while (wake := self.clock.next_wake()) is not None and wake <= target:
            self.clock.set(wake)
            await self.settle()
        self.clock.set(target)
        await self.settle()

    # -- the bot's side -----------------------------------------------------------------

    def _quiet(self) -> bool:
        """Nothing to do but wait for the clock: every update fetched and handled, the
        courier idle or waiting out limits and retries."""
        return self.tg.updates_pending() == 0 and self.runtime.idle

    async def settle(self) -> None:
        """Wait until the bot has handled everything it was sent and sent everything it can
        send now, then fail the test on any call Telegram would have refused."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + QUIET_WITHIN
        quiet_for = 0
        while quiet_for < 3:  # quiet across a few turns of the loop, not by chance
            await asyncio.sleep(0)
            quiet_for = quiet_for + 1 if self._quiet() else 0
            if loop.time() > deadline:
                raise AssertionError(
                    f"the bot is still busy after {QUIET_WITHIN} s: "
                    f"{self.tg.updates_pending()} updates not fetched, "
                    f"{_unfinished(self.app)} not handled, "
                    f"{self.services.courier.outstanding} sends under way"
                )
            if quiet_for == 0:
                await asyncio.sleep(0.001)
        self.tg.raise_for_problems()

    async def deliver(self) -> None:
        """Let the bot take and handle what is waiting for it."""
        await self.settle()

    # -- people -------------------------------------------------------------------------

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
        await self.settle()
        return self.tg.bot_messages(chat.id)[before:]

    async def say_text(self, chat: Chat, user: User, text: str, **kw: int | None) -> str:
        """What the bot answered, as one text."""
        return "\n".join(m.text or "" for m in await self.say(chat, user, text, **kw))

    async def press(self, chat: Chat, message: Message, user: User, data: str) -> str:
        """``user`` taps the button carrying ``data``; returns the button's answer."""
        query_id = self.tg.press(chat.id, message.message_id, user, data)
        await self.settle()
        answer = self.tg.callback_answers.get(query_id)
        assert answer is not None, "the button press was not answered"
        return answer[0] or ""

    async def press_checkin(self, chat: Chat, cue: Message, user: User) -> str:
        """``user`` taps ✅ under ``cue``; returns the button's answer."""
        return await self.press(chat, cue, user, CHECKIN_BUTTON_DATA)

    async def tend_inbox(self) -> None:
        """One turn of the inbox's upkeep, now: the running bot takes one every half second of
        real time (its marks written, its hold renewed, what is done with forgotten once a
        minute of its clock has passed). A test that reads the inbox takes one first."""
        upkeep = self.runtime.upkeep
        assert upkeep is not None, "the bot is not running"
        await upkeep.turn()

    async def tick(self) -> TickReport:
        report = await run_tick(self.services)
        await self.settle()
        return report


def _unfinished(app: BotApplication) -> int:
    """Updates given to the Application and not yet handled (asyncio.Queue's own count)."""
    count: int = getattr(app.update_queue, "_unfinished_tasks", 0)
    return count


async def start_harness(
    tg: FakeTelegram,
    database_url: str,
    clock: ManualClock,
    *,
    polling: bool = True,
    request: BaseRequest | None = None,
    **settings: object,
) -> Harness:
    """The bot as ``habitloop run`` runs it. ``polling=False`` for a second replica on the
    same bot: Telegram lets only one process poll (it answers the other with 409), so in
    production replicas share a webhook instead. ``request``: the door its calls (all but
    getUpdates) go through, if not straight into the fake (a network that loses answers)."""
    runtime = await Runtime.start(
        settings_for(database_url, **settings),
        request=request or tg.request(),
        updates_request=tg.request(),
        clock=clock,
        poll_seconds=5,
        polling=polling,
    )
    harness = Harness(tg, runtime, clock)
    await harness.settle()
    return harness


async def stop_harness(harness: Harness) -> None:
    await harness.runtime.stop()
