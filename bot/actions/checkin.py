"""Checking in: ``/done``, ``/fail``, ``/done yesterday``, the cue's ✅ and a private
reminder's ✅ all record an entry here, the same way, so whatever a check-in earns (a
milestone, a new best, a freeze that saved the streak, a return from a break, a comeback, a
streak that ended) is found alike on every path.

The member's kept streak states move with the entry in the same transaction, in the unit
of the entry's week (``target_streaks``: days, or weeks for a weekly target): a check-in on
or after their latest counted day steps them forward (O(1) of history); one before it (a
late check-in) replays their history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.actions.figures import standing_of
from bot.actions.places import GroupSeen, PersonSeen, Place, enter, group_info
from bot.actions.target_rules import targets_of, weekly_rules_of
from bot.actions.uow import GroupInfo, UnitOfWork
from bot.domain import announcements, streaks, target_streaks
from bot.domain.calendar import day_key, late_checkin_open, local_date, zone_in_force
from bot.domain.parsing import NOTE_MAX_CHARS, clipped
from bot.domain.proof import Proof, ProofProblem, proof_problem
from bot.domain.streaks import Advance, Mark, Rules
from bot.domain.target_streaks import MemberStreaks
from bot.domain.targets import DAILY, TargetChange, target_of_week, week_start
from bot.domain.weekly_streaks import WeeklyAdvance, WeeklyRules
from bot.store import breaks as breaks_store
from bot.store import checkins
from bot.store.chats import chat_by_row
from bot.store.members import (
    day_key_state_of,
    find_member,
    keep_day_key_state,
    keep_state,
    keep_weekly_state,
    refresh_member,
    save_kept_states,
    state_of,
    weekly_state_of,
)
from bot.store.models import Chat, Member


@dataclass(frozen=True, slots=True)
class CheckIn:
    """What the member checked in with."""

    mark: Mark
    note: str
    at: datetime  # when it was made (a message's date; a button press: when it came)
    source: str  # what makes its entry unique: a redelivered update is the same entry
    proof: Proof | None = None  # the media it came with (bot.domain.proof)

    @classmethod
    def message(
        cls,
        mark: Mark,
        note: str,
        group: GroupSeen,
        message_id: int,
        at: datetime,
        proof: Proof | None = None,
    ) -> CheckIn:
        """A check-in sent as a message (``/done``, ``/fail``, a captioned photo)."""
        return cls(
            mark,
            clipped(note, NOTE_MAX_CHARS),
            at,
            message_source(group.telegram_id, message_id),
            proof,
        )


def message_source(chat_id: int, message_id: int) -> str:
    """What makes a message's entry unique: a redelivered update is the same entry."""
    return f"m:{chat_id}:{message_id}"


@dataclass(frozen=True, slots=True)
class WeekTally:
    """A check-in's week, for a member with a weekly target: "2 of 3 this week"."""

    check_ins: int  # counted dates in the week, this one included
    target: int
    reached: bool  # this check-in made the week count
    this_week: bool  # the week is the member's current one (a late check-in's may be the last)


@dataclass(frozen=True, slots=True)
class CheckedIn:
    """A check-in recorded: the member's streak now (in days, or in weeks when ``week`` is
    given), and what it earned."""

    group: GroupInfo
    name: str  # the member's first name
    day: date
    mark: Mark
    late: bool  # a /done yesterday
    counted: bool  # it made the day count (False: already counted, or a fail that doesn't)
    current: int  # the streak now, in its unit
    best: int
    week: WeekTally | None  # None: a daily week
    milestone: int | None  # to announce now
    new_best: bool  # to announce now
    freezes_used: int  # freezes spent on the days missed before this one
    streak_broken: int  # the length of the run that ended in the gap before this day
    back_from_break: bool
    # Days missed since the member's previous counted day (``streaks.Advance.missed``: rest
    # days and breaks are not missed days); a freeze may have covered them.
    missed: int

    @property
    def comeback(self) -> bool:
        """The first counted day after a missed one (bot.domain.comebacks)."""
        return self.counted and self.missed > 0


