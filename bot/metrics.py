"""What the bot counts for Prometheus (``GET /metrics``).

One set of metrics per process, in prometheus-client's default registry: several bots in one
process (the tests' replicas) add to the same counts, as replicas of one deployment are
summed by Prometheus anyway.
"""

from __future__ import annotations

from prometheus_client import Counter, Histogram

UPDATES = Counter(
    "habitloop_updates_total", "Updates handled, by kind (message, callback_query, ...).", ["kind"]
)
HANDLING_SECONDS = Histogram(
    "habitloop_update_handling_seconds",
    "Time from an update's turn to the end of its handling.",
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
ERRORS = Counter(
    "habitloop_errors_total",
    "Errors while handling updates, by kind (database, telegram, bug).",
    ["kind"],
)
TELEGRAM_CALLS = Counter(
    "habitloop_telegram_calls_total",
    "Bot API calls, by method and outcome (ok, retry_after, bad_request, forbidden, network, ...).",
    ["method", "outcome"],
)
UNKNOWN_OUTCOMES = Counter(
    "habitloop_telegram_unknown_outcomes_total",
    "Messages whose request went out and whose answer never came (timed out, connection "
    "dropped): Telegram may have posted them. Such a message is tried once more at most.",
)
RETRY_AFTER = Counter(
    "habitloop_telegram_retry_after_total", "429 Too Many Requests answers from Telegram."
)
POSTS = Counter(
    "habitloop_posts_total",
    "Posts the bot makes by itself (cue, recap, welcome, ...), by kind and how they ended "
    "(sent, retry, unknown, dropped, late, skipped).",
    ["kind", "outcome"],
)
DATABASE_ERRORS = Counter(
    "habitloop_database_errors_total", "Failed database work (connection lost, timeouts)."
)
TICKS = Counter(
    "habitloop_ticks_total",
    "Scheduler ticks run: one every TICK_SECONDS while the scheduler is alive.",
)
FLOODS = Counter(
    "habitloop_floods_total", "Members told to slow down for sending commands too fast."
)


def telegram_outcome(error: BaseException | None) -> str:
    """A short name for how a Bot API call ended."""
    if error is None:
        return "ok"
    names = {
        "RetryAfter": "retry_after",
        "BadRequest": "bad_request",
        "Forbidden": "forbidden",
        "ChatMigrated": "chat_migrated",
        "TimedOut": "timed_out",
        "NetworkError": "network",
        "InvalidToken": "invalid_token",
        "Conflict": "conflict",
    }
    return names.get(type(error).__name__, "other")
