"""The arrows between the project's packages, read from the source with ``ast``.

Every import counts, wherever it is in a file: at the top, inside a function, under
``TYPE_CHECKING``. A rule is one line in the tables below.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
OURS = "bot"

# A package, and what else of ours its modules may import (themselves aside).
MAY_IMPORT_ONLY: dict[str, tuple[str, ...]] = {
    # The fake Telegram stands apart from the bot it tests; only the clock is shared.
    "bot.faketelegram": ("bot.clock",),
}
# A package, and what it must never import (ours or a library): the arrows of the house.
MUST_NOT_IMPORT: dict[str, tuple[str, ...]] = {
    # The rules are pure: no Telegram, no SQL, no sentences, nothing above them.
    "bot.domain": (
        "telegram",
        "sqlalchemy",
        "bot.store",
        "bot.texts",
        "bot.i18n",
        "bot.actions",
        "bot.handlers",
        "bot.jobs",
        "bot.outbox",
    ),
    # Tables and SQL only: no policy from above, no Telegram, no sentences.
    "bot.store": ("telegram", "bot.actions", "bot.handlers", "bot.jobs", "bot.texts"),
    # What the bot does, without Telegram's types or sentences.
    "bot.actions": ("telegram", "bot.texts", "bot.handlers", "bot.jobs", "bot.outbox"),
    # Handlers and jobs reach the database through the actions only.
    "bot.handlers": ("sqlalchemy", "bot.store"),
    "bot.jobs": ("sqlalchemy", "bot.store"),
    # The Mini App's API is a handler of HTTP: the actions do its work.
    "bot.web.miniapp": ("sqlalchemy", "bot.store"),
}
# Packages whose modules must import each other top to bottom, never in a circle.
ACYCLIC: tuple[str, ...] = ("bot.faketelegram", "bot.actions", "bot.domain", "bot.store")


@dataclass(frozen=True)
class Import:
    """``module`` imports ``target`` (a module where one is named, else a package) at ``line``."""

    module: str
    target: str
    line: int


def _source(module: str) -> Path | None:
    base = ROOT.joinpath(*module.split("."))
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.is_file():
            return path
    return None


def modules_of(package: str) -> list[str]:
    """The package and every module under it, as dotted names."""
    folder = ROOT.joinpath(*package.split("."))
    found = []
    for path in sorted(folder.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        found.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return found


def _absolute(module: str, node: ast.ImportFrom) -> str:
    """The module a ``from ... import`` names, relative imports resolved."""
    if node.level == 0:
        return node.module or ""
    is_package = _source(module) == ROOT.joinpath(*module.split("."), "__init__.py")
    parts = module.split(".")
    base = parts if is_package else parts[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def imports_of(module: str) -> Iterator[Import]:
    path = _source(module)
    assert path is not None, module
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(module, alias.name, node.lineno)
        elif isinstance(node, ast.ImportFrom):
            source = _absolute(module, node)
            for alias in node.names:
                # ``from pkg import sub`` imports the module pkg.sub when there is one.
                named = f"{source}.{alias.name}"
                target = named if _source(named) is not None else source
                yield Import(module, target, node.lineno)


def within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def import_graph(package: str) -> dict[str, set[str]]:
    """Each module of the package and the modules of the same package it imports."""
    return {
        module: {i.target for i in imports_of(module) if within(i.target, package)}
        for module in modules_of(package)
    }


def find_cycle(graph: Mapping[str, set[str]]) -> list[str] | None:
    """One circle of imports (its modules, the first repeated at the end), or None."""
    done: set[str] = set()
    path: list[str] = []

    def visit(module: str) -> list[str] | None:
        if module in path:
            return [*path[path.index(module) :], module]
        if module in done:
            return None
        path.append(module)
        for target in sorted(graph.get(module, ())):
            cycle = visit(target)
            if cycle is not None:
                return cycle
        path.pop()
        done.add(module)
        return None

    for module in sorted(graph):
        cycle = visit(module)
        if cycle is not None:
            return cycle
    return None


@pytest.mark.parametrize(("package", "allowed"), MAY_IMPORT_ONLY.items())
def test_a_package_imports_only_what_it_may(package: str, allowed: tuple[str, ...]) -> None:
    permitted = (package, *allowed)
    wrong = [
        f"{i.module}:{i.line} imports {i.target}"
        for module in modules_of(package)
        for i in imports_of(module)
        if within(i.target, OURS) and not any(within(i.target, p) for p in permitted)
    ]
    assert wrong == []


@pytest.mark.parametrize(("package", "forbidden"), MUST_NOT_IMPORT.items())
def test_a_package_never_imports_what_it_must_not(package: str, forbidden: tuple[str, ...]) -> None:
    wrong = [
        f"{i.module}:{i.line} imports {i.target}"
        for module in modules_of(package)
        for i in imports_of(module)
        if any(within(i.target, f) for f in forbidden)
    ]
    assert wrong == []


@pytest.mark.parametrize("package", ACYCLIC)
def test_a_package_imports_without_a_cycle(package: str) -> None:
    graph = import_graph(package)
    assert len(graph) > 1  # the package was found
    cycle = find_cycle(graph)
    assert cycle is None, " -> ".join(cycle or [])


def test_the_helpers_find_cycles_and_imports_inside_functions() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None
    # The command line imports what each command needs inside the function that runs it.
    targets = {i.target for i in imports_of("bot.__main__")}
    assert {"bot.config", "bot.faketelegram.server", "bot.sandbox.runner"} <= targets
