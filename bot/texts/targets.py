"""Weekly targets: /target and its answers, and a streak in weeks as check-ins, views and
posts tell it ("2 of 3 this week", "a 4-week streak")."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from babel.dates import get_day_names

from bot import i18n
from bot.i18n import gettext as _
from bot.i18n import ngettext
from bot.texts.format import days, listed, name, number, short_date


def weeks(n: int) -> str:
    """A number of weeks on its own ("Streak: 4 weeks")."""
    return ngettext("{n} week", "{n} weeks", n).format(n=number(n))


def per_week(count: int) -> str:
    """A weekly target on its own: "3 times a week"."""
    return ngettext("{count} time a week", "{count} times a week", count).format(
        count=number(count)
    )


def target(per: int | None) -> str:
    """A target, daily or weekly, on its own."""
    return per_week(per) if per is not None else _("every day")


def weekday(day: int) -> str:
    """A weekday (0 = Monday) by its full name."""
    return str(get_day_names("wide", locale=i18n.locale())[day])


def progress(check_ins: int, per: int) -> str:
    """This week so far: "2 of 3 this week"."""
    # TRANSLATORS: a weekly target's progress: {count} check-ins of the {target} aimed at.
    return ngettext("{count} of {target} this week", "{count} of {target} this week", per).format(
        count=number(check_ins), target=number(per)
    )


def progress_last_week(check_ins: int, per: int) -> str:
    """Last week's tally, for a late check-in that filled its last day: "3 of 3 last week"."""
    return ngettext("{count} of {target} last week", "{count} of {target} last week", per).format(
        count=number(check_ins), target=number(per)
    )


# -- /target ------------------------------------------------------------------------------


def target_shown(first_name: str, now: int | None, next_week: int | None, week_starts: int) -> str:
    """``/target`` alone: the member's target, and the one coming next week if it differs."""
    text = _("🎯 {name}'s target: {target}. Weeks start on {weekday}.").format(
        name=name(first_name), target=target(now), weekday=weekday(week_starts)
    )
    if next_week != now:
        text += "\n" + _("From next week: {target}.").format(target=target(next_week))
    return text + "\n" + _("Change it with /target 3 (1 to 6 a week) or /target daily.")


def target_set(first_name: str, per: int | None, starts: date, this_week: int | None) -> str:
    """A new target, in force from the next week; this week keeps the old one."""
    return _("🎯 {name}, your target is {target} from {date}. This week keeps {current}.").format(
        name=name(first_name),
        target=target(per),
        date=short_date(starts),
        current=target(this_week),
    )


def target_unchanged(first_name: str, per: int | None) -> str:
    return _("🎯 {name}, your target already is {target}.").format(
        name=name(first_name), target=target(per)
    )


def target_bad() -> str:
    return _("Send /target with a number from 1 to 6 (check-ins a week), or /target daily.")


# -- check-ins in a weekly week -----------------------------------------------------------


def checked_in(first_name: str, check_ins: int, per: int, streak: int, reached: bool) -> str:
    """A check-in in a weekly week: where the week stands, and the streak in weeks."""
    if reached:
        # TRANSLATORS: {progress} is "3 of 3 this week"; {weeks} the weekly streak, "4 weeks".
        text = _("🔥 {name}: {progress}, the week counts! Streak: {weeks}.")
    else:
        # TRANSLATORS: {progress} is "2 of 3 this week"; {weeks} the weekly streak, "4 weeks".
        text = _("✅ {name}: {progress}. Streak: {weeks}.")
    return text.format(
        name=name(first_name), progress=progress(check_ins, per), weeks=weeks(streak)
    )


def already_today(first_name: str, check_ins: int, per: int) -> str:
    return _("✅ Noted, {name}. Today already counts: {progress}.").format(
        name=name(first_name), progress=progress(check_ins, per)
    )


def late_checked_in(first_name: str, check_ins: int, per: int, same_week: bool, streak: int) -> str:
    tally = progress(check_ins, per) if same_week else progress_last_week(check_ins, per)
    return _("✅ Yesterday counted, {name}: {progress}. Streak: {weeks}.").format(
        name=name(first_name), progress=tally, weeks=weeks(streak)
    )


def failed(first_name: str, counts: bool, check_ins: int, per: int) -> str:
    if counts:
        text = _(
            "💙 Thanks for sharing, {name}. Showing up honestly matters. It counts: {progress}.\n"
            "Everyone: a word of encouragement for {name}?"
        )
    else:
        text = _(
            "💙 Thanks for sharing, {name}. Showing up honestly matters.\n"
            "Everyone: a word of encouragement for {name}?"
        )
    return text.format(name=name(first_name), progress=progress(check_ins, per))


