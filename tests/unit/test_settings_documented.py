"""Every setting is documented where a host looks for it, and known to the process tests."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.config import Settings
from tests.process.conftest import SETTINGS_VARIABLES

ROOT = Path(__file__).resolve().parents[2]
VARIABLES = sorted(name.upper() for name in Settings.model_fields)


def configuration_table() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    return "\n".join(line for line in section.splitlines() if line.startswith("|"))


@pytest.mark.parametrize("variable", VARIABLES)
def test_in_the_readme_configuration_table(variable: str) -> None:
    assert f"`{variable}`" in configuration_table()


@pytest.mark.parametrize("variable", VARIABLES)
def test_in_env_example(variable: str) -> None:
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    assert re.search(rf"^#? ?{variable}=", example, re.MULTILINE)


def test_the_process_tests_clear_every_setting_from_their_environment() -> None:
    # A setting missing there would leak from the developer's shell into the bot processes.
    assert set(VARIABLES) <= SETTINGS_VARIABLES
