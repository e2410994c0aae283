"""How Telegram names the files it keeps: their ids, their unique ids and their paths."""

from __future__ import annotations

import base64
import hashlib

from bot.faketelegram.records import FileKind, StoredFile

# Where Telegram keeps each kind of file, and how its file_ids begin.
_FILE_KINDS: dict[FileKind, tuple[str, str]] = {
    "photo": ("photos", "AgAC"),
    "video": ("videos", "BAAC"),
    "voice": ("voice", "AwAC"),
    "document": ("documents", "BQAC"),
}
_DEFAULT_EXTENSIONS: dict[FileKind, str] = {
    "photo": "jpg",
    "video": "mp4",
    "voice": "oga",
    "document": "bin",
}


def unique_file_id(data: bytes, kind: FileKind) -> str:
    """Telegram's file_unique_id names the file itself: the same bytes give the same id."""
    digest = hashlib.sha256(kind.encode() + b":" + data).digest()
    prefix = "AQAD" if kind == "photo" else "AgAD"
    return prefix + base64.urlsafe_b64encode(digest[:9]).decode()


def _extension(file_name: str | None, kind: FileKind) -> str:
    if kind != "photo" and file_name and "." in file_name:
        return file_name.rsplit(".", 1)[1]
    return _DEFAULT_EXTENSIONS[kind]


def new_file(
    number: int, data: bytes, kind: FileKind, file_name: str | None, mime_type: str | None
) -> StoredFile:
    """The ``number``-th file kept: a file_id of its own, a unique id from its bytes."""
    folder, prefix = _FILE_KINDS[kind]
    return StoredFile(
        file_id=f"{prefix}fake{number:08d}",
        file_unique_id=unique_file_id(data, kind),
        data=data,
        kind=kind,
        file_name=file_name,
        mime_type=mime_type,
        file_path=f"{folder}/file_{number}.{_extension(file_name, kind)}",
    )
