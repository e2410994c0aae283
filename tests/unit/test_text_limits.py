"""Every text, in every language, within Telegram's limits with the longest values it can get.

Names of 64 characters (emoji among them: two UTF-16 units each), goals and reasons of 200,
numbers up to 100,000, lists as long as the bot lets them be (a post names 30 people and
counts the others; an answer lists a whole group, and the courier sends it in as many
messages as it takes, cut at line ends: so no line may be longer than a message). Lengths
are counted as Telegram counts them (bot/outbox/split.py): after the HTML is parsed, in
UTF-16 units; the HTML itself, of each message sent, must be what Telegram accepts. Every
message of the catalogs is said on the way, so a new sentence can't miss this check.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields, replace
from datetime import date, time

import pytest

from bot import i18n, texts
from bot.actions.challenge_results import ChallengeEnded
from bot.actions.uow import GroupInfo
from bot.domain.board import TOP_ROWS as TOP
from bot.domain.board import BoardMode
from bot.domain.challenges import Results
from bot.domain.streaks import Rules
from bot.domain.weeks import BestWeek, GroupWeek, group_week
from bot.faketelegram.html_entities import parse_html, utf16_len
from bot.faketelegram.rules import MAX_CALLBACK_ANSWER
from bot.jobs.challenges import caption as challenge_caption
from bot.jobs.weekly import caption as weekly_caption
from bot.menus import ADMIN_COMMANDS, GROUP_COMMANDS, PRIVATE_COMMANDS
from bot.outbox.split import MAX_CAPTION, MAX_TEXT, fit_lines, telegram_length
from tests.unit.test_catalogs import _code_messages

NAME = "😀" * 32 + "&<Ж>" * 8  # 64 characters, 96 UTF-16 units, four to escape
GOAL = "🏃" * 100 + "<b>&" * 25  # 200 characters
TYPED = "x" * 4096  # anything a member may type after a command
BIG = 100_000
GROUP = 1_000  # members in a big group: far more than a message can list
ZONE = "America/Argentina/ComodRivadavia"  # the longest IANA name
SUGGESTIONS = 3  # bot.domain.calendar suggests at most three zones
LATE = time(23, 59)
FAR = date(2026, 9, 30)
EVERY_DAY = frozenset(range(7))
MAX_BUTTON = 64  # no limit is documented; a phone shows about this much
MAX_COMMAND_DESCRIPTION = 256
EMPTY_WEEK = group_week([], Rules(), FAR)

Texts = Callable[[], list[str]]


def _messages() -> list[str]:
    """Every message the bot sends, with the longest values each can hold."""
    everyone = [(NAME, BIG)] * GROUP
    return [
        texts.help.group_help() + "\n\n" + texts.app.help_line(),
        texts.help.group_help(for_admins=True) + "\n\n" + texts.app.help_line(),
        texts.help.private_help() + "\n\n" + texts.app.help_line(),
        texts.app.changed_in_app(NAME, texts.settings.setting_changed("x" * 40, "y" * 200)),
        texts.help.private_only_in_groups(),
        texts.help.anonymous_cannot(),
        texts.help.something_went_wrong(),
        texts.help.could_not_save(),
        texts.help.slow_down(NAME),
        texts.checkins.checked_in(NAME, BIG, BIG + 1),
        texts.checkins.checked_in(NAME, BIG, BIG),
        texts.checkins.already_today(NAME, BIG),
        texts.checkins.late_checked_in(NAME, BIG),
        texts.checkins.late_too_late(),
        texts.checkins.late_already(),
        # A check-in's reply with all the news it can carry.
        "\n".join(
            [
                texts.checkins.checked_in(NAME, BIG, BIG),
                texts.checkins.welcome_back(NAME, BIG, BIG),
                texts.posts.freezes_saved(NAME, 10, BIG),
                texts.checkins.streak_ended(NAME, BIG),
                texts.checkins.milestone(NAME, BIG),
                texts.checkins.new_best(NAME, BIG),
            ]
        ),
        texts.posts.freezes_saved(NAME, 1, BIG),
        # A whole group's check-ins merged, each with news to say in full.
        texts.checkins.merged_confirmations(
            [texts.checkins.short_confirmation(NAME, BIG, True)] * GROUP,
            [texts.checkins.milestone(NAME, BIG), texts.checkins.new_best(NAME, BIG)] * GROUP,
        ),
        texts.checkins.failed(NAME, True, BIG),
        texts.checkins.failed(NAME, False, BIG),
        texts.checkins.undone(NAME, BIG),
        texts.checkins.undo_nothing(),
        texts.goals.goal_set(NAME, GOAL),
        texts.goals.goal_show(NAME, GOAL),
        texts.goals.no_goal(),
        texts.goals.goal_reached(NAME, GOAL, 1),
        texts.goals.goal_reached(NAME, GOAL, BIG),
        texts.goals.no_goal_to_finish(),
        texts.goals.goal_too_long(len(TYPED)),
        texts.goals.goals_list([(NAME, GOAL, BIG)] * GROUP),
        texts.goals.goals_list([]),
        texts.streaks.streak_card(NAME, BIG, BIG, 10, _dots(), 30, 30, True, None),
        texts.streaks.streak_card(
            NAME, BIG, BIG, 10, _dots(), 30, 30, False, texts.format.short_date(FAR)
        ),
        texts.streaks.break_started(NAME, 365, texts.format.short_date(FAR), GOAL),
        texts.streaks.break_started(NAME, 1, texts.format.short_date(FAR), ""),
        texts.streaks.break_usage(365),
        texts.timezones.timezone_show(ZONE, texts.format.clock(LATE), True),
        texts.timezones.timezone_show(ZONE, texts.format.clock(LATE), False),
        texts.timezones.timezone_set(ZONE, texts.format.clock(LATE)),
        texts.timezones.timezone_unknown(TYPED, [ZONE] * SUGGESTIONS),
        texts.timezones.timezone_unknown(TYPED, []),
        texts.streaks.no_checkins_yet(NAME, False),
        texts.streaks.no_checkins_yet("", False),  # a name of nothing but what Telegram trims
        texts.streaks.no_checkins_yet(NAME, True),
        *_weekly_targets(),
        texts.settings.not_admin(),
        texts.settings.settings_usage(),
        *_settings_cards(),
        *_settings_changed(),
        *_bad_values(),
        texts.settings.unknown_setting(TYPED),
        texts.settings.topic_here(),
        texts.settings.topic_general(),
        texts.settings.topic_not_forum(),
        texts.settings.topic_not_in_topic(),
        texts.posts.welcome(),
        texts.posts.cue(BIG, BIG, BIG, [(NAME, 10, BIG)] * GROUP),
        texts.posts.cue(BIG, BIG, BIG, [(NAME, 10, BIG)] * (texts.format.LISTED_PEOPLE + 1)),
        texts.posts.cue(1, 1, 2, [(NAME, 1, BIG)]),
        texts.posts.cue(0, 0, 0, []),
        texts.posts.short_cue([]),
        texts.posts.short_cue([(NAME, 10, BIG)] * (texts.format.LISTED_PEOPLE + 1)),
        texts.posts.recap(
            everyone,
            [texts.checkins.milestone(NAME, BIG), texts.checkins.new_best(NAME, BIG)] * GROUP,
            [texts.format.mention(NAME, 10**15)] * GROUP,
        ),
        texts.posts.recap(everyone[:31], [texts.checkins.milestone(NAME, BIG)] * 31, ["x"] * 31),
        texts.posts.recap([], [], []),
        # A recap sent after its day ended names the day.
        texts.posts.recap(everyone, [], [], ended=date(2026, 12, 31)),
        texts.posts.recap([], [], [], ended=date(2026, 12, 31)),
        texts.reminders.remind_state(True),
        texts.reminders.remind_state(False),
        texts.help.unknown_command("/" + TYPED),
        texts.board.leaderboard(BIG, everyone[:TOP], everyone[:TOP]),
        texts.board.leaderboard(0, [], []),
        *_encouragement(),
        *_buddies(),
    ]


def _buddies() -> list[str]:
    """/buddy, the weekly pairing's post, the pair's lines in /streak, the recap and the
    private reminder, with three names to a pair."""
    three = [NAME] * 3
    waiting = [(texts.format.mention(NAME, 10**15), [NAME] * 2)] * GROUP
    buddy_line = f"🤝 {texts.buddies.buddy_checked_in([NAME] * 2)}"
    plan = texts.plans.plan_line(GOAL, GOAL)
    reminded: list[tuple[str, int, str | None]] = [
        (GOAL[:TITLE], BIG, f"{plan}\n  {buddy_line}")
    ] * GROUP
    return [
        texts.buddies.buddy_usage(),
        texts.buddies.buddy_self(),
        texts.buddies.buddy_bot(),
        texts.buddies.buddy_anonymous(),
        texts.buddies.buddy_unknown(TYPED),
        texts.buddies.invitation(NAME, NAME),
        texts.buddies.paired(NAME, NAME),
        texts.buddies.declined(NAME, NAME),
        texts.buddies.already_yours(three[:2]),
        texts.buddies.already_theirs(NAME, three[:2]),
        texts.buddies.ended(NAME, three[:2]),
        texts.buddies.no_buddy(),
        texts.buddies.buddy_card(three[:2], BIG, True),
        texts.buddies.buddy_card([NAME], 1, False),
        texts.buddies.streak_buddy_line(three[:2], BIG),
        texts.buddies.weekly_pairs([three] * GROUP),
        texts.buddies.weekly_pairs([three[:2]]),
        texts.posts.recap(
            [(NAME, BIG)] * GROUP,
            [],
            [texts.format.mention(NAME, 10**15)] * GROUP,
            buddies=texts.buddies.recap_lines([(three, BIG)] * GROUP, waiting),
        ),
        texts.posts.recap([], [], [], buddies=texts.buddies.recap_lines([(three[:2], 1)], [])),
        texts.reminders.reminder(reminded),
    ]


def _encouragement() -> list[str]:
    """/stats, /cheer, comebacks, private reminders, your data and the board's privacy."""
    # A person in many groups, each with a long title, all at risk on the same evening.
    plan = texts.plans.plan_line(GOAL, GOAL)
    groups: list[tuple[str, int, str | None]] = [(GOAL[:TITLE], BIG, plan)] * GROUP
    return [
        texts.stats.stats_usage(),
        texts.encouragement.cheer_usage(),
        texts.encouragement.cheer_self(),
        texts.encouragement.cheer_bot(),
        texts.encouragement.cheer_anonymous(),
        texts.encouragement.cheer_already(),
        texts.encouragement.cheering_on(NAME, NAME),
        # A /streak card with everything under it.
        "\n".join(
            [
                texts.streaks.streak_card(NAME, BIG, BIG, 10, _dots(), 30, 30, True, None),
                texts.encouragement.never_miss_twice(BIG, BIG),
                texts.encouragement.cheers_received(BIG),
            ]
        ),
        texts.encouragement.cheers_received(1),
        texts.encouragement.comeback(NAME, 1),
        texts.encouragement.comeback(NAME, BIG),
        texts.posts.recap(
            [(NAME, BIG)] * GROUP, texts.encouragement.comebacks_today([(NAME, BIG)] * GROUP), []
        ),
        texts.posts.recap([], texts.encouragement.comebacks_today([(NAME, 1)]), []),
        texts.reminders.reminder(groups),
        texts.reminders.reminder([("", 2, None)]),
        # /plan, with the longest plan.
        texts.plans.plan_set(NAME, GOAL, GOAL),
        texts.plans.plan_set(NAME, "", GOAL),
        texts.plans.plan_show(NAME, GOAL, GOAL),
        texts.plans.no_plan(),
        texts.plans.plan_removed(NAME),
        texts.plans.plan_too_long(len(TYPED), 200),
        "\n".join(texts.plans.cue_plans([(NAME, GOAL, GOAL)] * GROUP)),
        texts.checkins.failed(NAME, True, BIG) + "\n" + texts.plans.after_a_fail(),
        # Check-ins with proof refused.
        texts.proof.how_to_add_proof(),
        texts.proof.only_done_in_a_caption("/" + "x" * 32),
        texts.proof.not_your_proof(),
        texts.proof.proof_not_today(),
        texts.proof.proof_used(texts.format.day_and_month(FAR), True),
        texts.proof.proof_used(texts.format.day_and_month(FAR), False),
        texts.reminders.remind_usage_hour(),
        texts.reminders.remind_private(True, LATE, ZONE),
        texts.reminders.remind_private(False, LATE, ZONE),
        texts.reminders.remind_state(True)
        + "\n"
        + texts.reminders.remind_start_privately("https://t.me/" + "b" * 32),
        texts.reminders.remind_overview(BIG, BIG, LATE, ZONE),
        texts.reminders.remind_overview(1, 1, LATE, ZONE),
        texts.reminders.remind_overview(0, 0, LATE, ZONE),
        texts.reminders.remind_hour_set(LATE, ZONE),
        texts.reminders.remind_all(True, BIG),
        texts.reminders.remind_all(False, 1),
        texts.timezones.timezone_private_unset(ZONE, texts.format.clock(LATE)),
        texts.timezones.timezone_set(ZONE, texts.format.clock(LATE))
        + "\n"
        + texts.timezones.timezone_everywhere(BIG),
        texts.timezones.timezone_everywhere(1),
        texts.timezones.timezone_everywhere(0),
        texts.data.export_nothing(),
        texts.data.export_nothing_anywhere(),
        texts.data.forget_prompt(NAME, BIG),
        texts.data.forget_prompt(NAME, 1),
        texts.board.top_usage(),
        texts.board.board_hidden(),
        texts.board.board_shown(),
        "\n".join(
            [
                texts.board.leaderboard(BIG, [(NAME, BIG)] * TOP, [(NAME, BIG)] * TOP),
                texts.board.board_own_places((GROUP, BIG), (GROUP, BIG)),
                texts.board.board_you_are_hidden(),
            ]
        ),
        texts.board.board_own_places((GROUP, BIG), None),
        texts.board.board_own_places(None, (GROUP, BIG)),
        texts.board.board_off(BIG, BIG, BIG),
        *_challenges(),
        *_quests(),
    ]


