"""Checks each call against the Bot API description (api.json), when it is available.

The fake's own methods are written from the documentation, but a field the bot sends that
Telegram does not know, or a required one it forgets, would only show in production. With
the description at hand, every call is compared with it and each mismatch is named.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_log = logging.getLogger(__name__)
_warned = False


@dataclass(frozen=True)
class MethodSpec:
    name: str
    required: frozenset[str]
    known: frozenset[str]


class ApiSpec:
    """The methods of the Bot API and their fields, looked up case-insensitively."""

    def __init__(self, methods: dict[str, MethodSpec], version: str = "") -> None:
        self._methods = {name.lower(): spec for name, spec in methods.items()}
        self.version = version

    @classmethod
    def load(cls, path: Path) -> ApiSpec:
        raw: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        methods: dict[str, MethodSpec] = {}
        for name, body in raw.get("methods", {}).items():
            fields = body.get("fields", [])
            methods[name] = MethodSpec(
                name=name,
                required=frozenset(f["name"] for f in fields if f.get("required")),
                known=frozenset(f["name"] for f in fields),
            )
        return cls(methods, str(raw.get("version", "")))

    def method(self, name: str) -> MethodSpec | None:
        return self._methods.get(name.lower())

    def check(self, method: str, sent: set[str]) -> list[str]:
        """Every way this call differs from the description, one sentence each."""
        spec = self.method(method)
        if spec is None:
            return [f"{method}: no such method in the Bot API"]
        problems = [
            f"{spec.name}: required field {name!r} is missing"
            for name in sorted(spec.required - sent)
        ]
        problems += [
            f"{spec.name}: field {name!r} is not in the Bot API"
            for name in sorted(sent - spec.known)
        ]
        return problems


def load_spec(path: Path | None) -> ApiSpec | None:
    """The description at ``path``, or None (said once in the log) when there is none."""
    global _warned
    if path is not None and path.is_file():
        return ApiSpec.load(path)
    if not _warned:
        _warned = True
        _log.warning(
            "Bot API description (api.json) not found: calls to the fake Telegram are not "
            "checked against it"
        )
    return None
