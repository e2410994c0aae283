"""Posts (cue, recap, welcome, weekly picture) and private reminders are sent at least once
within their window.

A post's row is written (claimed) before it is sent; the courier sends it, trying again for a
few minutes if the send fails for a passing reason, and the row is marked sent (waiting for
the database if it is away: a post sent and not marked would be sent again). If the send still
fails, the row is freed with a backoff and the scheduler's next tick tries again, until the
post's window ends (two hours after it was due). A process that died while holding a post
leaves it leased; when the lease runs out, whichever process ticks next sends it.

Two cases may post it twice. A crash between Telegram accepting a post and the row being
marked sent: a rare one. And an answer from Telegram that never came: the courier tries such
a send once more only, and if that answer is lost too, the row is marked sent all the same
(metric outcome "unknown"), as the post is most likely in the group already: never a third.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from datetime import datetime, timedelta
from functools import partial

from telegram import InlineKeyboardMarkup

from bot import metrics
from bot.clock import Clock, SystemClock
from bot.intake.inbox import DATABASE_TROUBLE
from bot.outbox.courier import Courier
from bot.outbox.outgoing import Outcome, Outgoing
from bot.retry import RetryPolicy
from bot.store import posts as store
from bot.store.db import SessionFactory, session_scope
from bot.store.posts import LEASE

log = logging.getLogger(__name__)

# How long the courier keeps trying one attempt (within the hold on the post, ``LEASE``).
ATTEMPT_PATIENCE = timedelta(minutes=3)
FIRST_RETRY = timedelta(minutes=1)
_OUTCOMES = {Outcome.SENT: "sent", Outcome.GAVE_UP: "retry", Outcome.UNKNOWN: "unknown"}
# Writing how a send ended waits for a database that is away (restarting): a post sent and
# left unmarked would be sent again once its hold ran out. Within the hold: after it, the
# post may be another process's, and the write (by this process's token) does nothing.
MARKING = RetryPolicy(first=0.5, factor=2.0, most=10.0, passing=DATABASE_TROUBLE, patience=LEASE)
# How a post's row ends after a send that did not leave it to a later tick: an unknown
# outcome counts as sent (it most likely is), any other as dropped.
_FINISHED_AS = {Outcome.SENT: store.PostState.SENT, Outcome.UNKNOWN: store.PostState.SENT}


def keyboard_json(markup: InlineKeyboardMarkup | None) -> str | None:
    return None if markup is None else json.dumps(markup.to_dict(), ensure_ascii=False)


class PostSender:
    """Hands claimed posts to the courier; each post's row hears how it ended."""

    def __init__(self, courier: Courier, sessions: SessionFactory, clock: Clock) -> None:
        self._courier = courier
        self._sessions = sessions
        self._clock = clock

    def send(self, posts: Sequence[store.ToSend]) -> None:
        now = self._clock.now()
        for post in posts:
            deadline = now + ATTEMPT_PATIENCE
            if post.window_ends_at is not None:
                deadline = min(deadline, post.window_ends_at)
            self._courier.send(
                Outgoing(
                    post.telegram_id,
                    post.text,
                    thread_id=post.topic_id,
                    markup=_keyboard(post.markup),
                    photo=post.photo,
                    deadline=deadline,
                ),
                on_done=partial(self._record, post),
                still_wanted=partial(self._still_ours, post),
            )

    async def _still_ours(self, post: store.ToSend) -> bool:
        """Right before sending: still this process's to send? Not when the database can't
        say (it may have been taken over): the post then waits until its hold runs out, and
        goes with the retries."""
        try:
            async with session_scope(self._sessions) as session:
                return await store.hold_to_send(
                    session=session,
                    post_id=post.post_id,
                    token=post.token,
                    now=self._clock.now(),
                    lease=LEASE,
                    outbox=post.outbox,
                )
        except DATABASE_TROUBLE as error:
            metrics.DATABASE_ERRORS.inc()
            log.warning(
                "could not check the %s to chat %s is still ours (%s); it goes with the retries",
                post.kind,
                post.telegram_id,
                error,
            )
            return False

    async def _record(self, post: store.ToSend, outcome: Outcome) -> None:
        if outcome is Outcome.WITHDRAWN:
            return  # another process holds it now, and will say how it ended
        metrics.POSTS.labels(post.kind, _OUTCOMES.get(outcome, "dropped")).inc()
        now = self._clock.now()

        def retrying(error: BaseException, delay: float) -> None:
            metrics.DATABASE_ERRORS.inc()
            log.warning(
                "could not write how the %s to chat %s ended (%s); trying again in %.1f s",
                post.kind,
                post.telegram_id,
                error,
                delay,
            )

        # The database is waited for in real time, whatever the bot's clock says.
        await MARKING.run(
            partial(self._write_outcome, post, outcome, now),
            clock=SystemClock(),
            on_retry=retrying,
        )

    async def _write_outcome(self, post: store.ToSend, outcome: Outcome, now: datetime) -> None:
        async with session_scope(self._sessions) as session:
            if outcome is Outcome.GAVE_UP:
                await store.retry_later(
                    session=session,
                    post_id=post.post_id,
                    token=post.token,
                    now=now,
                    backoff=FIRST_RETRY,
                    outbox=post.outbox,
                )
                return
            state = _FINISHED_AS.get(outcome, store.PostState.DROPPED)
            await store.finish(
                session=session,
                post_id=post.post_id,
                token=post.token,
                state=state,
                now=now,
                outbox=post.outbox,
            )


def _keyboard(markup: str | None) -> InlineKeyboardMarkup | None:
    return None if markup is None else InlineKeyboardMarkup.de_json(json.loads(markup), None)
