"""The command line: ``habitloop run | migrate | healthcheck | sandbox | fake-telegram``."""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
from pathlib import Path

from pydantic import ValidationError

from bot.config import (
    PUT_A_TOKEN,
    DatabaseSettings,
    LogSettings,
    ServingSettings,
    get_settings,
)

log = logging.getLogger("bot")

EXIT_CONFIG = 2
# Docker reads 1 as "unhealthy" and reserves 2, so a health check never exits with EXIT_CONFIG.
EXIT_UNHEALTHY = 1


def _config_error(error: ValidationError, status: int = EXIT_CONFIG) -> int:
    """One clear line per problem, no traceback; returns the exit status (2 unless told)."""
    for problem in error.errors():
        field = ".".join(str(part) for part in problem["loc"]).upper()
        reason = problem["msg"].removeprefix("Value error, ")
        if problem["type"] == "missing":
            reason = PUT_A_TOKEN if field == "BOT_TOKEN" else "is not set (see .env.example)"
        line = f"{field} {reason}" if field else reason
        print(f"habitloop: configuration error: {line}", file=sys.stderr)
    return status


def _run(drop_webhook: bool) -> int:
    from bot.logs import setup_logging

    try:
        settings = get_settings()
    except ValidationError as error:
        return _config_error(error)
    setup_logging(settings.log_level, settings.secret_values(), settings.log_format)

    from bot.runner import run

    return run(settings, drop_webhook=drop_webhook)


def _migrate() -> int:
    from bot.logs import setup_logging
    from bot.store.migrate import upgrade_to_head

    try:
        database = DatabaseSettings()
        logs = LogSettings()
    except ValidationError as error:
        return _config_error(error)
    setup_logging(logs.log_level, database.secret_values(), logs.log_format)
    upgrade_to_head(database.database_url)
    log.info("database is up to date")
    return 0


def _healthcheck() -> int:
    from bot.healthcheck import health_url, probe

    try:
        serving = ServingSettings()
    except ValidationError as error:
        return _config_error(error, EXIT_UNHEALTHY)
    url = health_url(serving)
    if url is None:
        print(
            "habitloop: unhealthy: the bot serves no /healthz here; set METRICS_PORT "
            "(or WEBHOOK_URL)",
            file=sys.stderr,
        )
        return EXIT_UNHEALTHY
    problem = probe(url)
    if problem is not None:
        print(f"habitloop: unhealthy: {problem}", file=sys.stderr)
        return EXIT_UNHEALTHY
    print(f"habitloop: healthy: {url} answered 200")
    return 0


def _fake_telegram(host: str, port: int) -> int:
    from bot.faketelegram.server import run_standalone
    from bot.sandbox.page import add_page

    # The page that plays the users comes along; it works without the sandbox's time controls.
    return run_standalone(host, port, setup=add_page)


def _sandbox(port: int, database: Path | None, zone: str) -> int:
    from bot.logs import setup_logging
    from bot.sandbox.runner import run_sandbox

    # The real bot's file, made already or not, never gets pretend groups; any other file
    # that exists is reopened only if it is a sandbox's (the runner refuses the rest).
    if database is not None and database.resolve() in _the_bots_database_files():
        print(
            f"habitloop sandbox: {database} is the real bot's database (DATABASE_URL); give "
            "the sandbox a file of its own, e.g. --database sandbox.db",
            file=sys.stderr,
        )
        return EXIT_CONFIG
    setup_logging("INFO")
    return run_sandbox(port, database, zone)


def _the_bots_database_files() -> set[Path]:
    """The SQLite files ``habitloop run`` would use here: the default, and DATABASE_URL's."""
    from bot.startup import sqlite_file

    urls = {str(DatabaseSettings.model_fields["database_url"].default)}
    with contextlib.suppress(ValidationError):
        urls.add(DatabaseSettings().database_url)
    return {path for url in urls if (path := sqlite_file(url)) is not None}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="habitloop",
        description="Habitloop: a Telegram bot for accountability groups. "
        "`habitloop run` runs the real bot (it needs BOT_TOKEN); "
        "`habitloop sandbox` lets you try it in your browser, no token needed.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    run_command = commands.add_parser(
        "run",
        help="run the real bot on Telegram: migrate the database, then serve (needs BOT_TOKEN)",
    )
    run_command.add_argument(
        "--drop-webhook",
        action="store_true",
        help="with long polling: delete a webhook another deployment set, rather than refuse "
        "to start (that deployment gets no more updates)",
    )
    commands.add_parser("migrate", help="bring the database to the newest schema")
    commands.add_parser(
        "healthcheck", help="exit 0 if the running bot answers /healthz, else 1 (for Docker)"
    )
    sandbox = commands.add_parser(
        "sandbox",
        help="try the bot in your browser: a fake Telegram with a group, time travel, no token, "
        "no network",
        description="Run the bot against a fake Telegram on this machine and serve a page "
        "where you play the group's members and move time. Nothing leaves this machine.",
    )
    sandbox.add_argument(
        "--port", type=int, default=8090, help="the page's port on 127.0.0.1 (default 8090)"
    )
    sandbox.add_argument(
        "--database",
        type=Path,
        default=None,
        metavar="PATH",
        help="a SQLite file to keep the bot's data in: one that exists is reopened (and "
        "migrated), so a later run takes up where this one stopped; the page's Reset wipes "
        "it, after asking; default: a temporary one",
    )
    sandbox.add_argument(
        "--timezone", default="UTC", help="the groups' time zone, e.g. Europe/Berlin (default UTC)"
    )
    fake = commands.add_parser(
        "fake-telegram", help="serve only a fake Telegram Bot API on this machine (for tests)"
    )
    fake.add_argument("--host", default="127.0.0.1")
    fake.add_argument("--port", type=int, default=8081)
    args = parser.parse_args(argv)

    if args.command == "run":
        return _run(args.drop_webhook)
    if args.command == "migrate":
        return _migrate()
    if args.command == "healthcheck":
        return _healthcheck()
    if args.command == "sandbox":
        return _sandbox(args.port, args.database, args.timezone)
    return _fake_telegram(args.host, args.port)


if __name__ == "__main__":
    sys.exit(main())
