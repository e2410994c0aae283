"""The backups of the host's guide, run as written there: SQLite on a server with the sqlite3
command and in Docker with the image's Python (each copies a migrated database whole, from its
live file, in WAL mode as the bot leaves it); PostgreSQL's dump and restore, on this
machine's server rather than compose's."""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import sqlite3
import subprocess
import sys
from pathlib import Path

from sqlalchemy.engine import URL, make_url

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
    _run_with(command, cwd, {})


def _run_with(command: list[str] | str, cwd: Path, env: dict[str, str]) -> None:
    result = subprocess.run(
        command,
        shell=isinstance(command, str),
        executable="/bin/bash" if isinstance(command, str) else None,
        cwd=cwd,
        env={**os.environ, **env},
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


# The compose file's PostgreSQL: its service, user and database, as the guide's commands name them.
COMPOSE_EXEC = "docker compose exec -T postgres "
COMPOSE_USER_AND_DATABASE = "habitloop"


def _on_this_server(line: str, url: URL) -> str:
    """A line of the guide, run against ``url``'s server rather than compose's."""
    command = line.removeprefix(COMPOSE_EXEC)
    command = command.replace(f"-U {COMPOSE_USER_AND_DATABASE}", f"-U {url.username}")
    command = command.replace(f"-d {COMPOSE_USER_AND_DATABASE}", f"-d {url.database}")
    return re.sub(rf" {COMPOSE_USER_AND_DATABASE}(?= >)", f" {url.database}", command)


def test_the_postgresql_dump_and_restore_bring_the_data_back(
    tmp_path: Path, postgres_url: str
) -> None:
    lines = [line for line in _backup_lines() if line.startswith(COMPOSE_EXEC)]
    (dump,) = [line for line in lines if " pg_dump " in line]
    (restore,) = [line for line in lines if " pg_restore " in line]
    url = make_url(postgres_url)
    migrate = subprocess.run(
        [*habitloop_command(), "migrate"],
        env=clean_env(database_url=postgres_url),
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert migrate.returncode == 0, migrate.stderr
    server = {"PGHOST": url.host or "127.0.0.1", "PGPORT": str(url.port or 5432)}
    if url.password:
        server["PGPASSWORD"] = url.password

    def psql(sql: str) -> str:
        result = subprocess.run(
            ["psql", "-U", str(url.username), "-d", str(url.database), "-tAc", sql],
            env={**os.environ, **server},
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        return result.stdout.strip()

    version = psql("SELECT version_num FROM alembic_version")
    assert version
    _run_with(_on_this_server(dump, url), tmp_path, server)
    (dumped,) = tmp_path.glob("habitloop-*.dump")
    # What a restore is for: the data gone.
    psql("DELETE FROM alembic_version")
    dumped.rename(tmp_path / "habitloop-2026-03-01.dump")  # the file the guide restores
    _run_with(_on_this_server(restore, url), tmp_path, server)
    assert psql("SELECT version_num FROM alembic_version") == version
