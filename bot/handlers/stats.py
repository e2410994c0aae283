"""/stats: a picture of a member's last year (yours, or as a reply theirs), or with
``/stats group`` the group's (bot.actions.stats).

The picture is drawn between two units of work: the first reads what it shows, the second
records the answer. No transaction is open while it is drawn (off the event loop, too), so
other groups' updates go on meanwhile, on SQLite's one connection as on PostgreSQL.
"""

from __future__ import annotations

import asyncio

from telegram import Update

from bot import texts
from bot.actions.stats import GroupStats, MemberStats, group_stats, member_stats
from bot.actions.streak import NoCheckIns
from bot.domain.parsing import command_text
from bot.handlers.common import Context, answering, group_command
from bot.render import year_heatmap
from bot.services import services


async def stats(update: Update, context: Context) -> None:
    message = update.effective_message
    async with group_command(update, context, finishes=False) as cmd:
        if cmd is None or message is None:
            return
        word = command_text(cmd.text).lower()
        if word not in ("", "group"):
            shown: GroupStats | MemberStats | NoCheckIns | str = texts.stats.stats_usage()
        elif word == "group":
            shown = await group_stats(cmd.uow, cmd.group, cmd.person)
        else:
            shown = await member_stats(cmd.uow, cmd.group, cmd.person, cmd.about())
        # Said in the group's language, which the thread drawing the picture does not see.
        words = texts.pictures.picture_words()
        if isinstance(shown, NoCheckIns):
            shown = texts.streaks.no_checkins_yet(shown.name, shown.is_bot)
        caption = shown if isinstance(shown, str) else _caption(shown)
        markup = services(context).links.keyboard(cmd.group.telegram_id)
    picture = None
    if isinstance(shown, MemberStats):
        picture = await asyncio.to_thread(year_heatmap, shown.year, title=shown.name, words=words)
    elif isinstance(shown, GroupStats):
        picture = await asyncio.to_thread(year_heatmap, shown.year, title=shown.title, words=words)
    async with answering(context) as answer:
        answer.reply(message, caption, photo=picture, markup=markup)


def _caption(shown: GroupStats | MemberStats) -> str:
    if isinstance(shown, GroupStats):
        figures = shown.year.figures
        return texts.stats.group_stats_caption(
            shown.title, figures.group_streak, figures.active_today
        )
    member = shown.year.figures
    caption = texts.stats.stats_caption(
        shown.name,
        member.current_streak,
        member.best_streak,
        member.consistency,
        member.consistency_window,
        member.cheers,
    )
    if shown.quests:
        caption += f" · {texts.quests.quests_done(shown.quests)}"
    if shown.weeks is None:
        return caption
    return caption + "\n" + texts.targets.stats_weeks(*shown.weeks)
