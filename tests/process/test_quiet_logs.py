"""What a host's logs show when Telegram or the world misbehaves: one line a problem, not a
traceback, and not a line a request when something floods the bot."""

from __future__ import annotations

from pathlib import Path

from aiohttp import web

from tests.stub_server import stub_server

from .conftest import Spawner, bot_env

# What Telegram's front (nginx) answers while the Bot API behind it is away.
BAD_GATEWAY_PAGE = (
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n"
    "</body>\r\n</html>\r\n"
)
UNREACHABLE = "Telegram can't be reached"


async def test_an_error_page_from_telegram_is_one_warning_line(
    spawn: Spawner, tmp_path: Path
) -> None:
    async def bad_gateway(_request: web.Request) -> web.Response:
        return web.Response(status=502, text=BAD_GATEWAY_PAGE, content_type="text/html")

    async with stub_server(bad_gateway) as url:
        bot = await spawn("run", env=bot_env(url, tmp_path / "h.db", log_level="INFO"))
        await bot.wait_until(lambda: bot.output().count(UNREACHABLE) >= 2, "two attempts")
        assert await bot.terminate() == 0, bot.report()

    lines = bot.output().splitlines()
    assert "Traceback" not in bot.output(), bot.report()
    pages = [line for line in lines if "telegram.request" in line]
    assert len(pages) >= 2, bot.report()
    for line in pages:
        assert " WARNING " in line, line
        assert line.endswith("Telegram answered with a page that is not JSON: 502 Bad Gateway")
    # The bot's own line for each attempt says what the page said, not the page.
    reached = [line for line in lines if UNREACHABLE in line]
    said = "(Bad Gateway (502). The answer was a page, not JSON: 502 Bad Gateway)"
    assert reached[0].endswith(f"{said}; trying again in 1 s"), reached[0]
    assert not any("<center>" in line for line in lines), bot.report()
