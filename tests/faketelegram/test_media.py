"""People send photos, videos, voice notes and documents; the bot sees what Telegram shows it."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from PIL import Image
from telegram import Bot, MessageEntity

from bot.faketelegram import Chat, FakeTelegram, User
from bot.faketelegram.records import FileKind

from .conftest import png

KINDS: list[FileKind] = ["photo", "video", "voice", "document"]


async def test_a_photo_comes_in_sizes_with_its_command_caption(
    tg: FakeTelegram, bot: Bot, group: Chat, alice: User
) -> None:
    picture = png(1000, 500)
    sent = tg.send_photo(group.id, alice, caption="/done ran 5k", data=picture)
    [update] = await bot.get_updates()
    message = update.message
    assert message is not None
    assert [(p.width, p.height) for p in message.photo] == [
        (90, 45),
        (320, 160),
        (800, 400),
        (1000, 500),
    ]
    assert all(p.file_size for p in message.photo)
    assert len({p.file_id for p in message.photo}) == len({p.file_unique_id for p in message.photo})
    assert len({p.file_id for p in message.photo}) == 4
    assert message.caption == "/done ran 5k"
    assert message.caption_entities == (MessageEntity("bot_command", 0, 5),)
    assert message.text is None
    assert sent.photo == picture
    assert sent.media_file is sent.photo_file
    assert sent.html == "/done ran 5k"


@pytest.mark.parametrize("kind", KINDS)
async def test_privacy_mode_lets_a_command_caption_through_and_nothing_else(
    tg: FakeTelegram, bot: Bot, group: Chat, alice: User, kind: FileKind
) -> None:
    tg.send_media(group.id, alice, kind)
    tg.send_media(group.id, alice, kind, caption="look at this")
    tg.send_media(group.id, alice, kind, caption="/done@other_bot")
    tg.send_media(group.id, alice, kind, caption="/done@habitloop_bot 5k")
    [update] = await bot.get_updates()
    assert update.message is not None
    assert update.message.caption == "/done@habitloop_bot 5k"
    assert update.message.caption_entities == (MessageEntity("bot_command", 0, 19),)
    assert update.message.effective_attachment is not None
    assert len([m for m in tg.messages(group.id) if m.media_file]) == 4  # the group sees all


async def test_privacy_mode_brings_a_photo_with_the_command_that_replies_to_it(
    tg: FakeTelegram, bot: Bot, group: Chat, alice: User
) -> None:
    photo = tg.send_photo(group.id, alice, data=png())
    tg.send(group.id, alice, "/done", reply_to=photo.message_id)
    [update] = await bot.get_updates()  # the photo alone was not delivered
    message = update.message
    assert message is not None
    assert message.text == "/done"
    replied = message.reply_to_message
    assert replied is not None
    assert replied.from_user is not None
    assert replied.from_user.id == alice.id
    assert photo.photo_file is not None
    assert replied.photo[-1].file_unique_id == photo.photo_file.file_unique_id


async def test_video_voice_and_document_carry_what_the_bot_api_requires(
    tg: FakeTelegram, bot: Bot, group: Chat, alice: User
) -> None:
    tg.send_video(group.id, alice, caption="/done", duration=42, data=b"mp4 bytes")
    tg.send_voice(group.id, alice, caption="/done", data=b"ogg bytes")
    tg.send_document(group.id, alice, caption="/done", data=b"%PDF-1.4", file_name="run.pdf")
    video, voice, document = [u.message for u in await bot.get_updates()]
    assert video is not None
    assert video.video is not None
    assert (video.video.width, video.video.height) == (640, 360)
    assert video.video.duration == timedelta(seconds=42)
    assert (video.video.mime_type, video.video.file_size) == ("video/mp4", 9)
    assert voice is not None
    assert voice.voice is not None
    assert voice.voice.duration == timedelta(seconds=3)
    assert voice.voice.mime_type == "audio/ogg"
    assert document is not None
    assert document.document is not None
    assert (document.document.file_name, document.document.mime_type) == (
        "run.pdf",
        "application/pdf",
    )
    assert [m.caption_entities for m in (video, voice, document)] == [
        (MessageEntity("bot_command", 0, 5),)
    ] * 3


async def test_the_same_bytes_are_the_same_file_whoever_sends_them(
    tg: FakeTelegram, bot: Bot, group: Chat, alice: User, bob: User
) -> None:
    picture = png(400, 300)
    tg.send_photo(group.id, alice, caption="/done", data=picture)
    tg.send_photo(group.id, alice, caption="/done", data=picture)
    tg.send_photo(group.id, bob, caption="/done", data=picture)
    tg.send_photo(group.id, alice, caption="/done", data=png(400, 300, "blue"))
    tg.send_photo(group.id, alice, caption="/done")
    tg.send_photo(group.id, alice, caption="/done")
    first, again, bobs, other, made, made_again = [
        u.message.photo for u in await bot.get_updates() if u.message
    ]
    assert [p.file_unique_id for p in first] == [p.file_unique_id for p in again]
    assert first[-1].file_unique_id == bobs[-1].file_unique_id
    assert first[-1].file_id != again[-1].file_id
    assert len({first[-1].file_unique_id, other[-1].file_unique_id}) == 2
    assert len({made[-1].file_unique_id, made_again[-1].file_unique_id}) == 2


@pytest.mark.parametrize("kind", ["video", "voice", "document"])
async def test_the_same_bytes_as_another_kind_are_another_file(
    tg: FakeTelegram, bot: Bot, group: Chat, alice: User, kind: FileKind
) -> None:
    tg.send_media(group.id, alice, kind, caption="/done", data=b"same bytes")
    tg.send_media(group.id, alice, kind, caption="/done", data=b"same bytes")
    tg.send_media(group.id, alice, kind, caption="/done")
    other: FileKind = "document" if kind != "document" else "voice"
    tg.send_media(group.id, alice, other, caption="/done", data=b"same bytes")
    messages = [u.message for u in await bot.get_updates() if u.message]
    files = [m.video or m.voice or m.document for m in messages]
    uniques = [f.file_unique_id for f in files if f is not None]
    assert len(uniques) == 4
    assert uniques[0] == uniques[1]
    assert len(set(uniques)) == 3


async def test_the_bot_downloads_every_size_and_kind(
    tg: FakeTelegram, bot: Bot, group: Chat, alice: User
) -> None:
    picture = png(500, 400)
    tg.send_photo(group.id, alice, caption="/done", data=picture)
    tg.send_voice(group.id, alice, caption="/done", data=b"ogg bytes")
    photo, voice = [u.message for u in await bot.get_updates()]
    assert photo is not None
    assert voice is not None
    largest = await bot.get_file(photo.photo[-1].file_id)
    assert largest.file_unique_id == photo.photo[-1].file_unique_id
    assert bytes(await largest.download_as_bytearray()) == picture
    small = await (await bot.get_file(photo.photo[0].file_id)).download_as_bytearray()
    with Image.open(io.BytesIO(small)) as image:
        assert (image.format, image.size) == ("JPEG", (90, 72))
    assert voice.voice is not None
    note = await bot.get_file(voice.voice.file_id)
    assert note.file_path is not None
    assert note.file_path.endswith(".oga")
    assert bytes(await note.download_as_bytearray()) == b"ogg bytes"


async def test_done_replying_to_a_photo_carries_the_photo_one_level_deep(
    tg: FakeTelegram, bot: Bot, group: Chat, alice: User
) -> None:
    morning = tg.send(group.id, alice, "off for a run")
    photo = tg.send_photo(group.id, alice, caption="made it", reply_to=morning.message_id)
    tg.send(group.id, alice, "nice view", reply_to=photo.message_id)
    done = tg.send(group.id, alice, "/done", reply_to=photo.message_id)
    [update] = await bot.get_updates()
    message = update.message
    assert message is not None
    assert message.message_id == done.message_id
    assert message.entities == (MessageEntity("bot_command", 0, 5),)
    replied = message.reply_to_message
    assert replied is not None
    assert replied.message_id == photo.message_id
    assert replied.photo[-1].file_unique_id == (
        photo.photo_file and photo.photo_file.file_unique_id
    )
    assert replied.caption == "made it"
    assert replied.from_user is not None
    assert replied.from_user.id == alice.id
    assert replied.reply_to_message is None  # Telegram goes one level deep


async def test_media_in_a_private_chat_and_in_a_topic(
    tg: FakeTelegram, bot: Bot, alice: User
) -> None:
    tg.send_photo(alice.id, alice)  # a private chat shows the bot everything
    forum = tg.add_group("Club", creator=alice, forum=True)
    tg.add_bot(forum.id, by=alice)
    daily = tg.create_topic(forum.id, "Daily")
    started = tg.send(forum.id, alice, "/start", thread_id=daily)
    tg.send_voice(forum.id, alice, caption="/done", reply_to=started.message_id)
    updates = await bot.get_updates()
    private, voice = updates[0].message, updates[-1].message
    assert private is not None
    assert private.chat.type == "private"
    assert private.photo
    assert tg.private_chat(alice).started
    assert voice is not None
    assert voice.message_thread_id == daily
    assert voice.is_topic_message


async def test_what_telegram_would_not_send_is_refused_and_leaves_nothing(
    tg: FakeTelegram, group: Chat, alice: User
) -> None:
    before = (len(tg.messages(group.id)), len(tg.files))
    with pytest.raises(ValueError, match="not an image"):
        tg.send_photo(group.id, alice, data=b"not a picture")
    with pytest.raises(ValueError, match="at most 1024"):
        tg.send_photo(group.id, alice, caption="x" * 1025)
    with pytest.raises(ValueError, match="empty file"):
        tg.send_document(group.id, alice, data=b"")
    with pytest.raises(ValueError, match="no message 999"):
        tg.send_video(group.id, alice, reply_to=999)
    with pytest.raises(ValueError, match="not a member"):
        tg.send_voice(group.id, tg.add_user("Carol"))
    with pytest.raises(ValueError, match="'sticker' is not one of"):
        tg.send_media(group.id, alice, "sticker")  # type: ignore[arg-type]
    assert (len(tg.messages(group.id)), len(tg.files)) == before


async def test_a_blank_caption_is_no_caption(
    tg: FakeTelegram, bot: Bot, group: Chat, alice: User
) -> None:
    tg.promote(group.id, tg.bot().user)  # an administrator bot sees every message
    sent = tg.send_document(group.id, alice, caption="   ")
    [update] = [u for u in await bot.get_updates() if u.message and u.message.document]
    assert update.message is not None
    assert update.message.caption is None
    assert sent.caption is None
    assert sent.html is None


async def test_the_bots_own_photo_comes_in_sizes_too(bot: Bot, group: Chat) -> None:
    sent = await bot.send_photo(group.id, png(1000, 600))
    assert [(p.width, p.height) for p in sent.photo] == [
        (90, 54),
        (320, 192),
        (800, 480),
        (1000, 600),
    ]
    again = await bot.send_photo(group.id, sent.photo[-1].file_id)
    assert [p.file_id for p in again.photo] == [p.file_id for p in sent.photo]
