"""What Telegram does for Mini Apps: it signs ``initData`` for the person opening one, with
the bot's token as the Bot API describes, and opens the app's address with it (and its
theme) after ``#``. A direct link ``t.me/<bot>/<app>?startapp=<param>`` opens the app the
bot registered under that name with @BotFather (``register_web_app``), passing the param.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from urllib.parse import parse_qs, quote, urlencode, urlsplit

from bot.faketelegram.records import User

# Telegram's own theme parameters, as its apps pass them.
LIGHT_THEME = {
    "bg_color": "#ffffff",
    "text_color": "#000000",
    "hint_color": "#707579",
    "link_color": "#3390ec",
    "button_color": "#3390ec",
    "button_text_color": "#ffffff",
    "secondary_bg_color": "#f4f4f5",
}
DARK_THEME = {
    "bg_color": "#212121",
    "text_color": "#ffffff",
    "hint_color": "#aaaaaa",
    "link_color": "#8774e1",
    "button_color": "#8774e1",
    "button_text_color": "#ffffff",
    "secondary_bg_color": "#181818",
}
WEB_APP_VERSION = "8.0"


def sign_init_data(
    token: str, user: User, auth_date: int, *, start_param: str | None = None
) -> str:
    """``initData`` for ``user`` as Telegram signs it for the bot with ``token``."""
    person: dict[str, object] = {"id": user.id, "first_name": user.first_name}
    if user.last_name:
        person["last_name"] = user.last_name
    if user.username:
        person["username"] = user.username
    if user.language_code:
        person["language_code"] = user.language_code
    fields = {
        "user": json.dumps(person, separators=(",", ":"), ensure_ascii=False),
        "auth_date": str(auth_date),
        "query_id": f"AA{user.id:x}{auth_date:x}",
    }
    if start_param:
        fields["start_param"] = start_param
    check = "\n".join(f"{key}={fields[key]}" for key in sorted(fields))
    key = hmac.new(b"WebAppData", token.encode(), hashlib.sha256).digest()
    fields["hash"] = hmac.new(key, check.encode(), hashlib.sha256).hexdigest()
    return urlencode(fields, quote_via=quote)


def launch_url(url: str, init_data: str, *, dark: bool = False) -> str:
    """The app's address as Telegram opens it: what it knows of the launch after ``#``."""
    theme = json.dumps(DARK_THEME if dark else LIGHT_THEME, separators=(",", ":"))
    fragment = urlencode(
        {
            "tgWebAppData": init_data,
            "tgWebAppVersion": WEB_APP_VERSION,
            "tgWebAppPlatform": "web",
            "tgWebAppThemeParams": theme,
        },
        quote_via=quote,
    )
    return f"{url.split('#')[0]}#{fragment}"


def direct_link(link: str) -> tuple[str, str, str | None] | None:
    """``t.me/<bot>/<app>?startapp=<param>`` as (bot username, app name, param)."""
    parts = urlsplit(link if "://" in link else f"https://{link}")
    path = [p for p in parts.path.split("/") if p]
    if parts.netloc not in ("t.me", "telegram.me") or len(path) != 2:
        return None
    param = parse_qs(parts.query).get("startapp", [None])[0]
    return path[0], path[1], param
