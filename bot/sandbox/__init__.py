"""The browser sandbox: the real bot against the fake Telegram, with time travel and a page.

``habitloop sandbox`` runs it (``runner``): the bot as ``habitloop run`` starts it (``live``),
the ready scene (``scene``), the clock moved at a click (``timetravel``), the page that plays
the users (``page``, ``static/``) and a process that talks to nothing beyond loopback
(``guard``). The fake Telegram itself is ``bot.faketelegram``. See docs/fake-telegram.md.
"""
