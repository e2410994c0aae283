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
from bot.domain.board import TOP_ROWS as TOP
from bot.domain.board import BoardMode
from bot.domain.streaks import Rules
from bot.domain.weeks import BestWeek, GroupWeek, group_week
from bot.jobs.weekly import caption as weekly_caption
from bot.menus import ADMIN_COMMANDS, GROUP_COMMANDS, PRIVATE_COMMANDS
from bot.outbox.split import MAX_CAPTION, MAX_TEXT, fit_lines, telegram_length
from bot.sandbox.html_entities import parse_html, utf16_len
from bot.sandbox.rules import MAX_CALLBACK_ANSWER
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
        texts.GROUP_HELP,
        texts.PRIVATE_HELP,
        texts.PRIVATE_ONLY_IN_GROUPS,
        texts.ANONYMOUS_CANNOT,
        texts.SOMETHING_WENT_WRONG,
        texts.COULD_NOT_SAVE,
        texts.slow_down(NAME),
        texts.checked_in(NAME, BIG, BIG + 1),
        texts.checked_in(NAME, BIG, BIG),
        texts.already_today(NAME, BIG),
        texts.late_checked_in(NAME, BIG),
        texts.LATE_TOO_LATE,
        texts.LATE_ALREADY,
        # A check-in's reply with all the news it can carry.
        "\n".join(
            [
                texts.checked_in(NAME, BIG, BIG),
                texts.welcome_back(NAME, BIG, BIG),
                texts.freezes_saved(10, BIG),
                texts.streak_lost(BIG),
                texts.milestone(NAME, BIG),
                texts.new_best(NAME, BIG),
            ]
        ),
        texts.freezes_saved(1, BIG),
        # A whole group's check-ins merged, each with news to say in full.
        texts.merged_confirmations(
            [texts.short_confirmation(NAME, BIG, True)] * GROUP,
            [texts.milestone(NAME, BIG), texts.new_best(NAME, BIG)] * GROUP,
        ),
        texts.failed(NAME, True, BIG),
        texts.failed(NAME, False, BIG),
        texts.undone(NAME, BIG),
        texts.UNDO_NOTHING,
        texts.goal_set(NAME, GOAL),
        texts.goal_show(NAME, GOAL),
        texts.NO_GOAL,
        texts.goal_reached(NAME, GOAL, 1),
        texts.goal_reached(NAME, GOAL, BIG),
        texts.NO_GOAL_TO_FINISH,
        texts.goal_too_long(len(TYPED)),
        texts.goals_list([(NAME, GOAL, BIG)] * GROUP),
        texts.goals_list([]),
        texts.streak_card(NAME, BIG, BIG, 10, _dots(), 30, 30, True, None),
        texts.streak_card(NAME, BIG, BIG, 10, _dots(), 30, 30, False, texts.short_date(FAR)),
        texts.break_started(NAME, 365, texts.short_date(FAR), GOAL),
        texts.break_started(NAME, 1, texts.short_date(FAR), ""),
        texts.break_usage(365),
        texts.timezone_show(ZONE, texts.clock(LATE), True),
        texts.timezone_show(ZONE, texts.clock(LATE), False),
        texts.timezone_set(ZONE, texts.clock(LATE)),
        texts.timezone_unknown(TYPED, [ZONE] * SUGGESTIONS),
        texts.timezone_unknown(TYPED, []),
        texts.no_checkins_yet(NAME, False),
        texts.no_checkins_yet("", False),  # a name of nothing but what Telegram trims
        texts.no_checkins_yet(NAME, True),
        texts.NOT_ADMIN,
        texts.SETTINGS_USAGE,
        *_settings_cards(),
        *_settings_changed(),
        *_bad_values(),
        texts.unknown_setting(TYPED),
        texts.TOPIC_HERE,
        texts.TOPIC_GENERAL,
        texts.TOPIC_NOT_FORUM,
        texts.TOPIC_NOT_IN_TOPIC,
        texts.WELCOME,
        texts.cue(BIG, BIG, BIG, [(NAME, 10, BIG)] * GROUP),
        texts.cue(BIG, BIG, BIG, [(NAME, 10, BIG)] * (texts.LISTED_PEOPLE + 1)),
        texts.cue(1, 1, 2, [(NAME, 1, BIG)]),
        texts.cue(0, 0, 0, []),
        texts.recap(
            everyone,
            [texts.milestone(NAME, BIG), texts.new_best(NAME, BIG)] * GROUP,
            [texts.mention(NAME, 10**15)] * GROUP,
        ),
        texts.recap(everyone[:31], [texts.milestone(NAME, BIG)] * 31, ["x"] * 31),
        texts.recap([], [], []),
        texts.remind_state(True),
        texts.remind_state(False),
        texts.unknown_command("/" + TYPED),
        texts.leaderboard(BIG, everyone[:TOP], everyone[:TOP]),
        texts.leaderboard(0, [], []),
        *_encouragement(),
    ]


