"""The page's tests: a running sandbox as ``habitloop sandbox`` runs it, and a browser."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from playwright.async_api import Browser

from bot.sandbox.runner import SandboxRunner

from .browser import chromium

MONDAY = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


@pytest.fixture
async def sandbox(tmp_path: Path) -> AsyncIterator[SandboxRunner]:
    """As ``habitloop sandbox`` runs it (the clock runs along with real time), on a fixed
    Monday morning. (test_runner.py has its own: a clock that moves only when told.)"""
    runner = SandboxRunner(port=0, database=tmp_path / "sandbox.db", start=MONDAY)
    await runner.start()
    yield runner
    await runner.stop()
    runner.tg.raise_for_problems()


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    async with chromium() as running:
        yield running
