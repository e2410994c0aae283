"""Every sentence the bot says, one module a feature, in the language of the moment.

Replies are short: members read them on phones. Everything a user typed goes into a
sentence through ``format.typed``: escaped, because every message goes out as HTML, and
isolated, so that its writing direction can't turn our words around. ``format`` also writes
the values (names, numbers, days, times, dates) as the language does.

The words are translated with GNU gettext (``bot.i18n``; how to add a sentence or a language:
docs/translating.md). A sentence is written whole, in English, inside ``_()`` (or
``ngettext()`` when it holds a number), with named ``{placeholders}`` filled in after it is
translated, so that each language can put the words in its own order. Every sentence is a
function, one with nothing to fill in too (``checkins.undo_nothing()``): it is translated
when it is called, in the language being spoken then. Code elsewhere says
``from bot import texts`` and ``texts.checkins.undo_nothing()``.
"""

from bot.texts import (
    app,
    board,
    buddies,
    challenges,
    checkins,
    data,
    encouragement,
    format,
    goals,
    help,
    pictures,
    plans,
    posts,
    proof,
    quests,
    reminders,
    settings,
    stats,
    streaks,
    targets,
    timezones,
)

__all__ = [
    "app",
    "board",
    "buddies",
    "challenges",
    "checkins",
    "data",
    "encouragement",
    "format",
    "goals",
    "help",
    "pictures",
    "plans",
    "posts",
    "proof",
    "quests",
    "reminders",
    "settings",
    "stats",
    "streaks",
    "targets",
    "timezones",
]
