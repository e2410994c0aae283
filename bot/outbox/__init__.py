"""Telegram out: limits, the courier that sends, and the outbox of posts."""
