"""How long the pictures take to draw and how big they are, beside Pillow's own floor.

Run on demand, never in the test suite:

    python -m bench.bench_render [--rounds 30] [--members 50]

For a member's full year (/stats), a group's full year (/stats group) and a group's week
(the weekly picture) it times, over ``--rounds`` rounds after one warm-up, the domain
function that works out the days and the figures, and the drawing to PNG bytes (wall clock
and CPU time). Beside them, in the same run, the baseline: Pillow storing a blank image of
the same size the same way (the fixed palette, then PNG), i.e. what any picture of that
size costs to encode.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from io import BytesIO
from pathlib import Path
from typing import TypeVar

if __package__ in {None, ""}:  # run as a file: make ``bot`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PIL import Image

from bot.domain.group_days import group_year
from bot.domain.member_days import member_year
from bot.domain.streaks import Break, Mark, Rules
from bot.domain.weeks import NamedHistory, group_week
from bot.render import ENGLISH, week_picture, year_heatmap
from bot.render.card import png_bytes
from bot.render.palette import PAPER

TODAY = date(2026, 3, 12)
RULES = Rules(rest_weekdays=frozenset({6}))
T = TypeVar("T")


def member_history(rng: random.Random, days: int) -> dict[date, Mark]:
    """A member who shows up most days, with honest fails and misses: every kind of day."""
    history: dict[date, Mark] = {}
    for offset in range(1, days):
        roll = rng.random()
        if roll < 0.8:
            history[TODAY - timedelta(days=offset)] = Mark.DONE
        elif roll < 0.88:
            history[TODAY - timedelta(days=offset)] = Mark.FAIL
    return history


@dataclass(frozen=True, slots=True)
class Timing:
    first_ms: float  # the first call, wall clock
    median_ms: float  # the median of the next calls, wall clock
    cpu_ms: float  # the same median in this process's CPU time: steadier on a shared machine


def timed(call: Callable[[], T], rounds: int) -> tuple[Timing, T]:
    """How long ``call`` takes: once, then ``rounds`` more times; and its last result."""
    started = time.perf_counter()
    result = call()
    first = (time.perf_counter() - started) * 1e3
    wall, cpu = [], []
    for _ in range(rounds):
        started, started_cpu = time.perf_counter(), time.process_time()
        result = call()
        cpu.append((time.process_time() - started_cpu) * 1e3)
        wall.append((time.perf_counter() - started) * 1e3)
    return Timing(first, statistics.median(wall), statistics.median(cpu)), result


def blank_png(size: tuple[int, int]) -> bytes:
    """A blank picture of ``size`` stored as the pictures are."""
    return png_bytes(Image.new("RGB", size, PAPER))


@dataclass(frozen=True, slots=True)
class Row:
    name: str
    domain: Timing
    draw: Timing
    png: bytes
    blank: Timing
    blank_png: bytes


def measure(name: str, domain: Callable[[], T], draw: Callable[[T], bytes], rounds: int) -> Row:
    domain_time, value = timed(domain, rounds)
    draw_time, png = timed(lambda: draw(value), rounds)
    size = Image.open(BytesIO(png)).size
    blank_time, blank = timed(lambda: blank_png(size), rounds)
    return Row(name, domain_time, draw_time, png, blank_time, blank)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--members", type=int, default=50, help="members of the group")
    args = parser.parse_args()
    rng = random.Random(1)

    days = member_history(rng, 800)
    breaks = [Break(TODAY - timedelta(days=100), TODAY - timedelta(days=90))]
    members = [
        NamedHistory(f"Member {i}", member_history(rng, rng.randrange(30, 500)))
        for i in range(args.members)
    ]
    histories = [member.days for member in members]
    last_sunday = TODAY - timedelta(days=TODAY.weekday() + 1)
    rows = [
        measure(
            "member year",
            lambda: member_year(days, breaks, RULES, TODAY, cheers=12),
            lambda year: year_heatmap(year, title="Maria Fernández", words=ENGLISH),
            args.rounds,
        ),
        measure(
            f"group year ({args.members})",
            lambda: group_year(histories, RULES, TODAY, share_percent=50),
            lambda year: year_heatmap(year, title="Morning pages", words=ENGLISH),
            args.rounds,
        ),
        measure(
            f"week ({args.members})",
            lambda: group_week(members, RULES, last_sunday),
            lambda week: week_picture(week, title="Morning pages", words=ENGLISH),
            args.rounds,
        ),
    ]
    print(f"median of {args.rounds} rounds, in ms (wall clock; CPU time beside it); sizes in KB")
    print(
        f"{'picture':<16} {'domain':>7} {'draw':>6} {'cpu':>6} {'1st':>6} {'PNG KB':>7}"
        f" │ {'blank':>6} {'cpu':>6} {'KB':>5}"
    )
    for row in rows:
        print(
            f"{row.name:<16} {row.domain.median_ms:>7.1f} {row.draw.median_ms:>6.1f}"
            f" {row.draw.cpu_ms:>6.1f} {row.draw.first_ms:>6.1f} {len(row.png) / 1024:>7.1f}"
            f" │ {row.blank.median_ms:>6.1f} {row.blank.cpu_ms:>6.1f}"
            f" {len(row.blank_png) / 1024:>5.1f}"
        )


if __name__ == "__main__":
    main()
