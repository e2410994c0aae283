"""/buddy: invitations and their buttons, a pair made, declined or ended, your buddy and the
pair's streak; the weekly pairing's post; the pair's lines in /streak, the recap and the
private reminder."""

from __future__ import annotations

from collections.abc import Sequence

from bot.i18n import gettext as _
from bot.i18n import ngettext
from bot.texts.format import LISTED_PEOPLE, days, isolate, listed, name, number, typed


def _named(names: Sequence[str]) -> str:
    return listed([name(n) for n in names])


def buddy_usage() -> str:
    return _(
        "Reply to someone's message with /buddy to invite them as your buddy, or send "
        "/buddy @<i>name</i>. /buddy alone shows yours, /buddy off ends it."
    )


def buddy_self() -> str:
    return _("You can't be your own buddy. Reply to someone else's message with /buddy.")


def buddy_bot() -> str:
    return _("Bots can't be buddies. Reply to a member's message with /buddy.")


def buddy_anonymous() -> str:
    return _("That message was sent as the group, so I can't tell whom to invite.")


def buddy_unknown(username: str) -> str:
    return _(
        "I don't know @{username} in this group yet. Reply to one of their messages with /buddy."
    ).format(username=typed(username[:64]))


def invitation(inviter: str, invitee: str) -> str:
    return _(
        "🤝 {inviter} asks {invitee} to be buddies: a streak of the days you both check in."
    ).format(inviter=name(inviter), invitee=name(invitee))


def accept_button() -> str:
    return _("🤝 Accept")


def decline_button() -> str:
    return _("No, thanks")


def paired(one: str, other: str) -> str:
    return _(
        "🤝 {one} and {other} are buddies now. Check in on the same days to keep your streak!"
    ).format(one=name(one), other=name(other))


def declined(inviter: str, invitee: str) -> str:
    return _("{invitee} declined {inviter}'s invitation.").format(
        invitee=name(invitee), inviter=name(inviter)
    )


def already_yours(buddies: Sequence[str]) -> str:
    return _("You already have a buddy here: {buddies}. /buddy off ends it first.").format(
        buddies=_named(buddies)
    )


def already_theirs(first_name: str, buddies: Sequence[str]) -> str:
    return _("{name} already has a buddy here: {buddies}.").format(
        name=name(first_name), buddies=_named(buddies)
    )


def ended(first_name: str, buddies: Sequence[str]) -> str:
    return _("{name} and {buddies} are no longer buddies.").format(
        name=name(first_name), buddies=_named(buddies)
    )


def no_buddy() -> str:
    return _("You have no buddy here yet. Reply to someone's message with /buddy to invite them.")


def buddy_card(buddies: Sequence[str], streak: int, by_bot: bool) -> str:
    lines = [
        _("🤝 Your buddy: {buddies}").format(buddies=_named(buddies)),
        pair_streak_line(streak),
    ]
    if by_bot:
        lines.append(_("The bot paired you for this week."))
    return "\n".join(lines)


def pair_streak_line(streak: int) -> str:
    """The pair's streak on its own line (/buddy, /streak)."""
    return _("🤝 Together: {days} in a row").format(days=days(streak))


def streak_buddy_line(buddies: Sequence[str], streak: int) -> str:
    """/streak's line about the member's buddy."""
    return _("🤝 With {buddies}: {days} in a row").format(
        buddies=_named(buddies), days=days(streak)
    )


# --- invitations' button answers (plain text, shown as a toast) ----------------------------


def not_your_invitation(invitee: str) -> str:
    """Someone else pressed an invitation's button (plain text: the name goes in as it is)."""
    # TRANSLATORS: {name} is the person invited, or "the person invited".
    said = _("Only {name} can answer this invitation.")
    return said.format(name=isolate(invitee) if invitee else _("the person invited"))


def invitation_gone() -> str:
    return _("This invitation is no longer valid.")


def invitation_answered() -> str:
    return _("Done.")


# --- the weekly pairing -------------------------------------------------------------------


def weekly_pairs(pairs: Sequence[Sequence[str]]) -> str:
    """The Monday post: this week's pairs, at most ``LISTED_PEOPLE`` lines."""
    lines = [_("🤝 <b>This week's buddies</b>")]
    lines += [f"• {_named(pair)}" for pair in pairs[:LISTED_PEOPLE]]
    if len(pairs) > LISTED_PEOPLE:
        lines.append(more_pairs(len(pairs) - LISTED_PEOPLE))
    lines.append(_("Check in on the same days as your buddy to keep your streak together."))
    return "\n".join(lines)


# --- the recap and the reminder -----------------------------------------------------------


# Pairs named on the recap's line (three names each at most): the others are counted.
RECAP_PAIRS = 10


def recap_lines(
    pairs: Sequence[tuple[Sequence[str], int]], waiting: Sequence[tuple[str, Sequence[str]]]
) -> list[str]:
    """The recap's lines about buddies: the pairs that kept their streak today (names,
    streak), then each member still to check in whose buddies did (their mention, the
    buddies' names), at most ``LISTED_PEOPLE`` of them."""
    lines = []
    if pairs:
        shown = [f"{_named(names)} ({number(streak)})" for names, streak in pairs[:RECAP_PAIRS]]
        lines.append(
            _("🤝 Buddies who kept their streak today: {pairs}").format(pairs=", ".join(shown))
        )
        if len(pairs) > RECAP_PAIRS:
            lines.append(more_pairs(len(pairs) - RECAP_PAIRS))
    lines += [
        f"⏳ {mention} · 🤝 {buddy_checked_in(buddies)}"
        for mention, buddies in waiting[:LISTED_PEOPLE]
    ]
    return lines


def more_pairs(count: int) -> str:
    return ngettext("…and {count} more pair", "…and {count} more pairs", count).format(
        count=number(count)
    )


def buddy_checked_in(buddies: Sequence[str]) -> str:
    """Beside a reminder or an at-risk mention: the buddies who checked in already."""
    return ngettext(
        "{buddies} has checked in already",
        "{buddies} have checked in already",
        len(buddies),
    ).format(buddies=_named(buddies))
