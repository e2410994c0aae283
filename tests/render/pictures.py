"""What the picture tests share: decoding a PNG, reading cell centres, words in Russian."""

from __future__ import annotations

from dataclasses import replace
from io import BytesIO

from PIL import Image

from bot.render.words import ENGLISH

# Every sentence in Russian, to prove Cyrillic is drawn (as the bot's Russian catalog will).
RUSSIAN = replace(
    ENGLISH,
    months=("янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"),
    weekdays=("Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"),
    date_format="{day} {month} {year}",
    short_date_format="{day} {month}",
    percent="{value} %",
    current_streak="текущая серия",
    best_streak="лучшая серия",
    consistency="за 30 дней",
    best_month="лучший месяц",
    cheers="поддержка",
    checked_in="отметка",
    fail_counted="честный промах",
    fail_uncounted="промах, не засчитан",
    rest="выходной",
    on_break="перерыв",
    frozen="заморозка",
    missed="пропуск",
    open_today="сегодня",
    group_streak="серия группы",
    best_day="лучший день",
    average_share="в среднем отметились",
    active_members="активных участников",
    check_ins="отметок",
    share_none="никто",
    share_all="все",
    best_weeks="Побили свою лучшую неделю",
    no_best_weeks="На этой неделе рекордов нет. Следующая начинается с чистого листа!",
    with_proof="с доказательством",
)


def decoded(png: bytes) -> Image.Image:
    """The PNG, checked to be one, in RGB."""
    image = Image.open(BytesIO(png))
    assert image.format == "PNG"
    image.load()
    return image.convert("RGB")


def pixel(image: Image.Image, at: tuple[int, int]) -> tuple[int, int, int]:
    value = image.getpixel(at)
    assert isinstance(value, tuple)
    return (value[0], value[1], value[2])
