"""The bot's inline buttons and what their presses carry (callback data)."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import texts

CHECKIN_BUTTON_DATA = "checkin"
# A private reminder's ✅ for one group: "rc:<the group's row id>" (a row id survives the
# group's upgrade to a supergroup; a Telegram chat id does not).
REMINDER_CHECKIN_PREFIX = "rc:"
# /forgetme's confirmation: "forget:<user id>:<unix time asked>".
FORGET_PREFIX = "forget:"
# Under a challenge: join it; "ch:<the challenge's id>" (a button of an older one joins
# nothing).
CHALLENGE_JOIN_PREFIX = "ch:"
# Under a /fail's answer: how to make a plan.
PLAN_HOW_DATA = "plan:how"
# A /buddy invitation's answers: "bd:<inviter's user id>:<invitee's user id>:y" (or ":n").
BUDDY_PREFIX = "bd:"


def checkin_keyboard() -> InlineKeyboardMarkup:
    """The ✅ under the daily cue: one tap checks the presser in."""
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(texts.posts.cue_button(), callback_data=CHECKIN_BUTTON_DATA)]]
    )


def reminder_keyboard(groups: Sequence[tuple[int, str]]) -> InlineKeyboardMarkup:
    """A ✅ per group (row id, title) under a private reminder."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    texts.reminders.reminder_button(title),
                    callback_data=f"{REMINDER_CHECKIN_PREFIX}{row}",
                )
            ]
            for row, title in groups
        ]
    )


# Ids in callback data are at most what a database's BIGINT holds: anything larger is forged.
_MAX_ID = 2**63 - 1


def _id(text: str) -> int | None:
    """A whole number a button's data may carry; None for anything else (forged)."""
    if not (text.isascii() and text.isdigit()) or len(text) > 19:
        return None
    value = int(text)
    return value if value <= _MAX_ID else None


def reminder_group(data: str) -> int | None:
    """The group row id a reminder's ✅ names; None if the data is not one."""
    return _id(data.removeprefix(REMINDER_CHECKIN_PREFIX))


def forget_keyboard(user_id: int, asked_at: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    texts.data.forget_button(), callback_data=f"{FORGET_PREFIX}{user_id}:{asked_at}"
                )
            ]
        ]
    )


def forget_request(data: str) -> tuple[int, int] | None:
    """(user id, unix time asked) of a /forgetme confirmation; None if malformed."""
    parts = [_id(part) for part in data.removeprefix(FORGET_PREFIX).split(":")]
    if len(parts) != 2 or parts[0] is None or parts[1] is None:
        return None
    return parts[0], parts[1]


def plan_keyboard() -> InlineKeyboardMarkup:
    """Under a /fail's answer: a button that says how to make a plan."""
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(texts.plans.plan_button(), callback_data=PLAN_HOW_DATA)]]
    )


def challenge_keyboard(challenge_id: int) -> InlineKeyboardMarkup:
    """Under a challenge: the button that joins it."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    texts.challenges.join_button(),
                    callback_data=f"{CHALLENGE_JOIN_PREFIX}{challenge_id}",
                )
            ]
        ]
    )


def joined_challenge(data: str) -> int | None:
    """The challenge a join button names; None if the data is not one."""
    return _id(data.removeprefix(CHALLENGE_JOIN_PREFIX))


def buddy_keyboard(inviter_id: int, invitee_id: int) -> InlineKeyboardMarkup:
    """Accept or decline a /buddy invitation (only the invited person's press counts)."""
    data = f"{BUDDY_PREFIX}{inviter_id}:{invitee_id}:"
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(texts.buddies.accept_button(), callback_data=f"{data}y"),
                InlineKeyboardButton(texts.buddies.decline_button(), callback_data=f"{data}n"),
            ]
        ]
    )


def buddy_answer(data: str) -> tuple[int, int, bool] | None:
    """(inviter, invitee, accepted) of an invitation's button; None if malformed."""
    parts = data.removeprefix(BUDDY_PREFIX).split(":")
    if len(parts) != 3 or parts[2] not in ("y", "n"):
        return None
    inviter, invitee = _id(parts[0]), _id(parts[1])
    if inviter is None or invitee is None:
        return None
    return inviter, invitee, parts[2] == "y"
