"""Check-ins with proof: the media a check-in came with, and whether it may count.

A photo, video, voice note or document proves a check-in when its caption is the ``/done``
or when the ``/done`` replies to it. Either way the media must be the member's own and sent
on a day between the one the check-in is for and the member's today: a ``/done`` replying
to a photo from last week, or to someone else's, proves nothing. Telegram's
``file_unique_id`` names the media: the same photo sent again has the same one, and the
database lets it count once for a member.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.domain.calendar import local_date
from bot.domain.streaks import Mark

__all__ = ["Proof", "ProofKind", "ProofProblem", "proof_problem"]


class ProofKind(StrEnum):
    PHOTO = "photo"
    VIDEO = "video"
    VOICE = "voice"
    DOCUMENT = "document"


@dataclass(frozen=True, slots=True)
class Proof:
    """The media a check-in came with."""

    kind: ProofKind
    media_id: str  # Telegram's file_unique_id: the same for the same file, whoever sends it
    sent_at: datetime  # when the media's message was sent
    sent_by: int | None  # who sent it (None: sent on behalf of a chat)


class ProofProblem(StrEnum):
    """Why a check-in's proof (or its lack) keeps it from counting."""

    NEEDED = "needed"  # the group requires proof and the /done came with none
    NOT_YOURS = "not_yours"  # a /done replying to someone else's media
    NOT_TODAY = "not_today"  # a /done replying to media from another day
    USED = "used"  # the same media already counted for this member


def proof_problem(
    proof: Proof | None,
    *,
    required: bool,
    mark: Mark,
    person: int,
    day: date,
    today: date,
    zone: ZoneInfo,
) -> ProofProblem | None:
    """What keeps a check-in by ``person`` for ``day`` (made on their local ``today``)
    from counting, as far as its proof goes; None when nothing does. A ``/fail`` never
    needs proof: a miss shared is not a thing to prove."""
    if proof is None:
        return ProofProblem.NEEDED if required and mark is Mark.DONE else None
    if proof.sent_by != person:
        return ProofProblem.NOT_YOURS
    if not day <= local_date(proof.sent_at, zone) <= today:
        return ProofProblem.NOT_TODAY
    return None
