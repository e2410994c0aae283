"""``habitloop healthcheck``: asks the running bot's ``/healthz``, for Docker's HEALTHCHECK.

It needs only where the bot answers HTTP (no token, no database) and the standard library, so
it starts fast every few seconds and works wherever the bot's port is.
"""

from __future__ import annotations

import urllib.error
import urllib.request

from bot.config import ServingSettings

# Docker's own timeout (Dockerfile HEALTHCHECK --timeout) is longer, so a slow bot gets a
# clear line from us rather than a bare "timed out" from Docker.
TIMEOUT_SECONDS = 3.0


# Addresses that mean "every interface": the bot answers on loopback too.
_EVERYWHERE = {"", "0.0.0.0", "::"}


def health_url(settings: ServingSettings) -> str | None:
    """Where the running bot answers ``/healthz``; None when it serves no HTTP at all."""
    port: int | None
    if settings.webhook_url:
        port, listen = settings.webhook_port, settings.webhook_listen
    else:
        port, listen = settings.metrics_port, settings.metrics_listen
    if port is None:
        return None
    host = "127.0.0.1" if listen in _EVERYWHERE else listen
    if ":" in host:
        host = f"[{host}]"  # an IPv6 address in a URL
    return f"http://{host}:{port}/healthz"


def probe(url: str, timeout: float = TIMEOUT_SECONDS) -> str | None:
    """None when ``url`` answers 200; otherwise why not, in one line."""
    # No proxy from the environment: the bot is on this machine.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(url, timeout=timeout) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        error.close()
        return f"{url} answered {error.code} {error.reason}"
    except urllib.error.URLError as error:
        return _unreachable(url, error.reason, timeout)
    except OSError as error:  # a timeout while reading the answer
        return _unreachable(url, error, timeout)
    return None if status == 200 else f"{url} answered {status}"


def _unreachable(url: str, reason: object, timeout: float) -> str:
    if isinstance(reason, TimeoutError):
        return f"no answer from {url} within {timeout:g} s"
    if isinstance(reason, OSError) and reason.strerror:
        return f"nothing answers at {url} ({reason.strerror})"
    return f"nothing answers at {url} ({reason})"
