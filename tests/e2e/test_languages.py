"""The bot speaks the group's language: chosen when it is added, changed by admins, used in
every reply, post, button and menu; in a private chat, the person's own.

The expected words are written here by hand, apart from the catalogs, so these tests show
what a group reads, not that the catalogs agree with themselves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time, timedelta

import pytest

from bot import texts
from bot.faketelegram import Chat, FakeTelegram, User
from bot.intake.flood import LIMIT as FLOOD_LIMIT
from bot.outbox.buttons import CHECKIN_BUTTON_DATA
from tests.e2e.conftest import ALICE, BOB
from tests.e2e.harness import DAY0, Harness


@dataclass(frozen=True)
class Seen:
    """What a group reads in one language (each a piece of a message)."""

    telegram_code: str  # the language_code of whoever adds the bot
    welcome: str
    cue: str
    button: str
    day_one: str
    toast: str
    failed: str
    milestone: str
    recap: str
    streak: str
    settings: str


SEEN = {
    "en": Seen(
        "en",
        "I help this group show up every day.",
        "<b>Good morning!</b> Time for today's check-in.",
        "✅ I did it",
        f"{ALICE}: day 1",
        "✅ Checked in! Streak: 1 day.",
        f"Thanks for sharing, {BOB}.",
        f"🎉 {ALICE} reached a 3-day streak!",
        f"<b>Today</b> 1 showed up: {ALICE} (",
        "Last 7 days: 🟩🟩🟩🟩🟩🟩🟩",
        "Daily cue: 09:00",
    ),
    "es": Seen(
        "es-419",
        "Ayudo a este grupo a cumplir cada día.",
        "<b>¡Buenos días!</b> Hora de marcar el día de hoy.",
        "✅ ¡Lo hice!",
        f"{ALICE}: día 1",
        "✅ ¡Día marcado! Racha: 1 día.",
        f"Gracias por contarlo, {BOB}.",
        f"🎉 ¡{ALICE} alcanzó una racha de 3 días!",
        f"<b>Hoy</b> cumplió 1: {ALICE} (",
        "Últimos 7 días: 🟩🟩🟩🟩🟩🟩🟩",
        "Recordatorio diario: 9:00",
    ),
    "pt_BR": Seen(
        "pt-br",
        "Ajudo este grupo a manter a constância todo dia.",
        "<b>Bom dia!</b> Hora de marcar o dia de hoje.",
        "✅ Fiz!",
        f"{ALICE}: dia 1",
        "✅ Dia marcado! Sequência: 1 dia.",
        f"Obrigado por compartilhar, {BOB}.",
        f"🎉 {ALICE} chegou a uma sequência de 3 dias!",
        f"<b>Hoje</b> 1 marcou presença: {ALICE} (",
        "Últimos 7 dias: 🟩🟩🟩🟩🟩🟩🟩",
        "Lembrete diário: 09:00",
    ),
    "de": Seen(
        "de",
        "helfe dieser Gruppe, jeden Tag dranzubleiben.",
        "<b>Guten Morgen!</b> Zeit, den heutigen Tag abzuhaken.",
        "✅ Geschafft",
        f"{ALICE}: Tag 1",
        "✅ Abgehakt! Serie: 1 Tag.",
        f"Danke, dass du das teilst, {BOB}.",
        f"🎉 {ALICE} hat 3 Tage in Folge geschafft!",
        f"<b>Heute</b> war 1 dabei: {ALICE} (",
        "Letzte 7 Tage: 🟩🟩🟩🟩🟩🟩🟩",
        "Tägliche Erinnerung: 09:00",
    ),
    "ru": Seen(
        "ru",
        "помогаю этой группе не бросать начатое.",
        "<b>Доброе утро!</b> Пора отметиться за сегодня.",
        "✅ Сделано",
        f"{ALICE}: день 1",
        "✅ Отмечено! Серия: 1 день.",
        f"Спасибо за честность, {BOB}",
        f"🎉 {ALICE}: 3 дня подряд!",
        f"<b>Сегодня</b> отметился 1: {ALICE} (",
        "Последние 7 дней: 🟩🟩🟩🟩🟩🟩🟩",
        "Ежедневное напоминание: 09:00",
    ),
}
# Words that give English away, in what the bot says (commands and setting names aside).
ENGLISH = re.compile(
    r"\b(the|you|your|streak|day|days|today|yesterday|showed|morning|checked|best|goal)\b",
    re.IGNORECASE,
)
# Command names, and the settings' names and values as typed, are the same in every language.
_TYPED = re.compile(r"/\w+(@\w+)?|Change one with.*|cue 08:30 .*", re.DOTALL)


def _said(tg: FakeTelegram, chat: Chat) -> list[str]:
    return [m.html or "" for m in tg.bot_messages(chat.id)]


@pytest.mark.parametrize("language", list(SEEN))
async def test_a_week_of_a_group_in_its_language(
    bot: Harness, tg: FakeTelegram, language: str
) -> None:
    seen = SEEN[language]
    # Members' own apps speak other languages: the group's language is what counts.
    owner = tg.add_user("Olga", username="olga", language_code=seen.telegram_code)
    alice = tg.add_user("Alice", username="alice", language_code="fr")
    bob = tg.add_user("Bob", username="bob", language_code="ru" if language != "ru" else "de")
    chat = tg.add_group("Writers", creator=owner)
    tg.add_member(chat.id, alice)
    tg.add_member(chat.id, bob)
    tg.add_bot(chat.id, by=owner)
    await bot.deliver()
    assert seen.welcome in _said(tg, chat)[-1]

    for offset in range(7):
        day = DAY0 + timedelta(days=offset)
        bot.at(day, time(9))
        await bot.tick()
        cue = tg.bot_messages(chat.id)[-1]
        assert seen.cue in (cue.html or "")
        assert cue.buttons == [[(seen.button, CHECKIN_BUTTON_DATA)]]
        reply = await bot.say_text(chat, alice, "/done wrote a page")
        if offset == 0:
            assert seen.day_one in reply
            assert await bot.press_checkin(chat, cue, bob) == seen.toast
        if offset == 1:
            assert seen.failed in await bot.say_text(chat, bob, "/fail overslept")
        if offset == 2:
            assert seen.milestone in reply
        bot.at(day, time(21))
        await bot.tick()
        if offset >= 2:  # Alice alone from Wednesday on
            assert seen.recap in _said(tg, chat)[-1]

    assert seen.streak in await bot.say_text(chat, alice, "/streak")
    assert seen.settings in await bot.say_text(chat, owner, "/settings")
    if language != "en":
        for text in _said(tg, chat):
            assert not ENGLISH.search(_TYPED.sub("", text)), text


@pytest.mark.parametrize(
    ("telegram_code", "welcome"),
    [
        ("pt-br", "Oi! Eu sou o <b>Habitloop</b>."),
        ("es-419", "¡Hola! Soy <b>Habitloop</b>."),
        ("de-AT", "Hallo! Ich bin <b>Habitloop</b>"),
        ("ru", "Привет! Я <b>Habitloop</b>"),
        ("fr", "Hi! I'm <b>Habitloop</b>."),
        (None, "Hi! I'm <b>Habitloop</b>."),
    ],
)
async def test_a_new_group_speaks_the_language_of_whoever_added_the_bot(
    bot: Harness, tg: FakeTelegram, telegram_code: str | None, welcome: str
) -> None:
    owner = tg.add_user("Olga", language_code=telegram_code)
    chat = tg.add_group("Writers", creator=owner)
    tg.add_bot(chat.id, by=owner)
    await bot.deliver()
    assert welcome in _said(tg, chat)[-1]


async def _german_group(bot: Harness, tg: FakeTelegram) -> tuple[Chat, User, User]:
    owner = tg.add_user("Olga", language_code="de")
    alice = tg.add_user("Alice", language_code="en")
    chat = tg.add_group("Schreiben", creator=owner)
    tg.add_member(chat.id, alice)
    tg.add_bot(chat.id, by=owner)
    await bot.deliver()
    return chat, owner, alice


async def test_admins_choose_the_language(bot: Harness, tg: FakeTelegram) -> None:
    chat, owner, alice = await _german_group(bot, tg)
    assert "Sprache: Deutsch (de)" in await bot.say_text(chat, alice, "/settings")
    assert await bot.say_text(chat, alice, "/settings language en") == (
        "Nur die Admins der Gruppe können Einstellungen ändern. /settings allein zeigt sie an."
    )
    assert await bot.say_text(chat, owner, "/settings language pt-BR") == (
        "✅ Idioma: agora Português do Brasil (pt-br)."
    )
    assert "Idioma: Português do Brasil (pt-br)" in await bot.say_text(chat, alice, "/settings")
    assert "dia 1" in await bot.say_text(chat, alice, "/done")
    assert await bot.say_text(chat, owner, "/settings language русский") == (
        "✅ Язык: теперь Русский (ru)."
    )
    bot.at(DAY0, time(9))
    await bot.tick()
    assert "Доброе утро!" in _said(tg, chat)[-1]


async def test_a_language_the_bot_does_not_speak_gets_the_list(
    bot: Harness, tg: FakeTelegram
) -> None:
    chat, owner, _ = await _german_group(bot, tg)
    codes = "en (English), es (Español), pt-br (Português do Brasil), de (Deutsch), ru (Русский)"
    fr = texts.format.isolate("fr")
    assert await bot.say_text(chat, owner, "/settings language fr") == (
        f"„{fr}“ spreche ich nicht. Wähle eine davon: {codes}, z. B. /settings language de"
    )
    assert await bot.say_text(chat, owner, "/settings language") == (
        f"Da fehlt der Wert. Wähle eine davon: {codes}, z. B. /settings language de"
    )
    assert "Sprache: Deutsch (de)" in await bot.say_text(chat, owner, "/settings")


async def test_readding_the_bot_keeps_the_language_chosen(bot: Harness, tg: FakeTelegram) -> None:
    chat, owner, alice = await _german_group(bot, tg)
    await bot.say(chat, owner, "/settings language es")
    tg.remove_bot(chat.id, by=owner)
    await bot.deliver()
    bot.next_day(time(8))
    tg.add_bot(chat.id, by=alice)  # whose app speaks English
    await bot.deliver()
    assert "¡Hola! Soy <b>Habitloop</b>." in _said(tg, chat)[-1]


async def test_each_group_hears_its_cue_and_recap_in_its_own_language(
    bot: Harness, tg: FakeTelegram
) -> None:
    groups = {}
    for code in ("ru", "es", "en"):
        owner = tg.add_user("Olga", language_code=code)
        groups[code] = tg.add_group(f"Group {code}", creator=owner)
        tg.add_bot(groups[code].id, by=owner)
    await bot.deliver()
    bot.at(DAY0, time(9))
    await bot.tick()  # one tick posts all three cues
    assert "Доброе утро!" in _said(tg, groups["ru"])[-1]
    assert "¡Buenos días!" in _said(tg, groups["es"])[-1]
    assert "Good morning!" in _said(tg, groups["en"])[-1]
    bot.at(DAY0, time(21))
    await bot.tick()
    assert "<b>Сегодня</b> ещё никто не отметился." in _said(tg, groups["ru"])[-1]
    assert "<b>Hoy</b> nadie ha marcado todavía." in _said(tg, groups["es"])[-1]
    assert "<b>Today</b> nobody has checked in yet." in _said(tg, groups["en"])[-1]


async def test_an_upgraded_group_keeps_its_language(bot: Harness, tg: FakeTelegram) -> None:
    owner, alice = tg.add_user("Olga", language_code="ru"), tg.add_user("Alice")
    basic = tg.add_group("Бегуны", creator=owner, supergroup=False)
    tg.add_member(basic.id, alice)
    tg.add_bot(basic.id, by=owner)
    await bot.deliver()
    new_id = tg.upgrade_to_supergroup(basic.id, by=owner)
    await bot.deliver()
    assert f"{ALICE}: день 1" in await bot.say_text(tg.chat(new_id), alice, "/done")


async def test_what_is_said_without_the_database_is_in_the_groups_language(
    bot: Harness, tg: FakeTelegram
) -> None:
    chat, _, alice = await _german_group(bot, tg)
    assert "hilft dieser Gruppe, dranzubleiben" in await bot.say_text(chat, alice, "/help")
    tg.send_as_group(chat.id, "/done")
    await bot.deliver()
    assert "Du schreibst anonym als die Gruppe" in _said(tg, chat)[-1]
    # A button an older version of the bot left under its welcome.
    welcome = tg.bot_messages(chat.id)[0]
    welcome.reply_markup = {"inline_keyboard": [[{"text": "✅", "callback_data": "v0:checkin"}]]}
    answer = await bot.press(chat, welcome, alice, "v0:checkin")
    assert answer == "Dieser Button funktioniert nicht mehr. Schreib /done in der Gruppe."
    dance = texts.format.isolate("/dance")
    assert f"{dance} kenne ich nicht. /help zeigt, was ich kann." in await bot.say_text(
        chat, alice, "/dance@habitloop_bot"
    )
    for _ in range(FLOOD_LIMIT):  # commands for some other bot: no answer, but they count
        tg.send(chat.id, alice, "/dance")
    assert f"🐢 Etwas langsamer, {ALICE}:" in await bot.say_text(chat, alice, "/dance")


@pytest.mark.parametrize(
    ("telegram_code", "start", "in_private"),
    [
        ("de", "macht aus einem Gruppenchat eine Gruppe", "Das geht in einer Gruppe."),
        ("pt-br", "transforma um chat de grupo", "Isso funciona em um grupo."),
        ("es-AR", "convierte un chat de grupo", "Eso funciona en un grupo."),
        ("ru", "превращает групповой чат", "Это работает в группе."),
        ("fr", "turns a group chat into", "That works in a group."),
    ],
)
async def test_a_private_chat_speaks_the_persons_language(
    bot: Harness, tg: FakeTelegram, telegram_code: str, start: str, in_private: str
) -> None:
    person = tg.add_user("Carol", language_code=telegram_code)
    private = tg.private_chat(person)
    assert start in await bot.say_text(private, person, "/start")
    assert in_private in await bot.say_text(private, person, "/done")


LANGUAGE_CODES = ("", "en", "es", "pt", "de", "ru")
GROUP_MENU = [
    "done",
    "fail",
    "streak",
    "goal",
    "goals",
    "plan",
    "target",
    "top",
    "stats",
    "cheer",
    "break",
    "undo",
    "timezone",
    "remind",
    "export",
    "forgetme",
    "help",
]


def _menu(tg: FakeTelegram, scope: str, language_code: str) -> dict[str, str]:
    commands = tg.bot().commands[(scope, language_code)]
    return {c["command"]: c["description"] for c in commands}


async def test_the_menus_are_set_per_kind_of_chat_and_language(
    bot: Harness, tg: FakeTelegram
) -> None:
    for code in LANGUAGE_CODES:
        assert list(_menu(tg, "all_group_chats", code)) == GROUP_MENU
        assert list(_menu(tg, "all_chat_administrators", code)) == [*GROUP_MENU, "settings"]
        assert list(_menu(tg, "all_private_chats", code)) == [
            "start",
            "remind",
            "timezone",
            "export",
            "help",
        ]
    assert ("default", "") not in tg.bot().commands
    done = {code: _menu(tg, "all_group_chats", code)["done"] for code in LANGUAGE_CODES}
    assert done == {
        "": "check in for today",
        "en": "check in for today",
        "es": "marca el día de hoy",
        "pt": "marque o dia de hoje",
        "de": "heute abhaken",
        "ru": "отметиться за сегодня",
    }
    assert _menu(tg, "all_chat_administrators", "de")["settings"] == "Gruppeneinstellungen (Admins)"
    assert _menu(tg, "all_private_chats", "ru")["start"] == "что умеет этот бот"
    assert _menu(tg, "all_group_chats", "es")["stats"] == "tu año en una imagen"
    assert _menu(tg, "all_group_chats", "de")["forgetme"] == "deine Daten in dieser Gruppe löschen"
    assert _menu(tg, "all_private_chats", "pt")["export"] == "seu histórico em um arquivo CSV"
