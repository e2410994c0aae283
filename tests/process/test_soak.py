"""The soak (bench/bench_soak.py) in small: two ``habitloop run`` replicas on PostgreSQL for
a simulated day of three groups, one replica killed with SIGKILL in the middle of its work
and started again. Its verdict must hold: every check-in saved and confirmed, every post due
sent, nothing sent twice but what the killed replica had sent and not marked.

PostgreSQL is not restarted here: other tests share the server.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PG_URL, worker_database_name

PROJECT = Path(__file__).resolve().parents[2]


def test_a_day_of_three_groups_with_a_replica_killed_loses_and_doubles_nothing(
    worker_id: str, tmp_path: Path
) -> None:
    if not PG_URL:
        pytest.skip("TEST_DATABASE_URL is not set")
    soak = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.bench_soak",
            "--groups=3",
            "--days=1",
            "--kill-every=12",  # one kill, at the evening's first wave of check-ins
            "--no-restart-postgres",
            f"--database-url={PG_URL}",
            f"--database-name={worker_database_name('soak', worker_id)}",
            f"--logs={tmp_path}",
            "--json",
        ],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert soak.stdout, soak.stderr
    result = json.loads(soak.stdout.splitlines()[-1])
    assert result["problems"] == [], result
    assert result["verdict"] == "held"
    assert soak.returncode == 0
    assert result["kills"] == 1
    check_ins = result["check_ins"]
    assert check_ins["sent"] > 10
    assert check_ins["saved"] == check_ins["confirmed"] == check_ins["sent"]
    posts = result["posts"]
    assert posts["sent"] == posts["due"] == 3 * 3  # a welcome, a cue and a recap each
    assert result["take_overs"]["otherwise"] == []
