"""What an uploaded file becomes: the files Telegram keeps for a photo, a video, a voice note
or a document, whoever sent it, and sample bytes for a person whose test gave none.

A photo is kept in several sizes, as Telegram keeps it: the picture itself and smaller
copies, each a file of its own with its own file_id and file_unique_id.
"""

from __future__ import annotations

import io
import mimetypes
import secrets

from PIL import Image, UnidentifiedImageError
from PIL.PngImagePlugin import PngInfo

from bot.faketelegram.records import FileKind, StoredFile
from bot.faketelegram.world import World

# The longest side of the smaller copies Telegram makes of a photo larger than them.
THUMBNAIL_SIDES = (90, 320, 800)

# What a person's video or voice note says about itself when the test doesn't say.
VIDEO_SIZE = (640, 360)
VIDEO_SECONDS = 5
VOICE_SECONDS = 3


class NotAnImage(ValueError):
    """Bytes sent as a photo that no image reader can open."""


def sample_photo() -> bytes:
    """A small PNG that differs from every other one made (its colour and a random tag)."""
    colour = (secrets.randbelow(256), secrets.randbelow(256), secrets.randbelow(256))
    tag = PngInfo()
    tag.add_text("sample", secrets.token_hex(8))
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), colour).save(buffer, "PNG", pnginfo=tag)
    return buffer.getvalue()


def sample_bytes() -> bytes:
    """Bytes for a video, voice note or document: random, so no two are the same file."""
    return secrets.token_bytes(2048)


def store_photo(world: World, data: bytes, mime_type: str | None = None) -> StoredFile:
    """Keep a photo and its smaller copies; the returned file is the largest size."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            photo = world.store_file(data, "photo", None, mime_type or _mime_of(image))
            photo.width, photo.height = image.size
            photo.smaller = [
                _copy(world, image, side) for side in THUMBNAIL_SIDES if side < max(image.size)
            ]
    except (UnidentifiedImageError, OSError):
        raise NotAnImage("these bytes are not an image Telegram could show as a photo") from None
    return photo


def _copy(world: World, image: Image.Image, side: int) -> StoredFile:
    """A smaller copy of a photo, re-encoded as JPEG the way Telegram stores them."""
    copy = image.convert("RGB")
    copy.thumbnail((side, side))
    buffer = io.BytesIO()
    copy.save(buffer, "JPEG", quality=80)
    stored = world.store_file(buffer.getvalue(), "photo", None, "image/jpeg")
    stored.width, stored.height = copy.size
    return stored


def _mime_of(image: Image.Image) -> str | None:
    return Image.MIME.get(image.format or "")


def store_upload(
    world: World,
    kind: FileKind,
    data: bytes | None,
    *,
    file_name: str | None = None,
    mime_type: str | None = None,
    duration: int | None = None,
) -> StoredFile:
    """The file a person sends as ``kind``, from ``data`` or from sample bytes."""
    if kind == "photo":
        return store_photo(world, data if data is not None else sample_photo(), mime_type)
    content = data if data is not None else sample_bytes()
    if not content:
        raise ValueError("Telegram doesn't send an empty file")
    if kind == "video":
        stored = world.store_file(content, kind, file_name, mime_type or "video/mp4")
        stored.width, stored.height = VIDEO_SIZE
        stored.duration = VIDEO_SECONDS if duration is None else duration
    elif kind == "voice":
        stored = world.store_file(content, kind, None, mime_type or "audio/ogg")
        stored.duration = VOICE_SECONDS if duration is None else duration
    else:
        name = file_name or "file.bin"
        guessed = mimetypes.guess_type(name)[0] or "application/octet-stream"
        stored = world.store_file(content, kind, name, mime_type or guessed)
    return stored