class Refused(StrEnum):
    """Why nothing was recorded."""

    SEEN = "seen"  # the same update again: it was answered the first time
    TOO_LATE = "too_late"  # /done yesterday after the hour it is accepted until
    ALREADY = "already"  # /done yesterday when yesterday has an entry
    GROUP_GONE = "group_gone"  # a reminder's ✅ for a group the bot left, or one they left
    PROOF = "proof"  # its proof, or its lack, keeps it from counting (``NotRecorded.proof``)


@dataclass(frozen=True, slots=True)
class NotRecorded:
    reason: Refused
    group: GroupInfo | None = None
    streak: int = 0  # the member's streak as of today (a ✅ pressed again)
    week: tuple[int, int] | None = None  # and their week so far, in a weekly week
    proof: ProofProblem | None = None  # with Refused.PROOF: what is wrong with it
    counted_on: date | None = None  # with ProofProblem.USED: the day the media counted


async def check_in(
    uow: UnitOfWork, group: GroupSeen, person: PersonSeen, entry: CheckIn
) -> CheckedIn | NotRecorded:
    """``/done`` and ``/fail``: an entry for the day the message belongs to."""
    place = await enter(uow, group, person, checking_in=True)
    zone = place.zone(uow.default_zone)
    day = member_day(place.member, zone, entry.at)
    today = local_date(entry.at, zone)
    refused = _proof_refused(place, person, entry, day, today, zone)
    return refused or await _record(uow, place, day, entry, today=today)


async def check_in_yesterday(
    uow: UnitOfWork, group: GroupSeen, person: PersonSeen, entry: CheckIn
) -> CheckedIn | NotRecorded:
    """``/done yesterday``: accepted until the hour ``late_checkin_open`` says, if yesterday
    has no entry yet."""
    place = await enter(uow, group, person, checking_in=True)
    zone = place.zone(uow.default_zone)
    if not late_checkin_open(entry.at, zone):
        return NotRecorded(Refused.TOO_LATE, place.group)
    today = local_date(entry.at, zone)
    yesterday = today - timedelta(days=1)
    if await checkins.source_seen(session=uow.session, source=entry.source):
        return NotRecorded(Refused.SEEN, place.group)
    if await checkins.has_entry(session=uow.session, member_id=place.member.id, day=yesterday):
        return NotRecorded(Refused.ALREADY, place.group)
    refused = _proof_refused(place, person, entry, yesterday, today, zone)
    return refused or await _record(uow, place, yesterday, entry, today=today, late=True)


def _proof_refused(
    place: Place, person: PersonSeen, entry: CheckIn, day: date, today: date, zone: ZoneInfo
) -> NotRecorded | None:
    """The check-in refused for its proof or its lack (``bot.domain.proof``), if it is."""
    problem = proof_problem(
        entry.proof,
        required=place.chat.proof_required,
        mark=entry.mark,
        person=person.user_id,
        day=day,
        today=today,
        zone=zone,
    )
    return None if problem is None else NotRecorded(Refused.PROOF, place.group, proof=problem)


async def press_cue_button(
    uow: UnitOfWork, group: GroupSeen, person: PersonSeen, cue_message_id: int
) -> CheckedIn | NotRecorded:
    """The ✅ under the daily cue: the presser checks in, once per cue, day and presser."""
    place = await enter(uow, group, person, checking_in=True)
    return await _press(uow, place, f"b:{group.telegram_id}:{cue_message_id}:{person.user_id}")


