"""A Chromium for the browser tests (tests/sandbox/): found, or got, and written down.

``make test`` runs this before any test (``make browser`` runs it alone). It takes the
first of:

1. Playwright's own Chromium, already downloaded;
2. the browser written down last time, if it is still there (so a download that failed is
   not tried again at every run);
3. Playwright's own, downloaded now (``playwright install chromium``, as Playwright's users
   do), giving up soon when its servers can't be reached;
4. a Chromium already installed on this machine (on PATH);
5. as root with apt (a container, CI): Debian's ``chromium``, with the colour emoji font
   that lets the tests' screenshots show what a person sees;

checks that it starts, and writes its path into the virtualenv (``habitloop-chromium``),
where the tests read it; HABITLOOP_CHROMIUM, when set, names the browser instead. With none
of these it says in one line what to install, and exits 1.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path

from bot.sandbox.chromium import OVERRIDE, RECORD, recorded

# Beside the interpreter's packages: each virtualenv (each checkout) has its own.
ON_PATH = ("chromium", "chromium-browser", "google-chrome-stable", "google-chrome")
DEBIAN_PACKAGES = ("chromium", "fonts-noto-color-emoji")
HOW_TO_GET_ONE = (
    "install Chromium (Debian, Ubuntu: sudo apt-get install chromium fonts-noto-color-emoji), "
    "or let Playwright download its own where its servers can be reached "
    "(.venv/bin/playwright install chromium), then run make test again"
)
# Before downloading, Playwright's download server must answer within PROBE_SECONDS (a
# machine that can't reach it, even through a proxy that never answers, finds out at once);
# then Playwright gives up on a server that sends nothing for SILENCE_MS, and the whole
# download on DOWNLOAD_SECONDS (a slow but working line gets that long for about 170 MB).
PROBE_SECONDS = 10
SILENCE_MS = "10000"
DOWNLOAD_SECONDS = 600
START_SECONDS = 60


def say(line: str) -> None:
    print(f"browser: {line}", flush=True)


def playwrights_own() -> Path | None:
    """Where Playwright keeps its Chromium, if it is there."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        path = Path(playwright.chromium.executable_path)
    return path if path.is_file() else None


def download() -> Path | None:
    problem = _why_the_download_server_is_out_of_reach()
    if problem is not None:
        say(f"Playwright's Chromium can't be downloaded here ({problem})")
        return None
    say("downloading Playwright's Chromium (playwright install chromium)")
    env = {**os.environ, "PLAYWRIGHT_DOWNLOAD_CONNECTION_TIMEOUT": SILENCE_MS}
    try:
        result = subprocess.run(
            [sys.executable, "-m", "playwright", "install", "chromium"],
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=DOWNLOAD_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        say(f"no Chromium from Playwright's servers within {DOWNLOAD_SECONDS} s")
        return None
    if result.returncode != 0:
        said = [line.strip() for line in (result.stderr + result.stdout).splitlines()]
        reason = next((line for line in said if line.startswith("Error:")), "it failed")
        say(f"Playwright could not download its Chromium ({reason})")
        return None
    return playwrights_own()


def _why_the_download_server_is_out_of_reach() -> str | None:
    """None when the address Playwright would download from answers (through the proxy the
    environment names, as Playwright goes); else why not."""
    plan = subprocess.run(
        [sys.executable, "-m", "playwright", "install", "--dry-run", "chromium"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    addresses = re.findall(r"Download (?:url|fallback \d+):\s*(\S+)", plan.stdout)
    by_server: dict[str, str] = {}  # one address a server: any that answers will do
    for url in addresses:
        by_server.setdefault(urllib.parse.urlsplit(url).netloc, url)
    if not by_server:
        return "Playwright names no download address for this system"
    problems = []
    for server, url in by_server.items():
        try:
            with urllib.request.urlopen(
                urllib.request.Request(url, method="HEAD"), timeout=PROBE_SECONDS
            ):
                return None
        except urllib.error.HTTPError:
            return None  # it answered: what it thinks of a HEAD request is Playwright's business
        except (OSError, ValueError) as error:  # unreachable, refused, timed out
            problems.append(f"{server}: {getattr(error, 'reason', error)}")
    return "; ".join(problems)


def on_this_machine() -> Path | None:
    found = next((shutil.which(name) for name in ON_PATH if shutil.which(name)), None)
    return Path(found) if found else None


def from_debian() -> Path | None:
    """Debian's Chromium through apt, where this process may install packages."""
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        return None
    say(f"installing Debian's {' and '.join(DEBIAN_PACKAGES)} (apt-get)")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (
        ["apt-get", "update", "-qq"],
        ["apt-get", "install", "-y", "-qq", *DEBIAN_PACKAGES],
    ):
        if subprocess.run(command, env=env, stdin=subprocess.DEVNULL, check=False).returncode:
            say(f"{' '.join(command[:2])} failed")
            return None
    return on_this_machine()


def starts(path: Path) -> bool:
    """The browser runs here (a downloaded one may lack the system's libraries)."""
    command = [str(path), "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom"]
    try:
        result = subprocess.run(
            [*command, "about:blank"],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=START_SECONDS,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    if result.returncode != 0:
        say(f"{path} does not start here")
    return result.returncode == 0


def find_or_get() -> Path | None:
    before = recorded()
    ways: list[Callable[[], Path | None]] = [
        playwrights_own,
        lambda: before,
        download,
        on_this_machine,
        from_debian,
    ]
    for way in ways:
        path = way()
        if path is not None and (path == before or starts(path)):
            return path
    return None


def main() -> int:
    named = os.environ.get(OVERRIDE)
    path = (Path(named) if starts(Path(named)) else None) if named else find_or_get()
    if path is None:
        print(f"browser: no Chromium for the browser tests: {HOW_TO_GET_ONE}", file=sys.stderr)
        return 1
    if not named:  # the tests read HABITLOOP_CHROMIUM themselves
        RECORD.write_text(f"{path}\n", encoding="utf-8")
    say(f"the browser tests use {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
