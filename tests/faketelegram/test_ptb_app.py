"""A real telegram.ext.Application runs against the fake, in process and over polling."""

from __future__ import annotations

import asyncio

from telegram import Update
from telegram.ext import ApplicationBuilder, CommandHandler, ContextTypes, MessageHandler, filters

from bot.faketelegram import Chat, FakeTelegram, User

from .conftest import TOKEN, png


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


async def proof(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """What a check-in with proof reads: the command, the file's identity and its bytes."""
    message = update.effective_message
    assert message is not None
    shown = message if message.effective_attachment else message.reply_to_message
    assert shown is not None
    media = shown.photo[-1] if shown.photo else (shown.video or shown.voice or shown.document)
    assert media is not None
    downloaded = await (await context.bot.get_file(media.file_id)).download_as_bytearray()
    command = (message.text or message.caption or "").split()[0]
    await message.reply_text(f"{command} {media.file_unique_id} {len(downloaded)}")


async def test_check_ins_with_proof_through_the_application(
    tg: FakeTelegram, group: Chat, alice: User
) -> None:
    app = (
        ApplicationBuilder()
        .token(TOKEN)
        .request(tg.request())
        .get_updates_request(tg.request())
        .updater(None)
        .build()
    )
    # A caption is no text: CommandHandler doesn't see it, a caption filter does.
    attachment = filters.PHOTO | filters.VIDEO | filters.VOICE | filters.Document.ALL
    app.add_handler(MessageHandler(attachment & filters.CaptionRegex(r"^/done\b"), proof))
    app.add_handler(CommandHandler("done", proof, filters.REPLY))
    picture = png(400, 300)
    async with app:
        photo = tg.send_photo(group.id, alice, caption="/done ran 5k", data=picture)
        tg.send_video(group.id, alice, caption="/done@habitloop_bot", data=b"clip")
        tg.send_voice(group.id, alice, caption="/done", data=b"note")
        tg.send_document(group.id, alice, caption="/done", data=b"%PDF", file_name="run.pdf")
        plain = tg.send_photo(group.id, alice, data=picture)
        tg.send(group.id, alice, "/done", reply_to=plain.message_id)
        for update in await app.bot.get_updates():
            await app.process_update(update)
    files = [m.media_file for m in tg.messages(group.id) if m.media_file]
    unique = [f.file_unique_id for f in files]
    assert [m.text for m in tg.bot_messages(group.id)] == [
        f"/done {unique[0]} {len(picture)}",
        f"/done@habitloop_bot {unique[1]} 4",
        f"/done {unique[2]} 4",
        f"/done {unique[3]} 4",
        f"/done {unique[0]} {len(picture)}",  # the same picture again: the same file
    ]
    assert photo.photo_file is not plain.photo_file
    assert unique[0] == unique[4]
