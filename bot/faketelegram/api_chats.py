"""Bot API methods about the bot itself, chats, members, commands, callbacks and updates."""

from __future__ import annotations

import re
from typing import Any

from bot.faketelegram.api_access import check_presence, find_target
from bot.faketelegram.json_shapes import (
    chat_full_json,
    me_json,
    member_json,
    webhook_info_json,
)
from bot.faketelegram.membership import change_status
from bot.faketelegram.params import ApiError, Params, bad_request
from bot.faketelegram.records import Member, MemberStatus
from bot.faketelegram.rules import MAX_CALLBACK_ANSWER, bot_commands
from bot.faketelegram.updates import WebhookSender
from bot.faketelegram.world import BotAccount, World

_SECRET_RE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
_SCOPES = {
    "default",
    "all_private_chats",
    "all_group_chats",
    "all_chat_administrators",
    "chat",
    "chat_administrators",
    "chat_member",
}


async def get_me(world: World, account: BotAccount, params: Params) -> Any:
    return me_json(account.user, privacy_mode=account.privacy_mode)


async def get_chat(world: World, account: BotAccount, params: Params) -> Any:
    chat = find_target(world, account, params)
    check_presence(chat, account)
    return chat_full_json(chat)


async def get_chat_member(world: World, account: BotAccount, params: Params) -> Any:
    chat = find_target(world, account, params)
    check_presence(chat, account)
    user_id = params.need_int("user_id")
    user = world.users.get(user_id)
    if user is None:
        raise bad_request("user not found")
    if chat.type == "private":
        blocked = chat.blocked and user_id == account.user.id
        status: MemberStatus = "kicked" if blocked else "member"
        known = user_id in (account.user.id, chat.id)
        return member_json(Member(user, status if known else "left"))
    return member_json(chat.members.get(user_id) or Member(user, "left"))


async def get_chat_administrators(world: World, account: BotAccount, params: Params) -> Any:
    chat = find_target(world, account, params)
    check_presence(chat, account)
    if chat.type == "private":
        raise bad_request("there are no administrators in the private chat")
    admins = [m for m in chat.members.values() if m.status in ("creator", "administrator")]
    return [member_json(m) for m in admins]


async def get_chat_member_count(world: World, account: BotAccount, params: Params) -> Any:
    chat = find_target(world, account, params)
    check_presence(chat, account)
    if chat.type == "private":
        return 2
    return sum(
        1
        for m in chat.members.values()
        if m.status in ("creator", "administrator", "member", "restricted")
    )


async def leave_chat(world: World, account: BotAccount, params: Params) -> Any:
    chat = find_target(world, account, params)
    check_presence(chat, account)
    if chat.type == "private":
        raise bad_request("chat member status can't be changed in private chats")
    change_status(world, chat, account.user, "left")
    return True


def _scope_key(world: World, account: BotAccount, params: Params) -> tuple[str, str]:
    scope = params.json("scope") or {"type": "default"}
    if not isinstance(scope, dict) or scope.get("type") not in _SCOPES:
        raise bad_request("can't parse BotCommandScope")
    kind = str(scope["type"])
    key = kind
    if kind.startswith("chat"):
        chat_id = scope.get("chat_id")
        if chat_id is None:
            raise bad_request("chat_id is empty")
        chat = world.find_chat(int(chat_id), account)
        if chat is None:
            raise bad_request("chat not found")
        key = f"{kind}:{chat.id}"
        if kind == "chat_member":
            key += f":{int(scope.get('user_id', 0))}"
    return key, params.string("language_code") or ""


async def set_my_commands(world: World, account: BotAccount, params: Params) -> Any:
    commands = bot_commands(params)
    key = _scope_key(world, account, params)
    if commands:
        account.commands[key] = commands
    else:
        account.commands.pop(key, None)
    return True


async def get_my_commands(world: World, account: BotAccount, params: Params) -> Any:
    return account.commands.get(_scope_key(world, account, params), [])


async def delete_my_commands(world: World, account: BotAccount, params: Params) -> Any:
    account.commands.pop(_scope_key(world, account, params), None)
    return True


async def set_chat_menu_button(world: World, account: BotAccount, params: Params) -> Any:
    chat_id = params.integer("chat_id") or 0
    if chat_id and (world.chats.get(chat_id) is None or world.chats[chat_id].type != "private"):
        raise bad_request("chat not found")
    button = params.json("menu_button") or {"type": "default"}
    kind = button.get("type") if isinstance(button, dict) else None
    if kind not in ("commands", "web_app", "default"):
        raise bad_request("can't parse menu button")
    if kind == "web_app":
        url = str((button.get("web_app") or {}).get("url", ""))
        # Telegram takes HTTPS only; a page on this machine (the sandbox's) is let through.
        loopback = url.startswith(("http://127.0.0.1:", "http://localhost:"))
        if not (url.startswith("https://") or loopback) or not str(button.get("text", "")).strip():
            raise bad_request("BUTTON_URL_INVALID")
    account.menu_buttons[chat_id] = button
    return True


