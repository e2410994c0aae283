"""Telegram in, Telegram out. ``register`` is the one ordered list of handlers."""

from __future__ import annotations

from telegram import Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    MessageReactionHandler,
    TypeHandler,
    filters,
)

from bot.handlers import (
    breaks,
    checkin,
    cheers,
    common,
    cue_button,
    data,
    errors,
    flood,
    goals,
    help,
    leaderboard,
    lifecycle,
    plans,
    proof,
    remind,
    settings,
    stats,
    streaks,
    targets,
    timezones,
)
from bot.outbox.buttons import (
    CHECKIN_BUTTON_DATA,
    FORGET_PREFIX,
    PLAN_HOW_DATA,
    REMINDER_CHECKIN_PREFIX,
)

# Only new messages: an edited "/done" must not check in again.
NEW_MESSAGES = filters.UpdateType.MESSAGE

COMMANDS = (
    ("start", help.start),
    ("help", help.start),
    ("done", checkin.done),
    ("fail", checkin.fail),
    ("undo", checkin.undo_latest),
    ("goal", goals.goal),
    ("goals", goals.group_goals),
    ("plan", plans.plan),
    ("target", targets.target),
    ("streak", streaks.streak),
    ("top", leaderboard.top),
    ("break", breaks.start_break),
    ("timezone", timezones.timezone),
    ("remind", remind.remind),
    ("settings", settings.settings),
    ("stats", stats.stats),
    ("cheer", cheers.cheer_on),
    ("export", data.export),
    ("forgetme", data.forget_me),
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
    # A photo, video, voice note or file captioned /done: commands look at texts only.
    app.add_handler(
        MessageHandler(proof.MEDIA & proof.CaptionCommand("done") & NEW_MESSAGES, checkin.done)
    )
    # Another command as a caption gets told to send it as a message.
    app.add_handler(
        MessageHandler(
            proof.MEDIA & proof.CaptionCommand() & NEW_MESSAGES,
            proof.other_caption_command({name for name, _ in COMMANDS}),
        )
    )
    # Reactions on messages: a cheering one on a check-in is a cheer (Telegram tells only a
    # bot that is an admin of the group, and only if asked for in allowed_updates).
    app.add_handler(MessageReactionHandler(cheers.reacted))
    app.add_handler(
        CallbackQueryHandler(cue_button.pressed_checkin, pattern=f"^{CHECKIN_BUTTON_DATA}$")
    )
    app.add_handler(
        CallbackQueryHandler(cue_button.pressed_reminder, pattern=f"^{REMINDER_CHECKIN_PREFIX}")
    )
    app.add_handler(CallbackQueryHandler(data.forget_pressed, pattern=f"^{FORGET_PREFIX}"))
    app.add_handler(CallbackQueryHandler(plans.how_to_plan, pattern=f"^{PLAN_HOW_DATA}$"))
    # Any other button press (stale, unknown, forged) is answered too.
    app.add_handler(CallbackQueryHandler(cue_button.unknown_button))
    # Last: any other command gets a pointer to /help.
    app.add_handler(MessageHandler(filters.COMMAND & NEW_MESSAGES, help.unknown))
    app.add_error_handler(errors.on_error)