async def press_reminder_button(
    uow: UnitOfWork, person: PersonSeen, group_row: int
) -> CheckedIn | NotRecorded:
    """A private reminder's ✅: the presser checks in, in the group it names (by its row id,
    which survives the group's upgrade to a supergroup), once per group, person and day."""
    chat = await chat_by_row(session=uow.session, row_id=group_row, share=True)
    member = (
        None
        if chat is None
        else await find_member(
            session=uow.session, chat_id=chat.id, user_id=person.user_id, lock=True
        )
    )
    if chat is None or member is None or not chat.active:
        return NotRecorded(Refused.GROUP_GONE, group_info(chat) if chat else None)
    refresh_member(member, first_name=person.first_name, username=person.username)
    return await _press(uow, Place(chat, member), f"r:{chat.id}:{person.user_id}")


async def _press(uow: UnitOfWork, place: Place, source: str) -> CheckedIn | NotRecorded:
    if place.chat.proof_required:  # a button carries no media
        return NotRecorded(Refused.PROOF, place.group, proof=ProofProblem.NEEDED)
    # A press has no date of its own: it belongs to the moment the bot receives it.
    zone = place.zone(uow.default_zone)
    day = member_day(place.member, zone, uow.now)
    entry = CheckIn(Mark.DONE, "", uow.now, f"{source}:{day.isoformat()}")
    recorded = await _record(uow, place, day, entry, today=day)
    if isinstance(recorded, NotRecorded):  # pressed again: this press's entry is there
        seen = await standing_of(uow, place.member, place.chat)
        return NotRecorded(Refused.SEEN, place.group, seen.standing.current, seen.week_so_far)
    return recorded


def member_day(member: Member, zone: ZoneInfo, moment: datetime) -> date:
    """The day a check-in made at ``moment`` belongs to (``bot.domain.calendar.day_key``)."""
    previous_zone, changed_at = _latest_change(member)
    return day_key(
        moment,
        zone,
        day_key_state_of(member),
        previous_zone=previous_zone,
        zone_changed_at=changed_at,
    )


def zone_made_in(member: Member, zone: ZoneInfo, moment: datetime) -> ZoneInfo:
    """The zone a check-in made at ``moment`` is made in: ``zone``, the member's now, or the
    one they left if the moment came before (``bot.domain.calendar.zone_in_force``)."""
    previous_zone, changed_at = _latest_change(member)
    return zone_in_force(moment, zone, previous_zone=previous_zone, zone_changed_at=changed_at)


def _latest_change(member: Member) -> tuple[ZoneInfo | None, datetime | None]:
    """The zone the member left at their latest change of zone, and when."""
    previous = ZoneInfo(member.previous_timezone) if member.previous_timezone else None
    return previous, member.timezone_changed_at


