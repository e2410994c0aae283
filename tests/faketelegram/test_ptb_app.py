"""A real telegram.ext.Application runs against the fake, in process and over polling."""

from __future__ import annotations

import asyncio

from telegram import Update
from telegram.ext import ApplicationBuilder, CommandHandler, ContextTypes

from bot.faketelegram import Chat, FakeTelegram, User

from .conftest import TOKEN


async def done(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    words = " ".join(context.args or []) or "nothing"
    await update.effective_message.reply_html(f"<b>Logged</b> {words}")


async def test_command_handler_end_to_end(tg: FakeTelegram, group: Chat, alice: User) -> None:
    app = (
        ApplicationBuilder()
        .token(TOKEN)
        .request(tg.request())
        .get_updates_request(tg.request())
        .updater(None)
        .build()
    )
    app.add_handler(CommandHandler("done", done))
    async with app:
        asked = tg.send(group.id, alice, "/done@habitloop_bot 500 words")
        for update in await app.bot.get_updates():
            await app.process_update(update)
    [reply] = tg.bot_messages(group.id)
    assert reply.html == "<b>Logged</b> 500 words"
    assert reply.reply_to == asked.message_id


async def test_application_long_polling(tg: FakeTelegram, group: Chat, alice: User) -> None:
    app = (
        ApplicationBuilder()
        .token(TOKEN)
        .request(tg.request())
        .get_updates_request(tg.request())
        .build()
    )
    app.add_handler(CommandHandler("done", done))
    async with app:
        assert app.updater is not None
        await app.updater.start_polling(
            poll_interval=0, timeout=1, allowed_updates=Update.ALL_TYPES
        )
        await app.start()
        tg.send(group.id, alice, "/done 3 pages")
        for _ in range(200):
            if tg.bot_messages(group.id):
                break
            await asyncio.sleep(0.01)
        await app.updater.stop()
        await app.stop()
    assert [m.text for m in tg.bot_messages(group.id)] == ["Logged 3 pages"]
