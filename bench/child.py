"""A benchmark's helper process: the fake Telegram in a process of its own, as Telegram is in
production. It is started as ``python -m MODULE ARGS``, prints one JSON line once it listens,
and stops when its stdin closes."""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parent.parent


class ChildProcess:
    def __init__(
        self, module: str, *args: str, env: dict[str, str] | None = None, ready_within: float = 30
    ) -> None:
        self._command = (sys.executable, "-m", module, *args)
        self._env = env
        self._ready_within = ready_within
        self._child: asyncio.subprocess.Process | None = None

    @property
    def pid(self) -> int:
        assert self._child is not None
        return self._child.pid

    async def start(self) -> Any:
        """Start it; what it printed once it listened."""
        self._child = await asyncio.create_subprocess_exec(
            *self._command,
            cwd=PROJECT,
            env=self._env,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
        )
        assert self._child.stdout is not None
        line = await asyncio.wait_for(self._child.stdout.readline(), self._ready_within)
        if not line:
            raise RuntimeError("the fake Telegram's process ended before it listened")
        return json.loads(line)

    async def stop(self) -> None:
        if self._child is None:
            return
        assert self._child.stdin is not None
        self._child.stdin.close()  # the child's cue to stop
        try:
            await asyncio.wait_for(self._child.wait(), 10)
        except TimeoutError:
            self._child.kill()
            await self._child.wait()