def _quests() -> list[str]:
    """The weekly quest in the recap and the cue, a whole group in it."""
    everyone = [(NAME, BIG, GROUP)] * GROUP
    ended = [*texts.quests.ended(True, BIG, BIG, everyone), texts.quests.new_goal(BIG)]
    return [
        texts.posts.recap([(NAME, BIG)] * GROUP, [], [], more=[texts.quests.progress(BIG, BIG)]),
        texts.posts.cue(BIG, BIG, BIG, [], ended),
        "\n".join([*texts.quests.ended(False, 1, BIG, []), texts.quests.new_goal(1)]),
        texts.quests.progress(0, 5),
    ]


def _challenges() -> list[str]:
    """/challenge and the cue's line of a challenge, with the longest values."""
    rules = texts.challenges.rules(366, None, True, True)
    weekly = texts.challenges.rules(364, 6, False, False)
    lines = [texts.challenges.standing(NAME, 366, 366, False, True)] * GROUP
    lines += [texts.challenges.standing(NAME, 52, 52, True, False)]
    return [
        texts.challenges.started(NAME, FAR, FAR, rules),
        texts.challenges.started(NAME, FAR, FAR, weekly),
        texts.challenges.shown(NAME, texts.challenges.day_of(366, 366), rules, lines, True),
        texts.challenges.shown(NAME, texts.challenges.starts_on(FAR), rules, [], False),
        texts.challenges.no_challenge(),
        texts.challenges.not_admin(),
        texts.challenges.bad_length(),
        texts.challenges.no_title(),
        texts.challenges.title_too_long(64),
        texts.challenges.bad_target(),
        texts.challenges.bad_start(),
        texts.challenges.one_at_a_time(NAME),
        texts.challenges.stopped(NAME),
        texts.challenges.nothing_to_stop(),
        texts.challenges.joined(NAME, NAME, FAR),
        texts.challenges.join_closed(texts.challenges.title(NAME)),
        texts.challenges.already_in(texts.challenges.title(NAME)),
        texts.challenges.join_none(),
        texts.posts.cue(
            BIG, BIG, BIG, [], [texts.challenges.cue_line(NAME, 366, 366, [NAME] * GROUP)]
        ),
        texts.posts.short_cue([], [texts.challenges.cue_line(NAME, 1, 2, [])]),
    ]


