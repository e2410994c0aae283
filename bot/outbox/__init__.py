"""Telegram out: limits; the courier, which queues (courier), sends one message (send) and
fires reactions and button answers (fire); and the outbox of posts."""
