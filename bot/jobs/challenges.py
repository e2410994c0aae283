"""A challenge's end (bot.actions.challenge_results): its results read, its picture drawn
outside any transaction (and off the event loop), then posted once, in the group's language.
"""

from __future__ import annotations

import asyncio

from bot import i18n, texts
from bot.actions import challenge_results
from bot.actions.challenge_results import ChallengeEnded
from bot.actions.posting import PostText
from bot.outbox.split import MAX_CAPTION, telegram_length
from bot.render import ChallengeGrid, GridRow, challenge_picture
from bot.services import Services

# Challenges read at a time: each reads its members' days in it.
BATCH = 20


async def post_due(svc: Services) -> int:
    """Post the results of every challenge that ended: how many were claimed."""
    posted = 0
    seen: set[int] = set()
    while True:
        async with svc.work() as uow:
            due = await challenge_results.results_due(
                uow, limit=BATCH, failing=svc.failing, left_out=seen
            )
        if not due:
            return posted
        for ended in due:
            seen.add(ended.challenge_id)
            try:
                post: PostText | Exception = await _drawn(ended)
            except Exception as error:
                post = error
            async with svc.work() as uow:
                claimed = await challenge_results.post_results(uow, ended, post, svc.failing)
            svc.posts.send(claimed)
            posted += len(claimed)


async def _drawn(ended: ChallengeEnded) -> PostText:
    grid = ChallengeGrid(
        first=ended.first_day,
        last=ended.last_day,
        rows=tuple(
            GridRow(s.name, s.progress.marks, s.progress.completed) for s in ended.standings
        ),
        total=ended.results.total,
    )
    with i18n.speaking(ended.group.language):
        words, text = texts.pictures.picture_words(), caption(ended)
    image = await asyncio.to_thread(challenge_picture, grid, title=ended.title, words=words)
    return PostText(text, photo=image)


def caption(ended: ChallengeEnded) -> str:
    """The results, in the current language, within Telegram's 1,024 characters of a
    caption (too many names for it: the picture names them, the caption counts them)."""
    r = ended.results
    weekly = ended.weekly_target is not None
    full = texts.challenges.results(
        ended.title, r.completed, r.closest, r.closest_met, r.units, weekly, r.total
    )
    if telegram_length(full) <= MAX_CAPTION:
        return full
    return texts.challenges.results(ended.title, (), (), 0, r.units, weekly, r.total)