# A group's title: Telegram allows up to 128 characters.
TITLE = 128


def _captions() -> list[str]:
    """Captions of the photos and documents the bot sends, longest values filled in."""
    title = GOAL[:TITLE]
    return [
        texts.stats.stats_caption(NAME, BIG, BIG, 30, 30, BIG),
        texts.stats.stats_caption(NAME, 1, 1, 1, 1, 0),
        texts.stats.stats_caption(NAME, BIG, BIG, 30, 30, BIG)
        + " · "
        + texts.quests.quests_done(BIG),
        texts.stats.group_stats_caption(title, BIG, BIG),
        texts.stats.group_stats_caption("", 1, 1),
        texts.data.export_caption(BIG),
        texts.data.export_caption(1),
        # The weekly picture's caption as the job cuts it, with a whole group beating its best.
        weekly_caption(_week(GROUP)),
        weekly_caption(_week(1)),
        weekly_caption(_week(0)),
        # A challenge's results as the job cuts them, a whole group completing it or closest.
        challenge_caption(_ended(GROUP, 0, None)),
        challenge_caption(_ended(0, GROUP, 6)),
        challenge_caption(_ended(1, 1, None)),
        challenge_caption(_ended(1, 1, 6)),
        challenge_caption(_ended(0, 0, None)),
        texts.stats.stats_caption(NAME, BIG, BIG, 30, 30, BIG)
        + "\n"
        + texts.targets.stats_weeks(BIG, BIG, 6, 6),
    ]


