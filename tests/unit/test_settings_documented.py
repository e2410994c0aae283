"""Every setting is documented where a host looks for it, and known to the process tests."""

from __future__ import annotations

import re

import pytest

from bot.config import Settings
from tests.docs import DOCS, ROOT, read, section, table_rows
from tests.process.conftest import SETTINGS_VARIABLES

VARIABLES = sorted(name.upper() for name in Settings.model_fields)


def configuration_table() -> str:
    """The first column of the host's guide's configuration table."""
    hosting = read(DOCS / "hosting.md")
    return "\n".join(row[0] for row in table_rows(section(hosting, "## Configuration")))


@pytest.mark.parametrize("variable", VARIABLES)
def test_in_the_host_guides_configuration_table(variable: str) -> None:
    assert f"`{variable}`" in configuration_table()


@pytest.mark.parametrize("variable", VARIABLES)
def test_in_env_example(variable: str) -> None:
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    assert re.search(rf"^#? ?{variable}=", example, re.MULTILINE)


def test_the_process_tests_clear_every_setting_from_their_environment() -> None:
    # A setting missing there would leak from the developer's shell into the bot processes.
    assert set(VARIABLES) <= SETTINGS_VARIABLES
