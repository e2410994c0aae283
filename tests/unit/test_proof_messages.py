"""Which media a /done comes with, as Telegram's messages show it (bot.handlers.proof)."""

from __future__ import annotations

from datetime import UTC, datetime

from telegram import Chat, Message, MessageOriginUser, PhotoSize, User, Voice

from bot.domain.proof import Proof, ProofKind
from bot.handlers.proof import proof_of

AT = datetime(2026, 3, 3, 12, tzinfo=UTC)
GROUP = Chat(-100, Chat.SUPERGROUP)
ALICE = User(1, "Alice", is_bot=False)
BOB = User(2, "Bob", is_bot=False)
BOT = User(3, "Habitloop", is_bot=True)
SIZES = (PhotoSize("small", "AgAD-small", 90, 60), PhotoSize("large", "AgAD-large", 800, 600))


def message(sender: User, **fields: object) -> Message:
    return Message(1, AT, GROUP, from_user=sender, **fields)  # type: ignore[arg-type]


def test_the_media_in_the_message_itself() -> None:
    sent = message(ALICE, photo=SIZES, caption="/done")
    assert proof_of(sent) == Proof(ProofKind.PHOTO, "AgAD-large", AT, ALICE.id)
    voice = message(ALICE, voice=Voice("v", "AgAD-voice", 3), caption="/done")
    assert proof_of(voice) == Proof(ProofKind.VOICE, "AgAD-voice", AT, ALICE.id)


def test_the_media_replied_to() -> None:
    bobs = message(BOB, photo=SIZES)
    assert proof_of(message(ALICE, text="/done", reply_to_message=bobs)) == Proof(
        ProofKind.PHOTO, "AgAD-large", AT, BOB.id
    )
    assert proof_of(message(ALICE, text="/done", reply_to_message=message(ALICE))) is None
    assert proof_of(message(ALICE, text="/done")) is None


def test_a_bots_picture_is_no_proof_and_a_forward_is_no_ones() -> None:
    stats = message(BOT, photo=SIZES)
    assert proof_of(message(ALICE, text="/done", reply_to_message=stats)) is None
    forwarded = message(ALICE, photo=SIZES, forward_origin=MessageOriginUser(AT, BOB))
    found = proof_of(message(ALICE, text="/done", reply_to_message=forwarded))
    assert found is not None
    assert found.sent_by is None
