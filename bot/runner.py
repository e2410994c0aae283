"""Running the bot process: migrate, then long polling or a webhook server."""

from __future__ import annotations

import logging

from telegram import Update

from bot.app import build_application
from bot.config import Settings
from bot.store.migrate import upgrade_to_head

log = logging.getLogger(__name__)


def run(settings: Settings) -> None:
    """Blocks until stopped (Ctrl+C or SIGTERM)."""
    upgrade_to_head(settings.database_url)
    app = build_application(settings)
    if settings.webhook_url:
        secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else None
        log.info("receiving updates by webhook on port %s", settings.webhook_port)
        app.run_webhook(
            listen=settings.webhook_listen,
            port=settings.webhook_port,
            url_path="telegram",
            webhook_url=f"{settings.webhook_url}/telegram",
            secret_token=secret,
            allowed_updates=Update.ALL_TYPES,
            drop_pending_updates=False,
        )
    else:
        log.info("receiving updates by long polling")
        app.run_polling(allowed_updates=Update.ALL_TYPES, drop_pending_updates=False)