def _ended(completed: int, closest: int, weekly: int | None) -> ChallengeEnded:
    names = tuple([NAME] * completed)
    near = tuple([NAME] * closest)
    said = Results(names, near, BIG, BIG, BIG)
    group = GroupInfo(1, NAME, "en", None)
    return ChallengeEnded(1, 1, 1, group, NAME, weekly, FAR, FAR, [], said)


def _week(best: int) -> GroupWeek:
    beaten = tuple(BestWeek(NAME, 7, 6) for _ in range(best))
    return replace(EMPTY_WEEK, check_ins=BIG, best_weeks=beaten)


def _dots() -> str:
    return texts.streaks.dots(["done", "fail", "rest", "missed", "open", "open", "open"])


def _settings_cards() -> list[str]:
    common = {
        "zone": ZONE,
        "rest": texts.format.weekdays(EVERY_DAY),
        "freezes": texts.settings.freezes_rule(365, 10),
        "max_break": 365,
        "weekly": _weekly_value(),
    }
    return [
        texts.settings.settings_card(
            texts.format.clock(LATE),
            texts.format.clock(None),
            **common,  # type: ignore[arg-type]
            fail_counts=True,
            share=100,
            mentions=True,
            topic=True,
            board=mode,
            language=language,
            target=f"{texts.targets.target(6)} → {texts.targets.target(None)} (Mon, Sep 30)",
            week=texts.targets.weekday(6),
            plans=True,
            proof=True,
            buddies=True,
        )
        for language in i18n.LANGUAGES
        for mode in BoardMode
    ] + [
        texts.settings.settings_card(
            texts.format.clock(None),
            texts.format.clock(LATE),
            **common,  # type: ignore[arg-type]
            fail_counts=False,
            share=0,
            mentions=False,
            topic=False,
            board=BoardMode.OFF,
        )
    ]


