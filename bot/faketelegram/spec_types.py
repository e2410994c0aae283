"""The fake's own JSON compared with the Bot API's types (the "types" of api.json).

The calls a bot makes are checked in ``spec``; this checks what the fake answers and the
updates it sends: every field a type requires is there, every field has the type the
description gives it, no field is one the type doesn't have, and a field the description
says is always one value ("always \u201ccreator\u201d") has that value. python-telegram-bot
would take many of these mistakes silently, and the bot would then meet the real shape
for the first time in production.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

# How the description names a field's only value: 'Type of the chat member, always "left"'.
_ALWAYS_RE = re.compile(r"always \u201c?\"?([a-z_]+)[\"\u201d]")
_ARRAY_PREFIX = "Array of "

# Fields Telegram sends although the description no longer lists them.
UNDOCUMENTED = frozenset({("Chat", "all_members_are_administrators")})


@dataclass(frozen=True)
class FieldSpec:
    name: str
    types: tuple[str, ...]
    required: bool
    always: str | None


@dataclass(frozen=True)
class TypeSpec:
    """An object type (``fields``) or a union of types (``subtypes``), as described."""

    name: str
    fields: dict[str, FieldSpec]
    subtypes: tuple[str, ...]
    required: tuple[str, ...] = ()


def load_types(raw: dict[str, Any]) -> dict[str, TypeSpec]:
    """The ``types`` part of api.json as TypeSpecs, by name."""
    types: dict[str, TypeSpec] = {}
    for name, body in raw.items():
        fields: dict[str, FieldSpec] = {}
        for field in body.get("fields", []):
            always = _ALWAYS_RE.search(str(field.get("description", "")))
            fields[field["name"]] = FieldSpec(
                name=field["name"],
                types=tuple(field.get("types", [])),
                required=bool(field.get("required")),
                always=always.group(1) if always else None,
            )
        required = tuple(f.name for f in fields.values() if f.required)
        types[name] = TypeSpec(name, fields, tuple(body.get("subtypes", [])), required)
    return types


class TypeChecker:
    """Checks JSON values against type expressions such as ``Array of PhotoSize``."""

    def __init__(self, types: dict[str, TypeSpec]) -> None:
        self._types = types

    def check(self, expressions: tuple[str, ...], value: Any, where: str) -> list[str]:
        """Every way ``value`` is none of ``expressions``; empty when it is one of them."""
        if len(expressions) == 1:
            return self._check_one(expressions[0], value, where)
        if not expressions:
            return []
        tried = [self._check_one(expression, value, where) for expression in expressions]
        if any(not problems for problems in tried):
            return []
        # Several types allowed and none fits: an object or array type of the value's own
        # JSON kind is the one that was meant, so its problems are the ones worth naming.
        meant = [p for e, p in zip(expressions, tried, strict=True) if _shaped_like(e, value)]
        if meant:
            return min(meant, key=len)
        return [f"{where}: {_describe(value)} is not {' or '.join(expressions)}"]

    def _check_one(self, expression: str, value: Any, where: str) -> list[str]:
        if expression.startswith(_ARRAY_PREFIX):
            if not isinstance(value, list):
                return [f"{where}: {_describe(value)} is not {expression}"]
            inner = (expression[len(_ARRAY_PREFIX) :],)
            problems: list[str] = []
            for index, item in enumerate(value):
                problems += self.check(inner, item, f"{where}[{index}]")
            return problems
        primitive = _PRIMITIVES.get(expression)
        if primitive is not None:
            return [] if primitive(value) else [f"{where}: {_describe(value)} is not {expression}"]
        spec = self._types.get(expression)
        if spec is None:
            return []  # a type the description doesn't list: nothing to compare with
        if spec.subtypes:
            return self._check_union(spec, value, where)
        return self._check_object(spec, value, where)

    def _check_union(self, spec: TypeSpec, value: Any, where: str) -> list[str]:
        """A union such as ChatMember: the subtype whose fixed field (status, type) matches."""
        subtypes = [self._types[name] for name in spec.subtypes if name in self._types]
        fixed = {f.name: f.always for t in subtypes for f in t.fields.values() if f.always}
        if not isinstance(value, dict) or not fixed:
            return self.check(spec.subtypes, value, where)
        for subtype in subtypes:
            if _fixed_fields_match(subtype, value):
                return self._check_object(subtype, value, where)
        name = next(iter(fixed))
        allowed = sorted({f.always for t in subtypes for f in t.fields.values() if f.always})
        return [f"{where}.{name}: {value.get(name)!r} is none of {spec.name}'s {allowed}"]

    def _check_object(self, spec: TypeSpec, value: Any, where: str) -> list[str]:
        if not isinstance(value, dict):
            return [f"{where}: {_describe(value)} is not {spec.name}"]
        problems = [
            f"{where} ({spec.name}): required field {name!r} is missing"
            for name in spec.required
            if name not in value
        ]
        for name, item in value.items():
            field = spec.fields.get(name)
            if field is None:
                if (spec.name, name) not in UNDOCUMENTED:
                    problems.append(f"{where} ({spec.name}): field {name!r} is not in the Bot API")
                continue
            if field.always is not None and item != field.always:
                problems.append(f"{where}.{name}: {item!r} is not {field.always!r}")
                continue
            # Most fields are a plain number or string: settled here, without naming a path.
            plain = _PRIMITIVES.get(field.types[0]) if len(field.types) == 1 else None
            if plain is None or not plain(item):
                problems += self.check(field.types, item, f"{where}.{name}")
        return problems


def _fixed_fields_match(spec: TypeSpec, value: dict[str, Any]) -> bool:
    fixed = [f for f in spec.fields.values() if f.always is not None]
    return bool(fixed) and all(value.get(f.name) == f.always for f in fixed)


def _shaped_like(expression: str, value: Any) -> bool:
    """Whether ``value`` is an array for an array type, or an object for an object type."""
    if expression.startswith(_ARRAY_PREFIX):
        return isinstance(value, list)
    return expression not in _PRIMITIVES and isinstance(value, dict)


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    return f"{type(value).__name__} {value!r}"


def _is_integer(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_float(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


_PRIMITIVES: dict[str, Callable[[Any], bool]] = {
    "Integer": _is_integer,
    "Float": _is_float,
    "String": lambda value: isinstance(value, str),
    "Boolean": lambda value: isinstance(value, bool),
    "True": lambda value: value is True,
}