async def get_chat_menu_button(world: World, account: BotAccount, params: Params) -> Any:
    chat_id = params.integer("chat_id") or 0
    return account.menu_buttons.get(chat_id) or account.menu_buttons.get(0, {"type": "commands"})


async def answer_callback_query(world: World, account: BotAccount, params: Params) -> Any:
    query_id = params.string("callback_query_id", required=True) or ""
    record = world.callback_queries.get(query_id)
    if record is None or record.bot_id != account.user.id or record.answered:
        raise bad_request("query is too old and response timeout expired or query ID is invalid")
    text = params.string("text")
    if text is not None and len(text) > MAX_CALLBACK_ANSWER:
        raise bad_request("MESSAGE_TOO_LONG")
    record.answered, record.text = True, text
    record.show_alert, record.url = params.flag("show_alert"), params.string("url")
    world.callback_answers[query_id] = (text, record.show_alert)
    world.notify(
        "callback_answer",
        chat=world.find_chat(record.chat_id, account),
        user=record.user,
        query_id=query_id,
        text=text,
        show_alert=record.show_alert,
    )
    return True


async def get_updates(world: World, account: BotAccount, params: Params) -> Any:
    if account.webhook_url:
        raise ApiError(
            409,
            "Conflict: can't use getUpdates method while webhook is active; use "
            "deleteWebhook to delete the webhook first",
        )
    allowed = params.json("allowed_updates")
    if allowed is not None and not isinstance(allowed, list):
        raise bad_request("can't parse allowed updates")
    account.queue.set_allowed(allowed)
    limit = min(max(params.integer("limit") or 100, 1), 100)
    try:
        wait_seconds = float(params.string("timeout") or 0)
    except ValueError:
        raise bad_request("invalid timeout specified") from None
    updates = await account.queue.get(params.integer("offset") or 0, limit, wait_seconds)
    return [u.to_json() for u in updates]


async def set_webhook(world: World, account: BotAccount, params: Params) -> Any:
    url = params.string("url", required=True) or ""
    if not url:
        return await delete_webhook(world, account, params)
    if not url.startswith(("https://", "http://")):
        raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
    secret = params.string("secret_token")
    if secret is not None and not _SECRET_RE.match(secret):
        raise bad_request("secret token contains unallowed characters")
    allowed = params.json("allowed_updates")
    account.queue.set_allowed(allowed if isinstance(allowed, list) else None)
    if params.flag("drop_pending_updates"):
        account.queue.clear()
    if account.webhook is not None:
        await account.webhook.stop()
    account.webhook_url = url
    account.webhook = WebhookSender(account.queue, url, secret, world.now_ts)
    account.webhook.start()
    return True


async def delete_webhook(world: World, account: BotAccount, params: Params) -> Any:
    if account.webhook is not None:
        await account.webhook.stop()
    account.webhook, account.webhook_url = None, ""
    if params.flag("drop_pending_updates"):
        account.queue.clear()
    return True


async def get_webhook_info(world: World, account: BotAccount, params: Params) -> Any:
    allowed = sorted(account.queue.allowed) if account.queue.allowed else None
    last_error = account.webhook.last_error if account.webhook else None
    return webhook_info_json(
        account.webhook_url, len(account.queue.deliverable()), allowed, last_error
    )


async def log_out(world: World, account: BotAccount, params: Params) -> Any:
    account.logged_out = True
    return True


async def close(world: World, account: BotAccount, params: Params) -> Any:
    return True


HANDLERS = {
    "getMe": get_me,
    "getChat": get_chat,
    "getChatMember": get_chat_member,
    "getChatAdministrators": get_chat_administrators,
    "getChatMemberCount": get_chat_member_count,
    "leaveChat": leave_chat,
    "setMyCommands": set_my_commands,
    "getMyCommands": get_my_commands,
    "deleteMyCommands": delete_my_commands,
    "setChatMenuButton": set_chat_menu_button,
    "getChatMenuButton": get_chat_menu_button,
    "answerCallbackQuery": answer_callback_query,
    "getUpdates": get_updates,
    "setWebhook": set_webhook,
    "deleteWebhook": delete_webhook,
    "getWebhookInfo": get_webhook_info,
    "logOut": log_out,
    "close": close,
}
