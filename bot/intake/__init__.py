"""Telegram in: long polling or the webhook, the inbox that keeps updates until handled,
and the processor that handles chats side by side, each chat's updates in order."""
