"""/streak: yours, or (as a reply) someone else's: the streak, the record of never missing
twice, the cheers received."""

from __future__ import annotations

from telegram import Update

from bot import texts
from bot.actions.streak import NoCheckIns, streak_of
from bot.handlers.common import Context, group_command


async def streak(update: Update, context: Context) -> None:
    async with group_command(update, context) as cmd:
        if cmd is None:
            return
        card = await streak_of(cmd.uow, cmd.group, cmd.person, cmd.about())
        if isinstance(card, NoCheckIns):
            cmd.say(texts.streaks.no_checkins_yet(card.name, card.is_bot))
            return
        back = texts.format.short_date(card.back_on) if card.back_on else None
        lines = [
            texts.streaks.streak_card(
                card.name,
                card.current,
                card.best,
                card.freezes,
                texts.streaks.dots(card.recent, card.recent_proof),
                card.consistency,
                card.window,
                card.at_risk,
                back,
                card.week,
            ),
            texts.encouragement.never_miss_twice(card.never_twice.current, card.never_twice.best),
        ]
        if card.cheers:
            lines.append(texts.encouragement.cheers_received(card.cheers))
        if card.plan is not None:
            lines.append(texts.plans.plan_line(card.plan.when, card.plan.what))
        cmd.say("\n".join(lines))
