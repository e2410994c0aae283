"""Example pictures for the docs (docs/contributing.md), from made-up but lifelike histories:

    python -m bot.render.examples docs/images/

writes ``stats-member.png`` (``/stats``), ``stats-group.png`` (``/stats group``) and
``week.png`` (the weekly picture). The histories come from a seeded random generator, so
the same command always draws the same pictures.
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from bot.domain.group_days import first_entry, group_year
from bot.domain.member_days import member_year, picture_days
from bot.domain.streaks import Break, Mark, Rules
from bot.domain.weeks import NamedHistory, group_week
from bot.render.heatmap import year_heatmap
from bot.render.week import week_picture
from bot.render.words import ENGLISH

__all__ = ["TODAY", "example_pictures", "main"]

TODAY = date(2026, 3, 12)  # a Thursday
RULES = Rules(rest_weekdays=frozenset({6}))  # Sundays off
GROUP_TITLE = "Morning pages ✍️"
LAST_SUNDAY = TODAY - timedelta(days=TODAY.weekday() + 1)  # the weekly picture's week ends
IMPROVING = frozenset({"Tomás", "Jonas", "Lucas", "Олег"})  # beat their best week
_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class _Habit:
    """How a made-up member behaves."""

    name: str
    joined: int  # days before TODAY
    showing_up: float  # chance of checking in on a day
    honesty: float  # chance that a missed working day gets an honest /fail instead


def _history(habit: _Habit, breaks: Sequence[Break], rng: random.Random) -> dict[date, Mark]:
    """Check-ins up to yesterday (today is still open); Sundays are rest days, but a few
    check in anyway."""
    days: dict[date, Mark] = {}
    day = TODAY - timedelta(days=habit.joined)
    while day < TODAY:
        resting = day.weekday() in RULES.rest_weekdays or any(day in b for b in breaks)
        if rng.random() < (habit.showing_up / 5 if resting else habit.showing_up):
            days[day] = Mark.DONE
        elif not resting and rng.random() < habit.honesty:
            days[day] = Mark.FAIL
        day += _ONE_DAY
    return days


def _improved(days: dict[date, Mark], week_end: date, rng: random.Random) -> None:
    """Make the week ending on ``week_end`` a member's best: every working day checked in,
    and no earlier week with more than five counted days."""
    week = [week_end - timedelta(days=i) for i in range(7)]
    for day in week:
        if day.weekday() not in RULES.rest_weekdays:
            days[day] = Mark.DONE
    for end in range(1, 60):
        earlier = [d for d in days if (week_end - d).days // 7 == end]
        while len(earlier) > 5:
            days.pop(earlier.pop(rng.randrange(len(earlier))))


def _member() -> tuple[dict[date, Mark], list[Break]]:
    """A member with a good year: a summer break, a few honest misses, some freezes."""
    rng = random.Random(7)
    breaks = [Break(date(2025, 8, 4), date(2025, 8, 15))]
    habit = _Habit("Maria", joined=340, showing_up=0.86, honesty=0.35)
    days = _history(habit, breaks, rng)
    # A bad fortnight in November that broke her run, then a long run to today.
    for offset in range(9):
        days.pop(date(2025, 11, 10) + timedelta(days=offset), None)
    for offset in range(1, 60):
        day = TODAY - timedelta(days=offset)
        if day.weekday() not in RULES.rest_weekdays and day not in days:
            days[day] = Mark.DONE
    return days, breaks


def _group() -> list[NamedHistory]:
    rng = random.Random(11)
    habits = [
        _Habit("Maria", 340, 0.86, 0.3),
        _Habit("Tomás", 400, 0.6, 0.1),
        _Habit("Аня", 400, 0.8, 0.2),
        _Habit("Jonas", 250, 0.55, 0.2),
        _Habit("Priya", 200, 0.9, 0.1),
        _Habit("Lucas", 400, 0.5, 0.3),
        _Habit("Олег", 120, 0.75, 0.2),
        _Habit("Sam 🚀", 90, 0.65, 0.2),
        _Habit("Hana", 400, 0.4, 0.3),
        _Habit("Chen", 60, 0.85, 0.1),
        _Habit("Elif", 30, 0.7, 0.2),
        _Habit("Bruno", 400, 0.3, 0.2),
    ]
    members = []
    for habit in habits:
        days = _history(habit, [], rng)
        if habit.name in IMPROVING:
            _improved(days, LAST_SUNDAY, rng)
        members.append(NamedHistory(habit.name, days))
    return members


def example_pictures() -> dict[str, bytes]:
    """The three pictures, by file name."""
    days, breaks = _member()
    # The weeks since the first entry, as /stats shows them.
    shown = picture_days(min(days), TODAY)
    member = member_year(days, breaks, RULES, TODAY, cheers=23, length=shown)
    members = _group()
    histories = [m.days for m in members]
    started = first_entry(histories, TODAY) or TODAY
    group = group_year(histories, RULES, TODAY, length=picture_days(started, TODAY))
    week = group_week(members, RULES, LAST_SUNDAY)
    return {
        "stats-member.png": year_heatmap(member, title="Maria Fernández", words=ENGLISH),
        "stats-group.png": year_heatmap(group, title=GROUP_TITLE, words=ENGLISH),
        "week.png": week_picture(week, title=GROUP_TITLE, words=ENGLISH),
    }


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Draw the example pictures of the docs.")
    parser.add_argument("folder", type=Path, help="where to write the PNG files")
    folder = parser.parse_args(argv).folder
    folder.mkdir(parents=True, exist_ok=True)
    for name, png in example_pictures().items():
        (folder / name).write_bytes(png)
        print(f"{folder / name}: {len(png) / 1024:.0f} KB")


if __name__ == "__main__":
    main()
