"""Configuration from the environment or a ``.env`` file. Nothing else reads ``os.environ``.

(The fake Telegram, ``bot.faketelegram``, is no part of the bot and keeps its one setting,
TELEGRAM_API_SPEC, itself.)
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

TELEGRAM_API_URL = "https://api.telegram.org"
PUT_A_TOKEN = "is not set: put the token @BotFather gave you into .env (BOT_TOKEN=...)"
# Words the examples put in place of a token (.env.example, docs/hosting.md's `.env` for compose)
# and no real token holds: a host who left one there hears so at once, rather than meeting
# Telegram's refusal, which under a restart policy would loop.
EXAMPLE_TOKEN_WORDS = ("your-token", "replace-with", "botfather")
STILL_THE_EXAMPLE = "is still the example token: put the one @BotFather gave you into .env"
# Telegram tokens look like "123456789:AAH...": a bot id, a colon, and a secret.
_TOKEN_RE = re.compile(r"^\d{1,20}:[A-Za-z0-9_-]{20,}$")

LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR"]
LogFormat = Literal["text", "json"]
FROM_THE_ENVIRONMENT = SettingsConfigDict(
    env_file=".env", env_file_encoding="utf-8", extra="ignore", frozen=True
)


class DatabaseSettings(BaseSettings):
    """Where the data lives: all that migrating the database needs."""

    model_config = FROM_THE_ENVIRONMENT

    database_url: str = "sqlite+aiosqlite:///habitloop.db"
    # Seconds anything waits for the database (a connection, a statement) before giving up.
    database_timeout: float = Field(default=10.0, gt=0, le=300)

    @field_validator("database_url")
    @classmethod
    def _database_url(cls, value: str) -> str:
        if not value.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
            raise ValueError("must start with sqlite+aiosqlite:// or postgresql+asyncpg://")
        return value

    def secret_values(self) -> list[str]:
        """What must never reach any output: here, the database password."""
        password = urlsplit(self.database_url).password
        return [unquote(password)] if password else []


class LogSettings(BaseSettings):
    """How a habitloop process logs: every command that logs reads these."""

    model_config = FROM_THE_ENVIRONMENT

    log_level: LogLevel = "INFO"
    # "json": one JSON object a line, for hosts that ship logs somewhere.
    log_format: LogFormat = "text"


class ServingSettings(BaseSettings):
    """Where the bot answers HTTP: all that asking it for its health needs (no token)."""

    model_config = FROM_THE_ENVIRONMENT

    # Webhook mode (for several replicas behind a load balancer); long polling when unset.
    webhook_url: str | None = None
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = Field(default=8080, ge=1, le=65535)
    # GET /healthz and /metrics on this port, so a host can watch a long-polling bot too
    # (the webhook server answers both on WEBHOOK_PORT); unset: off.
    metrics_port: int | None = Field(default=None, ge=1, le=65535)
    # The address METRICS_PORT listens on: this machine only, unless a scraper elsewhere
    # needs it (the Docker image sets 0.0.0.0: outside its container is elsewhere).
    metrics_listen: str = "127.0.0.1"

    @field_validator("webhook_url")
    @classmethod
    def _webhook_url(cls, value: str | None) -> str | None:
        return None if value is None else _http_url(value)


class Settings(DatabaseSettings, LogSettings, ServingSettings):
    """Everything the bot process needs to know about its deployment."""

    bot_token: SecretStr
    telegram_api_url: str = TELEGRAM_API_URL
    default_timezone: str = "UTC"
    webhook_secret: SecretStr | None = None
    # How often the scheduler looks for cues and recaps that are due.
    tick_seconds: float = Field(default=30.0, gt=0)
    # How long a replica holds the updates it took without renewing its hold (it renews it
    # six times within): after that another replica takes them over, as from a dead one.
    inbox_lease_seconds: float = Field(default=30.0, ge=1, le=3600)
    # The Mini App: the public HTTPS address that reaches the bot's /app (unset: off), and
    # its short name as @BotFather's /newapp registered it (for t.me/<bot>/<name> links).
    mini_app_url: str | None = None
    mini_app_name: str = Field(default="app", pattern=r"^[A-Za-z0-9_]{3,30}$")

    @field_validator("bot_token")
    @classmethod
    def _token_shape(cls, value: SecretStr) -> SecretStr:
        token = value.get_secret_value().strip()
        if not token:
            raise ValueError(PUT_A_TOKEN)
        if any(word in token.lower() for word in EXAMPLE_TOKEN_WORDS):
            raise ValueError(STILL_THE_EXAMPLE)
        if not _TOKEN_RE.match(token):
            raise ValueError(
                "does not look like a Telegram bot token (digits:secret, as @BotFather gives it)"
            )
        return SecretStr(token)

    @model_validator(mode="after")
    def _webhook_needs_a_secret(self) -> Settings:
        if self.webhook_url and (
            self.webhook_secret is None or not self.webhook_secret.get_secret_value()
        ):
            raise ValueError(
                "WEBHOOK_SECRET must be set with WEBHOOK_URL (a long random string): Telegram "
                "sends it with every update, so nobody else can post updates to the bot"
            )
        return self

    @field_validator("mini_app_url")
    @classmethod
    def _mini_app_url(cls, value: str | None) -> str | None:
        return None if value is None or not value.strip() else _http_url(value.strip())

    @model_validator(mode="after")
    def _another_telegram_needs_its_own_database(self) -> Settings:
        # The fake Telegram (or a local Bot API server: the bot can't tell them apart before
        # it opens the database) must not fill the file the real bot will use later.
        if self.telegram_api_url != TELEGRAM_API_URL and "database_url" not in (
            self.model_fields_set
        ):
            raise ValueError(
                "DATABASE_URL must be set when TELEGRAM_API_URL is not Telegram's, so what the "
                "bot keeps there stays out of the real bot's habitloop.db (e.g. "
                "DATABASE_URL=sqlite+aiosqlite:///habitloop-fake.db)"
            )
        return self

    @field_validator("telegram_api_url")
    @classmethod
    def _telegram_api_url(cls, value: str) -> str:
        return _http_url(value)

    @field_validator("default_timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"{value!r} is not an IANA time zone, e.g. Europe/Berlin") from None
        return value

    def secret_values(self) -> list[str]:
        secrets = [*super().secret_values(), self.bot_token.get_secret_value()]
        if self.webhook_secret is not None:
            secrets.append(self.webhook_secret.get_secret_value())
        return secrets

    @property
    def bot_api_base_url(self) -> str:
        """The base URL python-telegram-bot expects (it appends the token)."""
        return f"{self.telegram_api_url}/bot"

    @property
    def bot_file_base_url(self) -> str:
        return f"{self.telegram_api_url}/file/bot"


def _http_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"{value!r} is not an http(s) URL")
    return value.rstrip("/")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()  # pydantic-settings fills the fields from the environment