def _encouragement() -> list[str]:
    """/stats, /cheer, comebacks, private reminders, your data and the board's privacy."""
    # A person in many groups, each with a long title, all at risk on the same evening.
    groups = [(GOAL[:TITLE], BIG)] * GROUP
    return [
        texts.STATS_USAGE,
        texts.CHEER_USAGE,
        texts.CHEER_SELF,
        texts.CHEER_BOT,
        texts.CHEER_ANONYMOUS,
        texts.CHEER_ALREADY,
        texts.cheering_on(NAME, NAME),
        # A /streak card with everything under it.
        "\n".join(
            [
                texts.streak_card(NAME, BIG, BIG, 10, _dots(), 30, 30, True, None),
                texts.never_miss_twice(BIG, BIG),
                texts.cheers_received(BIG),
            ]
        ),
        texts.cheers_received(1),
        texts.comeback(NAME),
        texts.recap([(NAME, BIG)] * GROUP, texts.comebacks_today([NAME] * GROUP), []),
        texts.recap([], texts.comebacks_today([NAME]), []),
        texts.reminder(groups),
        texts.reminder([("", 2)]),
        texts.REMIND_USAGE_HOUR,
        texts.remind_private(True, LATE, ZONE),
        texts.remind_private(False, LATE, ZONE),
        texts.remind_state(True) + "\n" + texts.remind_start_privately("https://t.me/" + "b" * 32),
        texts.remind_overview(BIG, BIG, LATE, ZONE),
        texts.remind_overview(1, 1, LATE, ZONE),
        texts.remind_overview(0, 0, LATE, ZONE),
        texts.remind_hour_set(LATE, ZONE),
        texts.remind_all(True, BIG),
        texts.remind_all(False, 1),
        texts.timezone_private_unset(ZONE, texts.clock(LATE)),
        texts.timezone_set(ZONE, texts.clock(LATE)) + "\n" + texts.timezone_everywhere(BIG),
        texts.timezone_everywhere(1),
        texts.timezone_everywhere(0),
        texts.EXPORT_NOTHING,
        texts.EXPORT_NOTHING_ANYWHERE,
        texts.forget_prompt(NAME, BIG),
        texts.forget_prompt(NAME, 1),
        texts.TOP_USAGE,
        texts.BOARD_HIDDEN,
        texts.BOARD_SHOWN,
        "\n".join(
            [
                texts.leaderboard(BIG, [(NAME, BIG)] * TOP, [(NAME, BIG)] * TOP),
                texts.board_own_places((GROUP, BIG), (GROUP, BIG)),
                texts.BOARD_YOU_ARE_HIDDEN,
            ]
        ),
        texts.board_own_places((GROUP, BIG), None),
        texts.board_own_places(None, (GROUP, BIG)),
        texts.board_off(BIG, BIG, BIG),
    ]


# A group's title: Telegram allows up to 128 characters.
TITLE = 128


def _captions() -> list[str]:
    """Captions of the photos and documents the bot sends, longest values filled in."""
    title = GOAL[:TITLE]
    return [
        texts.stats_caption(NAME, BIG, BIG, 30, 30, BIG),
        texts.stats_caption(NAME, 1, 1, 1, 1, 0),
        texts.group_stats_caption(title, BIG, BIG),
        texts.group_stats_caption("", 1, 1),
        texts.export_caption(BIG),
        texts.export_caption(1),
        # The weekly picture's caption as the job cuts it, with a whole group beating its best.
        weekly_caption(_week(GROUP)),
        weekly_caption(_week(1)),
        weekly_caption(_week(0)),
    ]


def _week(best: int) -> GroupWeek:
    beaten = tuple(BestWeek(NAME, 7, 6) for _ in range(best))
    return replace(EMPTY_WEEK, check_ins=BIG, best_weeks=beaten)


def _dots() -> str:
    return texts.dots(["done", "fail", "rest", "missed", "open", "open", "open"])


