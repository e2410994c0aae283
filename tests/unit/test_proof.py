"""Which proof lets a check-in count (bot.domain.proof)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.domain.proof import Proof, ProofKind, ProofProblem, proof_problem
from bot.domain.streaks import Mark

ALICE, BOB = 1, 2
TODAY = date(2026, 3, 3)
ZONE = ZoneInfo("America/New_York")  # 04:00 UTC on the 3rd is still the 2nd there


def photo(sent_at: datetime, by: int | None = ALICE) -> Proof:
    return Proof(ProofKind.PHOTO, "AgADxyz", sent_at, by)


def problem(
    proof: Proof | None,
    *,
    required: bool = False,
    mark: Mark = Mark.DONE,
    day: date = TODAY,
) -> ProofProblem | None:
    return proof_problem(
        proof, required=required, mark=mark, person=ALICE, day=day, today=TODAY, zone=ZONE
    )


NOON = datetime(2026, 3, 3, 17, tzinfo=UTC)  # noon in New York


def test_without_proof_only_a_group_that_requires_it_refuses() -> None:
    assert problem(None) is None
    assert problem(None, required=True) is ProofProblem.NEEDED
    assert problem(None, required=True, mark=Mark.FAIL) is None


def test_your_own_media_from_today_counts() -> None:
    assert problem(photo(NOON)) is None
    assert problem(photo(NOON), required=True) is None


@pytest.mark.parametrize("sender", [BOB, None])
def test_someone_elses_media_proves_nothing(sender: int | None) -> None:
    assert problem(photo(NOON, by=sender)) is ProofProblem.NOT_YOURS


def test_media_from_another_day_proves_nothing() -> None:
    assert problem(photo(NOON - timedelta(days=1))) is ProofProblem.NOT_TODAY
    # 04:00 UTC on the 3rd is the evening of the 2nd in the member's zone.
    assert problem(photo(datetime(2026, 3, 3, 4, tzinfo=UTC))) is ProofProblem.NOT_TODAY


def test_a_late_check_in_takes_media_from_yesterday_or_today() -> None:
    yesterday = TODAY - timedelta(days=1)
    assert problem(photo(NOON - timedelta(days=1)), day=yesterday) is None
    assert problem(photo(NOON), day=yesterday) is None
    assert problem(photo(NOON - timedelta(days=2)), day=yesterday) is ProofProblem.NOT_TODAY
