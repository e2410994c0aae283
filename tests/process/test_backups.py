"""The SQLite backups of the host's guide, run as written there: on a server with the sqlite3
command, and in Docker with the image's Python. Each copies a migrated database whole, from
its live file (in WAL mode, as the bot leaves it)."""

from __future__ import annotations

import contextlib
import re
import shlex
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.docs import DOCS, fenced, read, section

from .conftest import assert_migrated, clean_env, habitloop_command, sqlite_url

# Where the guide's commands keep the database and the copy, and where the test does.
SERVER_DATA, SERVER_COPIES = "/var/lib/habitloop/", "/root/"
CONTAINER_DATA = "/data/"


def _backup_lines() -> list[str]:
    backups = section(read(DOCS / "hosting.md"), "## Backups")
    return [line for block in fenced(backups) for line in block.splitlines()]


def _migrated(folder: Path) -> Path:
    folder.mkdir()
    database = folder / "habitloop.db"
    result = subprocess.run(
        [*habitloop_command(), "migrate"],
        env=clean_env(database_url=sqlite_url(database)),
        cwd=folder,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return database


def _run(command: list[str] | str, cwd: Path) -> None:
    result = subprocess.run(
        command,
        shell=isinstance(command, str),
        executable="/bin/bash" if isinstance(command, str) else None,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, f"{command}:\n{result.stderr}"


def test_the_servers_sqlite3_backup_copies_the_live_database(tmp_path: Path) -> None:
    (line,) = [line for line in _backup_lines() if line.startswith("sqlite3 ")]
    database = _migrated(tmp_path / "live")
    copies = tmp_path / "copies"
    copies.mkdir()
    with contextlib.closing(sqlite3.connect(database)) as live:
        # The bot holds its file open in WAL mode while the copy is made.
        assert live.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        _run(
            line.replace(SERVER_DATA, f"{database.parent}/").replace(SERVER_COPIES, f"{copies}/"),
            tmp_path,
        )
    (copy,) = copies.glob("habitloop-*.db")
    assert re.fullmatch(r"habitloop-\d{4}-\d{2}-\d{2}\.db", copy.name)
    assert_migrated(copy)


def test_the_containers_python_backup_copies_the_live_database(tmp_path: Path) -> None:
    (line,) = [line for line in _backup_lines() if line.startswith("docker exec habitloop python")]
    program = shlex.split(line)[shlex.split(line).index("-c") + 1]
    database = _migrated(tmp_path / "data")
    _run([sys.executable, "-c", program.replace(CONTAINER_DATA, f"{database.parent}/")], tmp_path)
    assert_migrated(database.parent / "backup.db")