async def _record(
    uow: UnitOfWork,
    place: Place,
    day: date,
    entry: CheckIn,
    *,
    today: date,
    late: bool = False,
) -> CheckedIn | NotRecorded:
    """Record the entry for ``day``, made on the member's local ``today``."""
    session, member, rules = uow.session, place.member, place.rules
    weekly = weekly_rules_of(place.chat)
    targets = await targets_of(uow, member) if place.has_targets else []
    before = MemberStreaks(state_of(member), weekly_state_of(member))
    latest = _latest_counted(before)
    rewrote = latest is not None and day < latest
    # Whether the day already counted: on or after the latest counted day, the kept states
    # say it (that day is the latest counted one); before it, only the entries can.
    had_day = (
        await checkins.has_counting_entry(
            session=session, member_id=member.id, day=day, rules=rules
        )
        if rewrote
        else day == latest
    )
    added = await checkins.add_entry(
        session=session,
        member=member,
        day=day,
        mark=entry.mark,
        note=entry.note,
        at=entry.at,
        source=entry.source,
        proof=entry.proof.kind.value if entry.proof else None,
        proof_id=entry.proof.media_id if entry.proof else None,
    )
    if not added:
        return await _not_added(uow, place, entry)
    if rewrote:
        after, step = await _replayed(uow, member, day, entry.mark, targets, rules, weekly, had_day)
    else:
        after, step = await _stepped(uow, member, before, day, entry.mark, targets, rules, weekly)
    kept = day_key_state_of(member)
    if late:
        day_keys = kept.after_late_check_in(day)
    else:
        zone = zone_made_in(member, place.zone(uow.default_zone), entry.at)
        day_keys = kept.after_check_in(entry.at, day, zone)
    if rewrote:
        keep_day_key_state(member, day_keys)  # flushed with the replayed state
    else:
        await save_kept_states(
            session=session, member=member, state=after.daily, weekly=after.weekly, day_key=day_keys
        )
    if streaks.counts(entry.mark, rules) and not had_day:
        await checkins.count_group_day(session=session, chat_id=member.chat_id, day=day, delta=1)
    back = await _back_from_break(uow, member, day)
    milestone, new_best = await _news(uow, member, step, before, rewrote, today)
    current, best = step.state.current, step.state.best
    return CheckedIn(
        group=place.group,
        name=member.first_name,
        day=day,
        mark=entry.mark,
        late=late,
        counted=step.counted,
        current=current,
        best=best,
        week=_tally(step, day, today, weekly.first_weekday),
        milestone=milestone,
        new_best=new_best,
        freezes_used=step.freezes_used,
        streak_broken=step.streak_broken,
        back_from_break=back,
        # Comebacks are told in days: a run of weeks has its freezes and its ended streak.
        missed=step.missed if step.counted and isinstance(step, Advance) else 0,
    )


def _latest_counted(kept: MemberStreaks) -> date | None:
    """The member's latest counted day, in either unit."""
    days = [d for d in (kept.daily.last_day, kept.weekly.last_day) if d is not None]
    return max(days, default=None)


def _tally(
    step: Advance | WeeklyAdvance, day: date, today: date, first_weekday: int
) -> WeekTally | None:
    if not isinstance(step, WeeklyAdvance) or step.target is None:
        return None
    same = week_start(day, first_weekday) == week_start(today, first_weekday)
    return WeekTally(step.check_ins, step.target, step.week_counted, same)


Step = Advance | WeeklyAdvance


async def _not_added(uow: UnitOfWork, place: Place, entry: CheckIn) -> NotRecorded:
    """Why an entry was not added: the same update again, or the same media again."""
    if entry.proof is not None:
        counted_on = await checkins.proof_counted_on(
            session=uow.session,
            member_id=place.member.id,
            proof_id=entry.proof.media_id,
            source=entry.source,
        )
        if counted_on is not None:
            return NotRecorded(
                Refused.PROOF, place.group, proof=ProofProblem.USED, counted_on=counted_on
            )
    return NotRecorded(Refused.SEEN, place.group)


async def _stepped(
    uow: UnitOfWork,
    member: Member,
    before: MemberStreaks,
    day: date,
    mark: Mark,
    targets: list[TargetChange],
    rules: Rules,
    weekly: WeeklyRules,
) -> tuple[MemberStreaks, Step]:
    """The states moved forward by ``day``; only the breaks in the gap before it (and, in a
    weekly week, up to its end) are read."""
    since = _gap_start(before, day, targets, weekly)
    breaks = (
        await breaks_store.breaks_between(
            session=uow.session, member_id=member.id, start=since, end=day + _WEEK
        )
        if since is not None
        else []
    )
    return target_streaks.advance(before, day, mark, breaks, targets, rules, weekly)


_WEEK = timedelta(days=7)


def _gap_start(
    before: MemberStreaks, day: date, targets: list[TargetChange], weekly: WeeklyRules
) -> date | None:
    """From when the breaks matter to a check-in on ``day`` (None: none do)."""
    week = week_start(day, weekly.first_weekday)
    if target_of_week(targets, week) is not DAILY:
        return before.weekly.last_week or week
    last = before.daily.last_day
    return last if last is not None and (day - last).days > 1 else None


