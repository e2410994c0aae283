"""/stats, cheers, the board's privacy, /forgetme, the weekly picture and private reminders
speak the group's language; a private reminder speaks the person's own, else their group's.

The expected words are written here by hand, apart from the catalogs, so these tests show
what people read, not that the catalogs agree with themselves.
"""

from __future__ import annotations

from datetime import time, timedelta
from io import BytesIO

from PIL import Image

from bot import texts
from bot.faketelegram import Chat, FakeTelegram, Message, User
from tests.e2e.conftest import ALICE, BOB
from tests.e2e.harness import MONDAY, Harness

# The groups' titles as the bot's sentences show them.
LAEUFER = texts.format.isolate("Läufer")
SCHREIBEN = texts.format.isolate("Schreiben")

WEDNESDAY = MONDAY + timedelta(days=2)
SUNDAY = MONDAY + timedelta(days=6)


def _reminders(tg: FakeTelegram, user: User) -> list[Message]:
    return [m for m in tg.bot_messages(user.id) if m.buttons]


async def _group(
    bot: Harness, tg: FakeTelegram, title: str, owner_code: str, *members: User
) -> tuple[Chat, User]:
    owner = tg.add_user("Olga", language_code=owner_code)
    chat = tg.add_group(title, creator=owner)
    for member in members:
        tg.add_member(chat.id, member)
    tg.add_bot(chat.id, by=owner)  # the group speaks the language of whoever adds the bot
    await bot.deliver()
    return chat, owner


async def _start_privately(bot: Harness, user: User) -> None:
    bot.tg.send(user.id, user, "/start")
    await bot.deliver()


async def test_a_german_group_hears_the_new_features_in_german(
    bot: Harness, tg: FakeTelegram
) -> None:
    # Alice's app speaks German too; Bob's English: the group's language is what counts.
    alice = tg.add_user("Alice", language_code="de")
    bob = tg.add_user("Bob", language_code="en")
    chat, owner = await _group(bot, tg, "Schreiben", "de", alice, bob)
    await _start_privately(bot, alice)
    for offset in range(2):
        bot.at(MONDAY + timedelta(days=offset), time(12))
        await bot.say(chat, alice, "/done")
        await bot.say(chat, bob, "/done")

    bot.at(WEDNESDAY, time(12))
    [stats] = await bot.say(chat, alice, "/stats")
    assert stats.photo is not None
    assert stats.caption == f"📊 {ALICE}: jetzt 2 Tage, Rekord 2 Tage · letzte 30 Tage: 2/30"
    [whole] = await bot.say(chat, bob, "/stats group")
    assert (whole.caption or "").startswith(f"📊 {SCHREIBEN}: Gruppenserie 2 Tage")

    failed = tg.send(chat.id, bob, "/fail verschlafen")
    await bot.deliver()
    told = await bot.say_text(chat, alice, "/cheer", reply_to=failed.message_id)
    assert told == f"💙 {ALICE} feuert {BOB} an"
    assert "👏 Anfeuerungen erhalten: 1" in await bot.say_text(chat, bob, "/streak")

    assert await bot.say_text(chat, bob, "/top hide") == (
        "🙈 Du bist raus aus der Bestenliste. Deine Einträge zählen weiter für die "
        "Gruppenserie. /top show holt dich zurück."
    )
    assert "🙈 Du bist nicht in der Bestenliste" in await bot.say_text(chat, bob, "/top")

    # The evening: Alice's streak is at risk, and she hears it privately, in German.
    bot.at(WEDNESDAY, time(20))
    await bot.tick()
    [reminder] = _reminders(tg, alice)
    assert reminder.text == (
        "⏳ Deine Serie endet um Mitternacht, wenn du nicht abhakst:\n"
        f"• {SCHREIBEN}: 2 Tage\n"
        "Tippe auf ✅, um dort abzuhaken, oder schreib /done in der Gruppe."
    )
    assert reminder.buttons[0][0][0] == f"✅ {SCHREIBEN}"

    changed = await bot.say_text(chat, owner, "/settings weekly sun 18:00")
    assert changed == "✅ Wochenbild: jetzt So. 18:00."
    bot.at(SUNDAY, time(18))
    await bot.tick()
    weekly = [m for m in tg.bot_messages(chat.id) if m.photo is not None and m.caption]
    assert weekly[-1].caption == "📅 Eure Woche: 5 Einträge"

    [prompt] = await bot.say(chat, bob, "/forgetme")
    assert (prompt.text or "").startswith(f"⚠️ {BOB}, das löscht alles, was ich in dieser Gruppe")
    assert "innerhalb von 5 Minuten" in (prompt.text or "")
    [[(label, data)]] = prompt.buttons
    assert label == "🗑 Ja, meine Daten löschen"
    assert data is not None
    assert await bot.press(chat, prompt, alice, data) == f"Nur {BOB} kann das bestätigen."
    assert await bot.press(chat, prompt, bob, data) == (
        "Erledigt: Alles, was ich in dieser Gruppe über dich gespeichert hatte, ist gelöscht."
    )


