"""The test run cleans up after itself on the PostgreSQL server (tests/conftest.py): a run
whose tests pass drops the databases it made; one where a test failed keeps them and says
which. Both are seen by running pytest on a small test file, under a checkout name of its own.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.store.db import make_engine
from tests.conftest import PG_URL

ROOT = Path(__file__).resolve().parents[2]
INNER_TEST = """
import asyncio
import os

from tests.conftest import PG_URL, recreate_database, worker_database_name

def test_makes_a_database(worker_id: str) -> None:
    asyncio.run(recreate_database(PG_URL, worker_database_name("test", worker_id)))
    assert not os.environ.get("HABITLOOP_FAIL_HERE"), "failing, as asked"
"""


async def _databases_named(like: str) -> list[str]:
    engine = make_engine(PG_URL)
    try:
        async with engine.connect() as conn:
            rows = await conn.execute(
                text("SELECT datname FROM pg_database WHERE datname LIKE :like ORDER BY 1"),
                {"like": like},
            )
            return [str(name) for (name,) in rows]
    finally:
        await engine.dispose()


async def _drop(names: list[str]) -> None:
    engine = make_engine(PG_URL)
    try:
        async with engine.connect() as conn:
            conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
            for name in names:
                await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        await engine.dispose()


@pytest.mark.parametrize("fails", [False, True], ids=["all-pass", "one-fails"])
def test_a_run_drops_its_databases_unless_a_test_failed(
    tmp_path: Path, postgres_worker_url: str, fails: bool
) -> None:
    checkout = f"cleanup{secrets.token_hex(3)}"
    (tmp_path / "test_inner.py").write_text(INNER_TEST, encoding="utf-8")
    env = {**os.environ, "HABITLOOP_TEST_CHECKOUT": checkout}
    if fails:
        env["HABITLOOP_FAIL_HERE"] = "1"
    # The suite's conftest as a plugin, one process (so the worker is "master").
    options = ["-p", "tests.conftest", "-p", "no:cacheprovider", "-q", "-n", "0"]
    config = ["--rootdir", str(ROOT), "-c", str(ROOT / "pyproject.toml")]
    inner = subprocess.run(
        [sys.executable, "-m", "pytest", *options, *config, str(tmp_path / "test_inner.py")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    left = asyncio.run(_databases_named(f"habitloop_%_{checkout}_%"))
    try:
        summary = inner.stdout.splitlines()[-1]
        if fails:
            assert inner.returncode == 1, inner.stdout + inner.stderr
            assert summary.startswith("1 failed"), inner.stdout
            assert left == [f"habitloop_test_{checkout}_master"]
            assert f"(PostgreSQL test databases): {left[0]}" in inner.stdout
        else:
            assert inner.returncode == 0, inner.stdout + inner.stderr
            assert summary.startswith("1 passed"), inner.stdout
            assert left == []
            assert "kept for a look" not in inner.stdout
    finally:
        asyncio.run(_drop(left))
