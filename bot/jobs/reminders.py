"""Private reminders, in each person's language (bot.actions.reminders decides whom, when,
and about which groups): one message listing their groups at risk, with a ✅ per group."""

from __future__ import annotations

from bot import i18n, texts
from bot.actions import reminders
from bot.outbox import posts
from bot.outbox.buttons import reminder_keyboard
from bot.services import Services

BATCH = 200


async def send_due(svc: Services) -> int:
    """Schedule newcomers and send the reminders due now: how many."""
    async with svc.work() as uow:
        await reminders.schedule_newcomers(uow, limit=BATCH)
    sent = 0
    while True:
        async with svc.work() as uow:
            due = await reminders.claim_due(
                uow, limit=BATCH, default_language=i18n.DEFAULT_LANGUAGE, failing=svc.failing
            )
            if due is None:
                return sent
            said = []
            for reminder in due:
                with i18n.speaking(reminder.language):
                    weeks_only = all(g.week is not None for g in reminder.groups)
                    lines = [_line(g) for g in reminder.groups]
                    text = texts.reminders.reminder(lines, weeks_only=weeks_only)
                    keyboard = reminder_keyboard([(g.group_row, g.title) for g in reminder.groups])
                said.append((reminder, text, posts.keyboard_json(keyboard)))
            claimed = await reminders.record(uow, said)
        svc.posts.send(claimed)
        sent += len(claimed)


def _line(group: reminders.AtRisk) -> tuple[str, int | str, str | None]:
    plan = group.plan
    streak: int | str = group.streak
    if group.week is not None:
        streak = texts.targets.streak_and_progress(group.streak, *group.week)
    return group.title, streak, texts.plans.plan_line(plan.when, plan.what) if plan else None
