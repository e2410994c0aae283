"""What a log line is about: the update and chat being processed, when there is one.

Whoever processes an update wraps the work in ``with log_context(update_id=..., chat_id=...)``;
every log line written inside it, by our code or a library's, carries those fields. A context
variable keeps concurrent updates apart: each asyncio task sees only its own.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from types import MappingProxyType

# The fields a log line may carry, in the order they are shown.
FIELDS = ("update_id", "chat_id")

_EMPTY: Mapping[str, int] = MappingProxyType({})
_current: ContextVar[Mapping[str, int]] = ContextVar("habitloop_log_context", default=_EMPTY)


@contextmanager
def log_context(*, update_id: int | None = None, chat_id: int | None = None) -> Iterator[None]:
    """Add the known fields to every log line inside the block; unknown ones (None) are left out.

    Nested blocks add to the outer one (an inner value wins) and restore it on the way out.
    """
    given = {"update_id": update_id, "chat_id": chat_id}
    fields = {**_current.get(), **{k: v for k, v in given.items() if v is not None}}
    token = _current.set(MappingProxyType(fields))
    try:
        yield
    finally:
        _current.reset(token)


def current_log_context() -> Mapping[str, int]:
    """The fields known here, in ``FIELDS`` order."""
    fields = _current.get()
    return {name: fields[name] for name in FIELDS if name in fields}