async def _replayed(
    uow: UnitOfWork,
    member: Member,
    day: date,
    mark: Mark,
    targets: list[TargetChange],
    rules: Rules,
    weekly: WeeklyRules,
    had_day: bool,
) -> tuple[MemberStreaks, Step]:
    """The states replayed from the member's whole history (a day before the latest one)."""
    after, days = await _replay(uow, member, rules, targets, weekly)
    counted = streaks.counts(mark, rules) and not had_day
    week = week_start(day, weekly.first_weekday)
    target = target_of_week(targets, week)
    if target is DAILY:
        return after, Advance(after.daily, counted, 0, 0, None, False)
    dates = sum(
        1
        for d, m in days.items()
        if week_start(d, weekly.first_weekday) == week and streaks.counts(m, rules)
    )
    reached = counted and dates == target
    return after, WeeklyAdvance(after.weekly, counted, reached, dates, target, 0, 0, None, False)


async def replay_member(
    uow: UnitOfWork, member: Member, chat_rules: Rules, chat: Chat
) -> MemberStreaks:
    """Rebuild the member's kept streak states and latest day from their whole history (rare:
    a late check-in, an undo). The rest of the day-key state is not a function of the history
    (a late entry looks like any other): the caller keeps it."""
    targets = await targets_of(uow, member)
    after, _ = await _replay(uow, member, chat_rules, targets, weekly_rules_of(chat))
    return after


async def _replay(
    uow: UnitOfWork,
    member: Member,
    rules: Rules,
    targets: list[TargetChange],
    weekly: WeeklyRules,
) -> tuple[MemberStreaks, dict[date, Mark]]:
    days = await checkins.history(session=uow.session, member_id=member.id)
    member_breaks = await breaks_store.member_breaks(session=uow.session, member_id=member.id)
    after = target_streaks.replay(days, member_breaks, targets, rules, weekly)
    keep_state(member, after.daily)
    keep_weekly_state(member, after.weekly)
    member.last_entry_day = max(days) if days else None
    return after, days


async def _back_from_break(uow: UnitOfWork, member: Member, day: date) -> bool:
    """A check-in on ``day`` is the member's return from a break they are on: the break ends
    (it covers only the days before). Without one, nothing is read."""
    if member.away_since is None or member.away_since > day:
        return False
    member.away_since = None
    row = await breaks_store.latest_unwelcomed_break(
        session=uow.session, member_id=member.id, day=day
    )
    if row is None:
        return False
    row.returned_on = day
    row.end_day = min(row.end_day, day - timedelta(days=1))
    return True


async def _news(
    uow: UnitOfWork,
    member: Member,
    step: Step,
    before: MemberStreaks,
    rewrote: bool,
    today: date,
) -> tuple[int | None, bool]:
    """The milestone and the new best to announce now, each once per run (the database's
    unique key decides). Announcements are dated ``today``, the day they are told, so the
    evening recap repeats them. Weeks have kinds of their own: a run of weeks and a run of
    days are different runs."""
    if isinstance(step, WeeklyAdvance):
        reached = announcements.weekly_milestones_to_claim(step, rewrote)
        passes = announcements.passes_weekly_best(step, before.weekly, rewrote)
        kinds = announcements.WEEK_MILESTONE, announcements.WEEK_BEST
    else:
        reached = announcements.milestones_to_claim(step, rewrote)
        passes = announcements.passes_best(step, before.daily, rewrote)
        kinds = announcements.MILESTONE, announcements.BEST
    run_start = step.state.run_start
    claimed = await checkins.claim_announcements(
        session=uow.session,
        member=member,
        run_start=run_start,
        kind=kinds[0],
        values=reached,
        day=today,
    )
    milestone = max(claimed, default=None)
    new_best = passes and bool(
        await checkins.claim_announcements(
            session=uow.session,
            member=member,
            run_start=run_start,
            kind=kinds[1],
            values=[step.state.current],
            day=today,
        )
    )
    return milestone, new_best