async def test_a_private_reminder_speaks_the_persons_language_else_the_groups(
    bot: Harness, tg: FakeTelegram
) -> None:
    ana = tg.add_user("Ana", language_code="es-AR")  # her own: Spanish
    carl = tg.add_user("Carl", language_code=None)  # Telegram tells nothing: the group's
    chat, _ = await _group(bot, tg, "Läufer", "de", ana, carl)
    for person in (ana, carl):
        await _start_privately(bot, person)
    for offset in range(2):
        bot.at(MONDAY + timedelta(days=offset), time(12))
        for person in (ana, carl):
            await bot.say(chat, person, "/done")

    bot.at(WEDNESDAY, time(20))
    await bot.tick()
    [anas] = _reminders(tg, ana)
    assert (anas.text or "").startswith("⏳ Tu racha termina a medianoche si no marcas el día:")
    assert f"• {LAEUFER}: 2 días" in (anas.text or "")
    [carls] = _reminders(tg, carl)
    assert f"• {LAEUFER}: 2 Tage" in (carls.text or "")

    # Her app speaks Portuguese now; the next time she writes to the bot privately, her
    # reminders follow (the private chat is where the person, not a group, is spoken to).
    ana.language_code = "pt-br"
    bot.at(WEDNESDAY, time(21))
    await bot.say(chat, ana, "/done")
    bot.tg.send(ana.id, ana, "/remind")
    await bot.deliver()
    bot.at(WEDNESDAY + timedelta(days=1), time(20))
    await bot.tick()
    assert _reminders(tg, ana)[-1].text == (
        "⏳ Sua sequência termina à meia-noite se você não marcar o dia:\n"
        f"• {LAEUFER}: 3 dias\n"
        "Toque em ✅ para marcar o dia lá, ou envie /done no grupo."
    )


async def test_a_spanish_group_sees_its_settings_and_stats_in_spanish(
    bot: Harness, tg: FakeTelegram
) -> None:
    alice = tg.add_user("Alice", language_code="en")
    chat, owner = await _group(bot, tg, "Escritores", "es", alice)
    bot.at(MONDAY, time(12))
    await bot.say(chat, alice, "/done")
    [stats] = await bot.say(chat, alice, "/stats")
    assert stats.caption == f"📊 {ALICE}: 1 día ahora, récord 1 día · últimos 30 días: 1/30"
    assert "La clasificación muestra: los 10 primeros y tu puesto" in await bot.say_text(
        chat, owner, "/settings"
    )
    assert await bot.say_text(chat, owner, "/settings board all") == (
        "✅ Clasificación: ahora todos."
    )
    assert await bot.say_text(chat, owner, "/settings weekly someday") == (
        f"«{texts.format.isolate('someday')}» no es un día de la semana y una hora. "
        "Usa /settings weekly sun 18:00 (u off)"
    )
    [sent] = await bot.say(chat, alice, "/export")
    assert sent.caption == "📄 Tu historial: 1 fila (CSV, UTF-8)."

    # The same year, drawn once the group speaks English: only the words changed.
    await bot.say(chat, owner, "/settings language en")
    [english] = await bot.say(chat, alice, "/stats")
    assert english.caption == f"📊 {ALICE}: 1 day now, best 1 day · last 30 days: 1/30"
    assert stats.photo is not None
    assert english.photo is not None
    spanish_image, english_image = (
        Image.open(BytesIO(stats.photo)),
        Image.open(BytesIO(english.photo)),
    )
    assert spanish_image.size == english_image.size
    assert spanish_image.tobytes() != english_image.tobytes()
