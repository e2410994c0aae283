"""The HTTP side of production: the webhook, /healthz and /metrics."""
