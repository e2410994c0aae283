"""What a person typed is isolated for bidirectional text wherever a sentence shows it.

A first name, a group's title, a goal, a break's reason or a value typed after a command
may hold a right-to-left override (U+202E) or simply be written right to left; inside
FIRST STRONG ISOLATE ... POP DIRECTIONAL ISOLATE it keeps its own direction and can't turn
the rest of the line around. The isolates wrap the text after it is escaped for HTML.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time

import pytest

from bot import i18n, texts

FSI, PDI = "\u2068", "\u2069"
TYPED = "\u202e<b>evil</b> & co"  # an override, markup and an ampersand
SHOWN = f"{FSI}\u202e&lt;b&gt;evil&lt;/b&gt; &amp; co{PDI}"
# As a button or a button's answer shows it: plain text, isolated but not escaped.
SHOWN_PLAIN = f"{FSI}{TYPED}{PDI}"

Sentence = Callable[[str], str]
# Each sentence that shows something typed, with the typed text in its place.
SENTENCES: dict[str, Sentence] = {
    "name": texts.format.name,
    "mention": lambda t: texts.format.mention(t, 1),
    "checked in": lambda t: texts.checkins.checked_in(t, 5, 9),
    "merged confirmation": lambda t: texts.checkins.short_confirmation(t, 5, False),
    "failed": lambda t: texts.checkins.failed(t, True, 5),
    "goal set (name)": lambda t: texts.goals.goal_set(t, "run"),
    "goal set (goal)": lambda t: texts.goals.goal_set("Ann", t),
    "goal reached": lambda t: texts.goals.goal_reached("Ann", t, 2),
    "goals": lambda t: texts.goals.goals_list([(t, t, 3)]),
    "streak card": lambda t: texts.streaks.streak_card(t, 1, 1, 0, "", 1, 30, False, None),
    "break reason": lambda t: texts.streaks.break_started("Ann", 3, "Mon, Mar 9", t),
    "cue": lambda t: texts.posts.cue(1, 1, 2, [(t, 1, 7)]),
    "short cue": lambda t: texts.posts.short_cue([(t, 1, 7)]),
    "recap": lambda t: texts.posts.recap([(t, 3)], [], [texts.format.mention(t, 1)]),
    "leaderboard": lambda t: texts.board.leaderboard(3, [(t, 3)], [(t, 3)]),
    "group stats": lambda t: texts.stats.group_stats_caption(t, 3, 2),
    "weekly": lambda t: "\n".join(texts.stats.weekly_caption(9, [(t, 5, 4)])),
    "cheering on": lambda t: texts.encouragement.cheering_on(t, t),
    "comeback": lambda t: texts.encouragement.comeback(t, 7),
    "comebacks": lambda t: "\n".join(texts.encouragement.comebacks_today([(t, 2)])),
    "reminder": lambda t: texts.reminders.reminder([(t, 3, None)]),
    "forget prompt": lambda t: texts.data.forget_prompt(t, 5),
    "unknown command": texts.help.unknown_command,
    "slow down": texts.help.slow_down,
    "unknown time zone": lambda t: texts.timezones.timezone_unknown(t, []),
    "unknown setting": texts.settings.unknown_setting,
    "bad value": lambda t: texts.settings.bad_time(t, "/settings cue 08:30"),
}


@pytest.mark.parametrize("language", i18n.LANGUAGES)
@pytest.mark.parametrize("sentence", list(SENTENCES))
def test_typed_text_is_escaped_then_isolated(language: str, sentence: str) -> None:
    with i18n.speaking(language):
        said = SENTENCES[sentence](TYPED)
    assert SHOWN in said
    # Every override sits inside an isolate: none is left to act on the bot's own words.
    assert said.count("\u202e") == said.count(SHOWN)


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_buttons_and_their_answers_isolate_plain_text(language: str) -> None:
    with i18n.speaking(language):
        assert texts.reminders.reminder_button(TYPED) == f"✅ {SHOWN_PLAIN}"
        assert SHOWN_PLAIN in texts.data.forget_not_yours(TYPED)


def test_what_the_bot_says_in_its_own_words_is_not_isolated() -> None:
    """A missing name or title is the bot's word for it, not something typed."""
    assert texts.format.name("") == "Someone"
    assert FSI not in texts.stats.group_stats_caption("", 3, 2)
    assert FSI not in texts.reminders.reminder([("", 3, None)])
    assert texts.reminders.reminder_button("") == "✅ Check in"
    assert FSI not in texts.data.forget_not_yours("")
    assert FSI not in texts.format.short_date(date(2026, 3, 9))
    assert FSI not in texts.format.clock(time(9, 0))


def test_isolate_and_typed() -> None:
    assert texts.format.isolate("Ann") == f"{FSI}Ann{PDI}"
    assert texts.format.typed("<Ann>") == f"{FSI}&lt;Ann&gt;{PDI}"
