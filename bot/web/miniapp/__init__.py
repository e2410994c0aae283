"""The Mini App: a member's year, the group, and the admins' settings, inside Telegram.

Static files (``static/``: HTML, CSS and one script, no build step, nothing from other hosts)
and a JSON API under ``/app`` on the bot's own web server, on when MINI_APP_URL is set.
Every API call carries the ``initData`` Telegram signed for the page (``initdata``).
"""
