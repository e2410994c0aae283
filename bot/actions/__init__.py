"""What the bot does, one module per thing a member, an admin or the clock does.

An action is a plain async function: it takes typed inputs and the unit of work
(``bot.actions.uow``), loads what it needs through ``bot.store``, asks ``bot.domain`` what
follows, writes, and returns a typed outcome: what happened, what to announce and to whom.
It knows neither Telegram's types nor sentences: a handler or a job turns an update or a
clock tick into an action's inputs, and its outcome into texts.

The caller's unit of work commits once the action returned and the answer is recorded with
it, so a saved check-in is never answered as unsaved, and an answer is never lost for a
check-in that was saved.
"""
