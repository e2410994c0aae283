"""Readable logs that never show the bot token or the webhook secret."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

# Anything shaped like a bot token, wherever it appears (a URL, an error message).
_TOKEN = re.compile(r"\d{5,20}:[A-Za-z0-9_-]{20,}")
# python-telegram-bot logs the parameters of its calls at DEBUG, setWebhook's secret among them.
_SECRET_PARAMETER = re.compile(r"('secret_token':\s*)'[^']*'")


class RedactSecrets(logging.Filter):
    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self._secrets = [s for s in secrets if s]

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = _SECRET_PARAMETER.sub(r"\1'<secret>'", _TOKEN.sub("<token>", message))
        for secret in self._secrets:
            redacted = redacted.replace(secret, "<secret>")
        if redacted != message:
            record.msg, record.args = redacted, None
        return True


def setup_logging(level: str, secrets: Iterable[str] = ()) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)-7s %(name)s: %(message)s", "%Y-%m-%d %H:%M:%S")
    )
    handler.addFilter(RedactSecrets(secrets))
    logging.basicConfig(level=level, handlers=[handler], force=True)
    # httpx logs every request URL, and the URL holds the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
