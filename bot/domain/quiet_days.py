"""Quiet days: when the daily posts say less, so that a group gone silent does not hear the
same cue and recap every day.

- A group's days with the bot start on the day the bot was added; a *quiet day* is one of
  them on which nobody showed up. The bot's first day has no day before it.
- The cue after a quiet day is *short*: one line and the ✅ button, no statistics (yesterday
  was nobody, and the group streak is over). A freeze that is keeping someone's streak alive
  is still told under it: that is news about a person, and it ends when the freezes do.
- A recap has *news* when someone showed up on its day, a milestone or a best was announced,
  or a streak at risk is named. A recap without news is *left out* when the day before was
  quiet too: the first quiet day's recap is still posted ("There's still time!"), the ones
  after it only once there is something to say.
- The first check-in after a silence brings everything back: its day's recap, and the full
  cue the morning after.

A silent week is then seven one-line cues (and one recap, if the silence began that week)
instead of fourteen posts.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

__all__ = ["is_short_cue", "recap_is_left_out", "showed_up_day_before"]


def showed_up_day_before(counts: Mapping[date, int], day: date, first_day: date) -> int | None:
    """How many members showed up on the day before ``day`` (``counts`` by day, the days
    nobody did absent); None when ``day`` is the group's ``first_day`` with the bot."""
    if day <= first_day:
        return None
    return counts.get(day - timedelta(days=1), 0)


def is_short_cue(day_before: int | None) -> bool:
    """Whether a day's cue is the short one, by how many showed up the day before."""
    return day_before == 0


def recap_is_left_out(
    *, showed_up: int, announced: int, at_risk: int, day_before: int | None
) -> bool:
    """Whether a recap is left out: no news on its day (``showed_up``, ``announced``,
    ``at_risk`` counted), and nobody showed up the day before (``day_before``)."""
    news = showed_up > 0 or announced > 0 or at_risk > 0
    return not news and day_before == 0
