"""The optional weekly picture (bot.actions.weekly): each group's week read, its picture drawn
outside any transaction (and off the event loop), then posted if still due.

Each group's picture and caption are in its own language; one that can't be drawn is backed
off (bot.actions.isolation) and the others go on.
"""

from __future__ import annotations

import asyncio

from bot import i18n, texts
from bot.actions import weekly
from bot.actions.posting import PostText
from bot.actions.weekly import WeekDue
from bot.domain.weeks import GroupWeek
from bot.outbox.split import MAX_CAPTION, telegram_length
from bot.render import week_picture
from bot.services import Services

# Groups read at a time: each reads its members' histories.
BATCH = 20


async def post_due(svc: Services) -> int:
    """Post every weekly picture due now: how many were claimed."""
    posted = 0
    seen: set[int] = set()
    while True:
        async with svc.work() as uow:
            due = await weekly.weeks_due(uow, limit=BATCH, failing=svc.failing, left_out=seen)
        if not due:
            return posted
        for week in due:
            seen.add(week.chat_id)
            posted += await _post(svc, week)


async def _post(svc: Services, due: WeekDue) -> int:
    picture: PostText | Exception | None = None
    if due.week is not None:
        try:
            picture = await _drawn(due, due.week)
        except Exception as error:
            picture = error
    async with svc.work() as uow:
        claimed = await weekly.post_week(uow, due, picture, svc.failing)
    svc.posts.send(claimed)
    return len(claimed)


async def _drawn(due: WeekDue, week: GroupWeek) -> PostText:
    with i18n.speaking(due.group.language):
        words, text = texts.pictures.picture_words(), caption(week)
    image = await asyncio.to_thread(week_picture, week, title=due.group.title, words=words)
    return PostText(text, photo=image)


def caption(week: GroupWeek) -> str:
    """The picture's caption, in the current language, within Telegram's 1,024 characters;
    names that don't fit are counted in a last line."""
    lines = texts.stats.weekly_caption(
        week.check_ins, [(b.name, b.days, b.previous_best) for b in week.best_weeks]
    )
    kept = [lines[0]]
    for index, line in enumerate(lines[1:], 1):
        left = len(lines) - index - 1
        tail = [texts.stats.weekly_more(left)] if left else []
        if telegram_length("\n".join([*kept, line, *tail])) > MAX_CAPTION:
            kept.append(texts.stats.weekly_more(len(lines) - index))
            break
        kept.append(line)
    return "\n".join(kept)