def _weekly_value() -> str:
    """The weekly picture's day and time as /settings shows them."""
    return f"{texts.format.weekdays(frozenset({6}))} {texts.format.clock(LATE)}"


def _settings_changed() -> list[str]:
    return [
        texts.settings.setting_changed(texts.settings.setting_cue(), texts.format.clock(LATE)),
        texts.settings.setting_changed(texts.settings.setting_recap(), texts.format.clock(None)),
        texts.settings.setting_changed(texts.settings.setting_timezone(), ZONE),
        texts.settings.setting_changed(
            texts.settings.setting_rest(), texts.format.weekdays(EVERY_DAY)
        ),
        texts.settings.setting_changed(
            texts.settings.setting_rest(), texts.format.weekdays(frozenset())
        ),
        texts.settings.setting_changed(
            texts.settings.setting_freezes(), texts.settings.freezes_rule(365, 10)
        ),
        texts.settings.setting_changed(
            texts.settings.setting_freezes(), texts.settings.freezes_rule(0, 0)
        ),
        texts.settings.setting_changed(texts.settings.setting_break(), texts.format.days(365)),
        texts.settings.setting_changed(texts.settings.setting_plans(), texts.format.on_off(True)),
        texts.settings.setting_changed(texts.settings.setting_quest(), texts.format.on_off(True)),
        texts.settings.setting_changed(texts.settings.setting_proof(), texts.format.on_off(True)),
        texts.settings.setting_changed(
            texts.settings.setting_buddies(), texts.settings.buddies_mode(True)
        ),
        texts.settings.setting_changed(
            texts.settings.setting_buddies(), texts.settings.buddies_mode(False)
        ),
        texts.settings.setting_changed(texts.settings.setting_fail(), texts.format.on_off(True)),
        texts.settings.setting_changed(texts.settings.setting_share(), texts.format.percent(100)),
        texts.settings.setting_changed(
            texts.settings.setting_mentions(), texts.format.on_off(False)
        ),
        *(
            texts.settings.setting_changed(
                texts.settings.setting_board(), texts.board.board_mode(m)
            )
            for m in BoardMode
        ),
        texts.settings.setting_changed(texts.settings.setting_weekly(), _weekly_value()),
        *(
            texts.settings.setting_changed(
                texts.settings.setting_week(), texts.targets.weekday(day)
            )
            for day in range(7)
        ),
        texts.settings.target_from_next_week(texts.targets.target(6), texts.format.short_date(FAR)),
        texts.settings.target_from_next_week(
            texts.targets.target(None), texts.format.short_date(FAR)
        ),
        texts.settings.setting_changed(texts.settings.setting_weekly(), texts.format.on_off(False)),
        *(
            texts.settings.setting_changed(
                texts.settings.setting_language(), texts.settings.language_name(language)
            )
            for language in i18n.LANGUAGES
        ),
    ]


