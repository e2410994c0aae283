"""Help and the commands' menu, and what the bot says when it can't do what was asked: the
wrong chat, an anonymous sender, an unknown command, an error, too many commands at once."""

from __future__ import annotations

from bot.i18n import N_
from bot.i18n import gettext as _
from bot.texts.format import name, typed

_GROUP_HELP_HEAD = N_("👋 <b>Habitloop</b> keeps this group showing up, one day at a time.")
# One line a command: a new command is a new line (and a new message to translate).
_GROUP_HELP_LINES = (
    N_("/done <i>what you did</i>: check in for today"),
    N_("/done yesterday: forgot? until 03:00"),
    N_("/done as a photo's caption: check in with proof"),
    N_("/fail <i>what happened</i>: share a miss, get encouragement"),
    N_("/undo: take back today's last check-in"),
    N_("/goal <i>text</i>: set your goal · /goal done when reached"),
    N_("/goals: everyone's goals"),
    N_("/plan <i>when</i>: <i>what</i>: your if-then plan"),
    N_("/target 3: aim at 3 check-ins a week (1 to 6) · /target daily"),
    N_("/streak: your streak (reply to someone for theirs)"),
    N_("/top: leaderboard and group streak"),
    N_("/stats: a picture of your year · /stats group: the group's"),
    N_("/cheer: reply to someone's message to cheer them on"),
    N_("/break 3d <i>reason</i>: take a break without losing your streak"),
    N_("/timezone <i>Area/City</i>: your own time zone"),
    N_("/remind on|off|21:30: a nudge when your streak is at risk"),
    N_("/export: your history as a file · /forgetme: delete your data here"),
    N_("/settings: cue time and more (admins)"),
)


def group_help(*, for_admins: bool = False) -> str:
    """/help in a group; its admins are also told what making the bot an admin adds."""
    shown = _(_GROUP_HELP_HEAD) + "\n\n" + "\n".join(_(line) for line in _GROUP_HELP_LINES)
    if for_admins:
        shown += "\n\n" + _(
            "👑 For admins: when I'm an admin of this group, reactions 👏 🔥 ❤️ 💯 🎉 on "
            "someone's check-in count as cheers (Telegram tells reactions only to bots that "
            "are admins)."
        )
    return shown


def private_help() -> str:
    return _(
        "👋 <b>Habitloop</b> turns a group chat into an accountability group.\n\n"
        "1. Add me to your group (group info → Add members).\n"
        "2. Everyone checks in there with /done <i>what you did</i>.\n"
        "3. I post a daily cue, keep streaks, and cheer milestones.\n\n"
        "Since you started me here, I can also send you reminders in this chat when a streak is "
        "at risk. "
        "Here you can use /remind (on, off, or your hour, e.g. /remind 21:30), "
        "/timezone <i>Area/City</i> and /export (your history in all your groups)."
    )


# What the "/" menus say of each command (Telegram shows them beside the command's name).
_COMMAND_DESCRIPTIONS = {
    "start": N_("what this bot does"),
    "help": N_("how this works"),
    "done": N_("check in for today"),
    "fail": N_("share a miss and get encouragement"),
    "undo": N_("take back today's last check-in"),
    "goal": N_("set or show your goal"),
    "goals": N_("everyone's goals"),
    "plan": N_("your if-then plan: /plan when: what"),
    "target": N_("check-ins a week: /target 3 or daily"),
    "streak": N_("your streak (reply: theirs)"),
    "top": N_("leaderboard and group streak"),
    "stats": N_("a picture of your year"),
    "cheer": N_("reply to cheer someone on"),
    "break": N_("take a break: /break 3d reason"),
    "timezone": N_("show or set your time zone"),
    "remind": N_("a nudge when your streak is at risk"),
    "export": N_("your history as a CSV file"),
    "forgetme": N_("delete your data in this group"),
    "settings": N_("group settings (admins)"),
}


def command_description(command: str) -> str:
    """What the "/" menu says of ``command`` (its name if it has no description yet)."""
    return _(_COMMAND_DESCRIPTIONS.get(command, command))


# --- when a command can't be done -------------------------------------------------------


def private_only_in_groups() -> str:
    return _("That works in a group. Add me to your group and use it there. /help")


def anonymous_cannot() -> str:
    return _(
        "You're posting anonymously as the group, so I can't tell who you are. "
        "Post as yourself to keep a streak."
    )


def unknown_command(command: str) -> str:
    return _("I don't know {command}. /help shows what I can do.").format(
        command=typed(command[:40])
    )


def something_went_wrong() -> str:
    return _("Sorry, something went wrong on my side and nothing was saved. Please try again.")


def could_not_save() -> str:
    return _("I couldn't save that just now. Please send it again in a minute.")


def slow_down_answer() -> str:
    """The answer to a button pressed by someone sending too much (plain text, no name)."""
    return _(
        "Slow down a little, please: I'll take commands from you again in a couple of minutes."
    )


def slow_down(first_name: str) -> str:
    return _(
        "🐢 Slow down a little, {name}: I'll take your commands again in a couple of minutes."
    ).format(name=name(first_name))
