"""Checks each call against the Bot API description (api.json).

The fake's own methods are written from the documentation, but a field the bot sends that
Telegram does not know, or a required one it forgets, would only show in production. So
every call is compared with the description and each mismatch is named. What the fake
answers and the updates it sends are compared with the description's types in turn
(``spec_types``), so its own shapes can't drift from Telegram's either. The check can't be
switched off: a missing or unreadable description stops the fake from starting.

The description ships with the fake (``botapi/``). Its one setting, ``TELEGRAM_API_SPEC``
(in the environment or ``.env``), names another ``api.json`` to check against; it is the
fake's own, as the fake takes nothing from the bot's configuration.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.faketelegram.spec_types import TypeChecker, load_types

# The Bot API description shipped with the fake (see botapi/README.md).
BUNDLED_SPEC = Path(__file__).resolve().parent / "botapi" / "api.json"


class SpecUnavailable(RuntimeError):
    """The Bot API description could not be read: nothing could be checked against it."""


@dataclass(frozen=True)
class MethodSpec:
    name: str
    required: frozenset[str]
    known: frozenset[str]
    returns: tuple[str, ...] = ()


class ApiSpec:
    """The methods of the Bot API and their fields, looked up case-insensitively."""

    def __init__(
        self,
        methods: dict[str, MethodSpec],
        version: str = "",
        types: TypeChecker | None = None,
    ) -> None:
        self._methods = {name.lower(): spec for name, spec in methods.items()}
        self.version = version
        self.types = types or TypeChecker({})

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
                returns=tuple(body.get("returns", [])),
            )
        types = TypeChecker(load_types(raw.get("types", {})))
        return cls(methods, str(raw.get("version", "")), types)

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

    def check_answer(self, method: str, result: Any) -> list[str]:
        """Every way the fake's answer to ``method`` differs from the type it returns."""
        spec = self.method(method)
        if spec is None:
            return []
        return self.types.check(spec.returns, result, f"{spec.name} answer")

    def check_update(self, update: dict[str, Any]) -> list[str]:
        """Every way an update the fake sends differs from the Update type."""
        return self.types.check(("Update",), update, "update")


class SpecSettings(BaseSettings):
    """Where the fake finds the Bot API description, when not the one it ships with."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore", frozen=True)

    telegram_api_spec: Path | None = None


def default_spec_path() -> Path:
    """Where the Bot API description is: $TELEGRAM_API_SPEC, else the one in the package."""
    configured = SpecSettings().telegram_api_spec
    return configured if configured is not None else BUNDLED_SPEC


def load_spec(path: Path) -> ApiSpec:
    """The description at ``path``; SpecUnavailable if it is missing, unreadable or empty."""
    try:
        spec = ApiSpec.load(path)
    except (OSError, ValueError, TypeError, AttributeError, KeyError) as exc:
        raise SpecUnavailable(
            f"cannot read the Bot API description at {path} ({exc}); every call to the fake "
            "Telegram is checked against it (set TELEGRAM_API_SPEC to another api.json)"
        ) from exc
    if spec.method("sendMessage") is None:
        raise SpecUnavailable(f"{path} describes no Bot API methods")
    return spec