def _bad_values() -> list[str]:
    said = []
    for value in (TYPED, ""):
        said += [
            texts.settings.bad_time(value, "/settings recap 21:00"),
            texts.settings.bad_weekdays(value),
            texts.settings.bad_freezes(value),
            texts.settings.bad_break_limit(value),
            texts.settings.bad_switch(value, "/settings mentions on"),
            texts.settings.bad_share(value),
            texts.settings.bad_topic(value),
            texts.settings.bad_language(value),
            texts.settings.bad_board(value),
            texts.settings.bad_weekly(value),
            texts.settings.bad_target(value),
            texts.settings.bad_week(value),
            texts.settings.bad_buddies(value),
        ]
    return said


def _weekly_targets() -> list[str]:
    """/target, and a streak in weeks wherever it is told."""
    far = texts.format.short_date(FAR)
    return [
        texts.targets.target_shown(NAME, None, 6, 6),
        texts.targets.target_shown(NAME, 1, 1, 0),
        texts.targets.target_set(NAME, 6, FAR, None),
        texts.targets.target_set(NAME, None, FAR, 1),
        texts.targets.target_unchanged(NAME, 6),
        texts.targets.target_bad(),
        texts.targets.checked_in(NAME, 6, 6, BIG, True),
        texts.targets.checked_in(NAME, 1, 1, 0, False),
        texts.targets.already_today(NAME, 6, 6),
        texts.targets.late_checked_in(NAME, 6, 6, True, BIG),
        texts.targets.late_checked_in(NAME, 6, 6, False, BIG),
        texts.targets.failed(NAME, True, 6, 6),
        texts.targets.failed(NAME, False, 6, 6),
        texts.targets.milestone(NAME, BIG),
        texts.targets.new_best(NAME, BIG),
        texts.targets.streak_ended(NAME, BIG),
        texts.targets.freezes_saved(NAME, 1, BIG),
        texts.targets.freezes_saved(NAME, 2, BIG),
        texts.targets.welcome_back(NAME, BIG, BIG),
        texts.targets.weekly_board([(NAME, BIG, 6, 6)] * TOP),
        texts.targets.board_off(BIG, BIG, BIG, 6, 6),
        texts.targets.this_week([(NAME, 6, 6)] * GROUP),
        texts.targets.at_risk_this_week([NAME] * GROUP),
        texts.targets.undone(NAME, 6, 6),
        texts.reminders.reminder(
            [(GOAL, texts.targets.streak_and_progress(BIG, 6, 6), None)] * GROUP, weeks_only=True
        ),
        texts.streaks.streak_card(NAME, BIG, BIG, 2, _dots(), 30, 30, True, None, (5, 6)),
        texts.streaks.streak_card(NAME, 1, 1, 0, _dots(), 30, 30, False, far, (0, 1)),
        *(texts.targets.progress_last_week(n, 6) for n in (0, 1, 6)),
    ]


