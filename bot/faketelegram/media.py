"""What an uploaded photo becomes: the files Telegram keeps for it.

A photo is kept in several sizes, as Telegram keeps it: the picture itself and smaller
copies, each a file of its own with its own file_id and file_unique_id.
"""

from __future__ import annotations

import io

from PIL import Image, UnidentifiedImageError

from bot.faketelegram.records import StoredFile
from bot.faketelegram.world import World

# The longest side of the smaller copies Telegram makes of a photo larger than them.
THUMBNAIL_SIDES = (90, 320, 800)


class NotAnImage(ValueError):
    """Bytes sent as a photo that no image reader can open."""


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
