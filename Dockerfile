# syntax=docker/dockerfile:1
# Two stages. "build" installs the bot and its dependencies into a virtual environment;
# "run" copies only that environment onto a slim Python: no build tools, no pip cache,
# a non-root user, the SQLite file (when used) in the /data volume.

FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
RUN python -m venv /opt/habitloop
COPY pyproject.toml README.md LICENSE ./
COPY bot ./bot
COPY migrations ./migrations
RUN /opt/habitloop/bin/pip install .

FROM python:3.11-slim-bookworm AS run
# METRICS_PORT: /healthz and /metrics in long-polling mode too, so the HEALTHCHECK below
# works in both modes (webhook mode answers them on WEBHOOK_PORT, 8080). METRICS_LISTEN:
# on every interface of the container (the bot's default is loopback only), so that a
# Prometheus in another container can scrape them; publish 9090 only to where it runs.
ENV PATH=/opt/habitloop/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    DATABASE_URL=sqlite+aiosqlite:////data/habitloop.db \
    METRICS_PORT=9090 \
    METRICS_LISTEN=0.0.0.0
RUN useradd --system --user-group --uid 10001 --home-dir /data --no-create-home habitloop \
    && install --directory --owner=habitloop --group=habitloop /data
COPY --from=build /opt/habitloop /opt/habitloop
WORKDIR /data
# By number, so a host can tell the user runs without root even without /etc/passwd.
USER 10001:10001
VOLUME ["/data"]
# 8080: the webhook (WEBHOOK_PORT); 9090: /healthz and /metrics (METRICS_PORT).
EXPOSE 8080 9090
# The start period covers migrating a large database before the bot answers.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["habitloop", "healthcheck"]
# `habitloop run` applies the migrations first (replicas take turns under a lock), then
# starts the bot: no separate migration step is needed.
CMD ["habitloop", "run"]
