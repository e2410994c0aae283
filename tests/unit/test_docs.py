"""The documentation holds together: the README stays a front door, every link leads
somewhere, every command and setting the bot has is documented where its reader looks, and
every make target, habitloop command and option the docs give exists."""

from __future__ import annotations

import contextlib
import io
import re
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from bot.__main__ import main as habitloop_main
from bot.actions.settings import Setting
from bot.menus import ADMIN_COMMANDS, PRIVATE_COMMANDS
from tests.docs import (
    DOCS,
    README,
    ROOT,
    anchors,
    code,
    links,
    markdown_files,
    read,
    section,
    table_rows,
)

README_MOST_LINES = 150
ADMINS = DOCS / "admins.md"
COMMANDS = sorted({*ADMIN_COMMANDS, *PRIVATE_COMMANDS})


def _name(path: Path) -> str:
    return str(path.relative_to(ROOT))


def test_the_readme_is_a_front_door() -> None:
    lines = read(README).splitlines()
    assert len(lines) < README_MOST_LINES, f"README.md has {len(lines)} lines"
    # Its first screen says what it is and under which licence.
    assert "MIT" in "\n".join(lines[:15])


@pytest.mark.parametrize("document", markdown_files(), ids=_name)
def test_every_relative_link_leads_somewhere(document: Path) -> None:
    text = read(document)
    broken = []
    for target in links(text):
        parts = urlsplit(target)
        if parts.scheme or target.startswith("//"):
            continue  # a page elsewhere
        path = (document.parent / unquote(parts.path)).resolve() if parts.path else document
        if not path.exists():
            broken.append(f"{target}: no {path}")
        elif parts.fragment:
            if path.suffix != ".md":
                broken.append(f"{target}: an anchor in a file that is not Markdown")
            elif parts.fragment not in anchors(read(path)):
                broken.append(f"{target}: no heading makes #{parts.fragment}")
    assert not broken, "\n".join(broken)


def test_the_readme_links_every_guide() -> None:
    linked = {urlsplit(target).path for target in links(read(README))}
    for guide in sorted(DOCS.glob("*.md")):
        assert _name(guide) in linked, f"README.md does not link {_name(guide)}"


def _command_table() -> list[list[str]]:
    return table_rows(section(read(README), "## Commands"))


def test_every_command_is_in_the_readmes_table() -> None:
    named = {match for first, *_ in _command_table() for match in re.findall(r"`/([a-z]+)", first)}
    missing = [command for command in COMMANDS if command not in named]
    assert not missing, f"not in the README's commands table: {missing}"
    unknown = sorted(named - set(COMMANDS))
    assert not unknown, f"in the README's commands table, but not a command: {unknown}"


def test_every_setting_is_in_the_admins_guide() -> None:
    rows = table_rows(section(read(ADMINS), "## Group settings"))
    named = {name for _, example, _ in rows for name in re.findall(r"/settings ([a-z]+)", example)}
    missing = [setting.value for setting in Setting if setting.value not in named]
    assert not missing, f"not in the settings table of docs/admins.md: {missing}"
    unknown = sorted(named - {setting.value for setting in Setting})
    assert not unknown, f"in the settings table of docs/admins.md, but not a setting: {unknown}"


def test_every_metric_is_in_the_host_guides_table() -> None:
    defined = set(re.findall(r'"(habitloop_[a-z_]+)"', read(ROOT / "bot" / "metrics.py")))
    assert defined, "bot/metrics.py names no metric"
    rows = table_rows(section(read(DOCS / "hosting.md"), "### Metrics"))
    documented = {re.sub(r"\{.*", "", first.strip("`")) for first, *_ in rows}
    assert sorted(defined - documented) == [], "not in docs/hosting.md's metrics table"
    assert sorted(documented - defined) == [], "in docs/hosting.md's metrics table, not a metric"


# --- the commands the docs give --------------------------------------------------------------

_MAKE = re.compile(
    r"(?:^|&&|;)\s*(?:[A-Z_]+=\S*\s+)*make(?:\s+-C\s+\S+)?\s+([a-z][a-z-]*)", re.MULTILINE
)
# The habitloop command where it starts a command line (not a container's or a user's name):
# after settings given as VAR=value, from any path; then its subcommand and options.
_HABITLOOP = re.compile(
    r"(?:^|&&|;)\s*(?:[A-Z_]+=\S*\s+)*(?:\S*/)?habitloop\s+([a-z][a-z-]*)((?:\s+--[a-z-]+)*)",
    re.MULTILINE,
)


def _documents_code() -> list[tuple[str, str]]:
    return [
        (_name(path), snippet)
        for path in [*markdown_files(), ROOT / "bench" / "README.md"]
        for snippet in code(read(path))
    ]


def _make_targets() -> list[str]:
    return sorted({target for _, snippet in _documents_code() for target in _MAKE.findall(snippet)})


def _habitloop_commands() -> dict[str, set[str]]:
    """Each subcommand the docs run, with the options they give it."""
    found: dict[str, set[str]] = {}
    for _, snippet in _documents_code():
        for command, options in _HABITLOOP.findall(snippet):
            found.setdefault(command, set()).update(options.split())
    return found


def test_the_docs_give_commands_to_check() -> None:
    # The patterns find what the docs say (if they stop finding, the checks below are empty).
    assert {"run", "sandbox", "test", "install-run"} <= set(_make_targets())
    assert {"run", "migrate", "healthcheck", "sandbox", "fake-telegram"} <= set(
        _habitloop_commands()
    )


@pytest.mark.parametrize("target", _make_targets())
def test_every_make_target_the_docs_name_exists(target: str) -> None:
    result = subprocess.run(
        ["make", "-n", "-C", str(ROOT), target, "LANGUAGE=xx"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, f"make {target}: {result.stderr}"


def _help(*argv: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit) as exited:
        habitloop_main([*argv, "--help"])
    assert exited.value.code == 0
    return out.getvalue()


@pytest.mark.parametrize("command", sorted(_habitloop_commands()))
def test_every_habitloop_command_and_option_the_docs_give_exists(command: str) -> None:
    assert re.search(rf"^\s+{re.escape(command)}\b", _help(), re.MULTILINE), (
        f"habitloop has no command {command}"
    )
    options = _habitloop_commands()[command] - {"--help"}
    listed = _help(command)
    missing = sorted(option for option in options if option not in listed)
    assert not missing, f"habitloop {command} has no {missing}"
