"""A wall clock a test can step under a child process, as an NTP correction or a VM resumed
from a snapshot steps a server's: libfaketime (LD_PRELOAD, shipped by the ``libfaketime``
package of the dev extras) moves what the child reads as the time of day, and leaves its
monotonic clock alone, as a real step does.

The child reads the offset from a file at every reading of the clock, so a step takes
effect at once.
"""

from __future__ import annotations

import importlib.util
import os
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path


def _library() -> Path:
    # Found without importing the package: its Python side is of no use here.
    spec = importlib.util.find_spec("libfaketime")
    assert spec is not None, "libfaketime is in the dev extras: make install"
    assert spec.submodule_search_locations
    folder = Path(next(iter(spec.submodule_search_locations)))
    library = folder / "vendor" / "libfaketime" / "src" / "libfaketime.so.1"
    assert library.is_file(), library
    return library


class SteppedWallClock:
    """The time of day of the children started with ``env()``."""

    def __init__(self, offset_file: Path) -> None:
        self._file = offset_file
        self.set(datetime.now(UTC))

    def env(self) -> dict[str, str]:
        return {
            "LD_PRELOAD": str(_library()),
            "FAKETIME_TIMESTAMP_FILE": str(self._file),
            "FAKETIME_CACHE_DURATION": "1",
            "FAKETIME_DONT_FAKE_MONOTONIC": "1",
        }

    def set(self, moment: datetime) -> None:
        """From now on the children read ``moment`` (to the second), and on from there."""
        offset = moment.timestamp() - time.time()
        # Written aside and moved in at once: a child reading the file while it is being
        # written would find it empty and read the real time, months away.
        fresh = self._file.with_name(self._file.name + ".new")
        fresh.write_text(f"{round(offset):+d}\n", encoding="ascii")
        os.replace(fresh, self._file)
        self._offset = timedelta(seconds=round(offset))

    def now(self) -> datetime:
        """What the children read now."""
        return datetime.now(UTC) + self._offset

    def step(self, delta: timedelta) -> None:
        self.set(self.now() + delta)
