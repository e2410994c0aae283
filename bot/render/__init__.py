"""The pictures Habitloop posts, as PNG bytes (Pillow only).

Pure functions from the domain's values to bytes; no Telegram, no database, no clock:

- ``year_heatmap(year, title=..., words=...)``: ``/stats`` (a ``MemberYear``) and
  ``/stats group`` (a ``GroupYear``), from ``bot.domain.member_days`` and
  ``bot.domain.group_days``;
- ``week_picture(week, title=..., words=...)``: the weekly picture, from a ``GroupWeek``
  (``bot.domain.weeks``);
- ``challenge_picture(grid, title=..., words=...)``: a challenge's end, from a
  ``ChallengeGrid`` (``bot.render.challenge``);
- ``Words``: every word they show, month and weekday names included (``ENGLISH`` is the
  English set).

The font is DejaVu Sans, bundled in ``fonts/`` with its licence.
"""

from bot.render.challenge import ChallengeGrid, GridRow, challenge_picture
from bot.render.heatmap import year_heatmap
from bot.render.week import week_picture
from bot.render.words import ENGLISH, Words

__all__ = [
    "ENGLISH",
    "ChallengeGrid",
    "GridRow",
    "Words",
    "challenge_picture",
    "week_picture",
    "year_heatmap",
]
