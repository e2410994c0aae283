# syntax=docker/dockerfile:1
# Build: a wheel-installed virtual environment. Run: slim, non-root, migrates then runs.
FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
RUN python -m venv /opt/habitloop
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY migrations ./migrations
RUN /opt/habitloop/bin/pip install .

FROM python:3.11-slim AS run
ENV PATH=/opt/habitloop/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    DATABASE_URL=sqlite+aiosqlite:////data/habitloop.db
RUN useradd --system --uid 10001 --home-dir /data --create-home habitloop
COPY --from=build /opt/habitloop /opt/habitloop
WORKDIR /data
USER habitloop
VOLUME ["/data"]
# Webhook mode listens here; long polling needs no port.
EXPOSE 8080
# `habitloop run` applies the migrations, then starts the bot.
CMD ["habitloop", "run"]