def _settings_cards() -> list[str]:
    common = {
        "zone": ZONE,
        "rest": texts.weekdays(EVERY_DAY),
        "freezes": texts.freezes_rule(365, 10),
        "max_break": 365,
        "weekly": _weekly_value(),
    }
    return [
        texts.settings_card(
            texts.clock(LATE),
            texts.clock(None),
            **common,  # type: ignore[arg-type]
            fail_counts=True,
            share=100,
            mentions=True,
            topic=True,
            board=mode,
            language=language,
        )
        for language in i18n.LANGUAGES
        for mode in BoardMode
    ] + [
        texts.settings_card(
            texts.clock(None),
            texts.clock(LATE),
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
    return f"{texts.weekdays(frozenset({6}))} {texts.clock(LATE)}"


def _settings_changed() -> list[str]:
    return [
        texts.setting_changed(texts.SETTING_CUE, texts.clock(LATE)),
        texts.setting_changed(texts.SETTING_RECAP, texts.clock(None)),
        texts.setting_changed(texts.SETTING_TIMEZONE, ZONE),
        texts.setting_changed(texts.SETTING_REST, texts.weekdays(EVERY_DAY)),
        texts.setting_changed(texts.SETTING_REST, texts.weekdays(frozenset())),
        texts.setting_changed(texts.SETTING_FREEZES, texts.freezes_rule(365, 10)),
        texts.setting_changed(texts.SETTING_FREEZES, texts.freezes_rule(0, 0)),
        texts.setting_changed(texts.SETTING_BREAK, texts.days(365)),
        texts.setting_changed(texts.SETTING_FAIL, texts.on_off(True)),
        texts.setting_changed(texts.SETTING_SHARE, texts.percent(100)),
        texts.setting_changed(texts.SETTING_MENTIONS, texts.on_off(False)),
        *(texts.setting_changed(texts.SETTING_BOARD, texts.board_mode(m)) for m in BoardMode),
        texts.setting_changed(texts.SETTING_WEEKLY, _weekly_value()),
        texts.setting_changed(texts.SETTING_WEEKLY, texts.on_off(False)),
        *(
            texts.setting_changed(texts.SETTING_LANGUAGE, texts.language_name(language))
            for language in i18n.LANGUAGES
        ),
    ]


def _bad_values() -> list[str]:
    said = []
    for value in (TYPED, ""):
        said += [
            texts.bad_time(value, "/settings recap 21:00"),
            texts.bad_weekdays(value),
            texts.bad_freezes(value),
            texts.bad_break_limit(value),
            texts.bad_switch(value, "/settings mentions on"),
            texts.bad_share(value),
            texts.bad_topic(value),
            texts.bad_language(value),
            texts.bad_board(value),
            texts.bad_weekly(value),
        ]
    return said


def _button_answers() -> list[str]:
    return [
        texts.pressed_checked_in(BIG),
        texts.pressed_already(BIG),
        texts.PRESSED_ANONYMOUS,
        texts.PRESSED_NOT_MEMBER,
        texts.SLOW_DOWN,
        texts.BUTTON_GONE,
        # Said to a button press when handling it failed (bot.handlers.errors).
        texts.SOMETHING_WENT_WRONG,
        texts.COULD_NOT_SAVE,
        texts.REMINDER_GROUP_GONE,
        # A name goes into a toast as it is (toasts are plain text): one without "<" and "&",
        # so that the check below is about the sentence having no markup.
        texts.forget_not_yours(NAME.replace("&<Ж>", "Жжжж")),
        texts.forget_not_yours(""),
        texts.FORGET_EXPIRED,
        texts.FORGET_DONE,
        texts.FORGET_NOTHING,
    ]


def _buttons() -> list[str]:
    return [
        texts.CUE_BUTTON,
        texts.FORGET_BUTTON,
        texts.reminder_button(GOAL),
        texts.reminder_button(""),
    ]


def _menu_descriptions() -> list[str]:
    commands = dict.fromkeys([*GROUP_COMMANDS, *ADMIN_COMMANDS, *PRIVATE_COMMANDS])
    return [texts.command_description(command) for command in commands]


def _picture_words() -> list[str]:
    words = texts.picture_words()
    said = [words.full_date(FAR), words.short_date(FAR), words.share(1.0), *words.months]
    said += [getattr(words, f.name) for f in fields(words) if f.type == "str"]
    return said


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
    shorts = [texts.short_confirmation(f"P{n}", n, False) for n in range(26)]
    lines = texts.merged_confirmations(shorts, [texts.new_best("P3", 3)]).split("\n")
    assert lines[0] == "✅ " + " · ".join(shorts[:25])
    assert lines[1] == f"✅ {shorts[25]}"
    assert lines[2:] == [texts.new_best("P3", 3)]


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
    unsaid = {message for _context, message in _code_messages()} - said
    assert unsaid == set(), "add the new sentences to this module's lists"
