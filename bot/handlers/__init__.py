"""Telegram in, Telegram out. ``register`` is the one ordered list of handlers."""

from __future__ import annotations

from telegram.ext import Application, CommandHandler, filters

from bot.handlers import breaks, checkin, errors, goals, help, streaks, timezones

# Only new messages: an edited "/done" must not check in again.
NEW_MESSAGES = filters.UpdateType.MESSAGE

COMMANDS = (
    ("start", help.start),
    ("help", help.start),
    ("done", checkin.done),
    ("fail", checkin.fail),
    ("undo", checkin.undo),
    ("goal", goals.goal),
    ("goals", goals.goals),
    ("streak", streaks.streak),
    ("break", breaks.take_break),
    ("timezone", timezones.timezone),
)


def register(app: Application) -> None:  # type: ignore[type-arg]
    for name, callback in COMMANDS:
        app.add_handler(CommandHandler(name, callback, filters=NEW_MESSAGES))
    app.add_error_handler(errors.on_error)
