"""Telegram in, Telegram out. ``register`` is the one ordered list of handlers."""

from __future__ import annotations

from telegram import Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.handlers import (
    breaks,
    checkin,
    common,
    cue_button,
    errors,
    flood,
    goals,
    help,
    leaderboard,
    lifecycle,
    remind,
    settings,
    streaks,
    timezones,
)
from bot.outbox.buttons import CHECKIN_BUTTON_DATA

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
    ("top", leaderboard.top),
    ("break", breaks.take_break),
    ("timezone", timezones.timezone),
    ("remind", remind.remind),
    ("settings", settings.settings),
)


def register(app: Application) -> None:  # type: ignore[type-arg]
    # Group -2, first of all, for every update: the language of the person, for whatever is
    # said before the group's own is known (bot.handlers.common.speak_the_persons_language).
    app.add_handler(TypeHandler(Update, common.speak_the_persons_language), group=-2)
    # Group -1, before everything: someone who floods the bot is stopped here, and a handler
    # in a group of its own can stop an update from reaching the others.
    app.add_handler(TypeHandler(Update, flood.guard), group=-1)
    # Service messages first: a migration message must move the group before anything else.
    app.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, lifecycle.migrated))
    app.add_handler(
        ChatMemberHandler(lifecycle.my_membership_changed, ChatMemberHandler.MY_CHAT_MEMBER)
    )
    for name, callback in COMMANDS:
        app.add_handler(CommandHandler(name, callback, filters=NEW_MESSAGES))
    app.add_handler(
        CallbackQueryHandler(cue_button.pressed_checkin, pattern=f"^{CHECKIN_BUTTON_DATA}$")
    )
    # Any other button press (stale, unknown, forged) is answered too.
    app.add_handler(CallbackQueryHandler(cue_button.unknown_button))
    # Last: any other command gets a pointer to /help.
    app.add_handler(MessageHandler(filters.COMMAND & NEW_MESSAGES, help.unknown))
    app.add_error_handler(errors.on_error)