def undone(first_name: str, check_ins: int, per: int) -> str:
    return _("↩️ Removed your latest check-in today, {name}: {progress}.").format(
        name=name(first_name), progress=progress(check_ins, per)
    )


def short_confirmation(first_name: str, check_ins: int, per: int, failed: bool) -> str:
    """A weekly check-in in a merged confirmation: "Ann 2/3"."""
    return f"{name(first_name)} {number(check_ins)}/{number(per)}" + (" 💙" if failed else "")


def milestone(first_name: str, reached: int) -> str:
    return ngettext(
        "🎉 {name} reached a {count}-week streak!",
        "🎉 {name} reached a {count}-week streak!",
        reached,
    ).format(name=name(first_name), count=number(reached))


def new_best(first_name: str, streak: int) -> str:
    return _("🏆 New personal best for {name}: {weeks}!").format(
        name=name(first_name), weeks=weeks(streak)
    )


def streak_ended(first_name: str, previous: int) -> str:
    # TRANSLATORS: said to the group; {count} is the length in weeks of the streak that ended.
    return ngettext(
        "{name}'s {count}-week streak ended, and a new one starts this week. 💪",
        "{name}'s {count}-week streak ended, and a new one starts this week. 💪",
        previous,
    ).format(name=name(first_name), count=number(previous))


def freezes_saved(first_name: str, count: int, streak: int) -> str:
    """Freezes (``count``) covered a member's missed weeks and kept their ``streak`` going."""
    return ngettext(
        "🧊 a freeze saved {name}'s {streak}-week streak.",
        "🧊 {count} freezes saved {name}'s {streak}-week streak.",
        count,
    ).format(name=name(first_name), count=number(count), streak=number(streak))


def welcome_back(first_name: str, streak: int, best: int) -> str:
    return _("👋 Welcome back, {name}! Streak: {weeks}, best: {best}.").format(
        name=name(first_name), weeks=weeks(streak), best=weeks(best)
    )


def pressed(check_ins: int, per: int, already: bool) -> str:
    """The answer to a ✅ press in a weekly week."""
    if already:
        return _("Already checked in today ✅ {progress}.").format(
            progress=progress(check_ins, per)
        )
    return _("✅ Checked in! {progress}.").format(progress=progress(check_ins, per))


def streak_and_progress(streak: int, check_ins: int, per: int) -> str:
    """A weekly streak with this week's progress: "4 weeks · 1 of 3 this week"."""
    return f"{weeks(streak)} · {progress(check_ins, per)}"


def at_risk_this_week(people: Sequence[str]) -> str:
    """The cue's and recap's line of members whose week needs every day left, today first."""
    return _("⏳ Every day left counts this week for: {people}. /done keeps your streak!").format(
        people=listed([name(person) for person in people])
    )


def this_week(members: Sequence[tuple[str, int, int]]) -> str:
    """The cue's line of the weekly members' weeks so far (name, check-ins, target)."""
    shown = [f"{name(n)} {number(c)}/{number(t)}" for n, c, t in members]
    return _("🎯 This week: {people}").format(people=listed(shown))


def weekly_board(rows: Sequence[tuple[str, int, int, int]]) -> str:
    """/top's list of weekly streaks: name, weeks, this week's check-ins and target."""
    lines = ["\n" + _("<b>Weekly streaks</b>")]
    lines += [
        f"{i}. {name(n)}: {weeks(w)} ({number(c)}/{number(t)})"
        for i, (n, w, c, t) in enumerate(rows, 1)
    ]
    return "\n".join(lines)


def board_off(group_streak: int, current: int, best: int, check_ins: int, per: int) -> str:
    """/top in a group that shows no leaderboard, for a member with a weekly target."""
    return "\n".join(
        [
            _("🔥 Group streak: {days}").format(days=days(group_streak)),
            # TRANSLATORS: the member's own weekly streak, best and week so far, e.g.
            # "You: 4 weeks · best 6 weeks · 2 of 3 this week".
            _("You: {weeks} · best {best} · {progress}").format(
                weeks=weeks(current), best=weeks(best), progress=progress(check_ins, per)
            ),
            _("(This group shows no leaderboard.)"),
        ]
    )


def stats_weeks(streak: int, best: int, check_ins: int, per: int) -> str:
    """/stats' line for a member with a weekly target: "🎯 4 weeks, best 6 · 2 of 3 this week"."""
    return _("🎯 Weekly: {weeks} now, best {best} · {progress}").format(
        weeks=weeks(streak), best=weeks(best), progress=progress(check_ins, per)
    )