def _button_answers() -> list[str]:
    return [
        texts.targets.pressed(6, 6, already=True),
        texts.targets.pressed(1, 6, already=False),
        texts.posts.pressed_checked_in(BIG),
        texts.posts.pressed_already(BIG),
        texts.posts.pressed_anonymous(),
        texts.posts.pressed_not_member(),
        texts.help.slow_down_answer(),
        texts.posts.button_gone(),
        # Said to a button press when handling it failed (bot.handlers.errors).
        texts.help.something_went_wrong(),
        texts.help.could_not_save(),
        texts.reminders.reminder_group_gone(),
        # A name goes into a toast as it is (toasts are plain text): one without "<" and "&",
        # so that the check below is about the sentence having no markup.
        texts.data.forget_not_yours(NAME.replace("&<Ж>", "Жжжж")),
        texts.data.forget_not_yours(""),
        texts.data.forget_expired(),
        texts.data.forget_done(),
        texts.data.forget_nothing(),
        texts.plans.how_to_plan(),
        texts.challenges.join_toast(PLAIN_TITLE),
        texts.challenges.already_in(PLAIN_TITLE),
        texts.challenges.join_closed(PLAIN_TITLE),
        texts.challenges.join_none(),
        texts.proof.pressed_needs_proof(),
        texts.buddies.not_your_invitation(NAME.replace("&<Ж>", "Жжжж")),
        texts.buddies.not_your_invitation(""),
        texts.buddies.invitation_gone(),
        texts.buddies.invitation_answered(),
    ]


# A challenge's title goes into a toast as it is: 64 characters without "<" and "&".
PLAIN_TITLE = NAME.replace("&<Ж>", "Жжжж")


def _buttons() -> list[str]:
    return [
        texts.app.open_app(),
        texts.posts.cue_button(),
        texts.data.forget_button(),
        texts.plans.plan_button(),
        texts.challenges.join_button(),
        texts.buddies.accept_button(),
        texts.buddies.decline_button(),
        texts.reminders.reminder_button(GOAL),
        texts.reminders.reminder_button(""),
    ]


def _menu_descriptions() -> list[str]:
    commands = dict.fromkeys([*GROUP_COMMANDS, *ADMIN_COMMANDS, *PRIVATE_COMMANDS])
    return [texts.help.command_description(command) for command in commands]


def _picture_words() -> list[str]:
    words = texts.pictures.picture_words()
    said = [words.full_date(FAR), words.short_date(FAR), words.share(1.0), *words.months]
    said += [getattr(words, f.name) for f in fields(words) if f.type == "str"]
    return said


def _page_words() -> list[str]:
    """The Mini App's labels (a page's, not Telegram's: no limit but being said)."""
    return list(texts.app.words().values())


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_the_mini_apps_words_are_all_there(language: str) -> None:
    with i18n.speaking(language):
        assert all(word.strip() for word in _page_words())


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_every_message_fits_telegram(language: str) -> None:
    with i18n.speaking(language):
        for text in _messages():
            lines = text.split("\n")
            assert all(telegram_length(line) <= MAX_TEXT for line in lines), text[:200]
            for part in fit_lines(lines):  # what the courier sends
                _check(part, MAX_TEXT)
        for caption in _captions():  # never split
            _check(caption, MAX_CAPTION)


def _check(text: str, limit: int) -> None:
    visible, _entities = parse_html(text)  # fails as Telegram would on bad HTML
    assert 0 < utf16_len(visible) <= limit, text[:200]
    assert telegram_length(text) == utf16_len(visible)


def test_a_merged_confirmation_names_25_checkins_a_line_then_the_news() -> None:
    shorts = [texts.checkins.short_confirmation(f"P{n}", n, False) for n in range(26)]
    best = texts.checkins.new_best("P3", 3)
    lines = texts.checkins.merged_confirmations(shorts, [best]).split("\n")
    assert lines[0] == "✅ " + " · ".join(shorts[:25])
    assert lines[1] == f"✅ {shorts[25]}"
    assert lines[2:] == [best]


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_button_answers_fit_and_are_plain_text(language: str) -> None:
    with i18n.speaking(language):
        for answer in _button_answers():
            assert 0 < utf16_len(answer) <= MAX_CALLBACK_ANSWER, answer
            assert parse_html(answer) == (answer, []), answer


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_menus_buttons_and_pictures_have_words_that_fit(language: str) -> None:
    with i18n.speaking(language):
        for description in _menu_descriptions():
            assert 0 < len(description) <= MAX_COMMAND_DESCRIPTION, description
        assert all(0 < utf16_len(button) <= MAX_BUTTON for button in _buttons())
        assert all(word.strip() for word in _picture_words())


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_these_checks_say_every_message_of_the_catalogs(language: str) -> None:
    with i18n.speaking(language), i18n.recording() as said:
        _messages()
        _captions()
        _button_answers()
        _buttons()
        _menu_descriptions()
        _picture_words()
        _page_words()
    unsaid = {message for _context, message in _code_messages()} - said
    assert unsaid == set(), "add the new sentences to this module's lists"
