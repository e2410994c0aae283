"""The users' side over HTTP: JSON endpoints under ``/sandbox/`` (see docs/fake-telegram.md).

Tests that run the real bot process, and the sandbox page, play the people through these
endpoints; each maps onto one method of FakeTelegram, so both sides behave the same.
"""

from __future__ import annotations

import base64
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import quote

from aiohttp import web

from bot.faketelegram.actions import FakeTelegram
from bot.faketelegram.json_shapes import chat_json, user_json
from bot.faketelegram.records import Chat, Message, User
from bot.faketelegram.samples import SAMPLE_PHOTOS, sample_photo_bytes

Body = dict[str, Any]
Action = Callable[[FakeTelegram, web.Request, Body], Any]


def message_view(message: Message) -> Body:
    """A message as a chat shows it: what a test or the sandbox page reads."""
    return {
        "chat_id": message.chat_id,
        "message_id": message.message_id,
        "date": message.date,
        "from_bot": message.from_bot,
        "sender": user_json(message.sender) if message.sender else None,
        "sender_chat_id": message.sender_chat_id,
        "text": message.text,
        "caption": message.caption,
        "html": message.html,
        "entities": message.entities or message.caption_entities,
        "buttons": [[list(b) for b in row] for row in message.buttons],
        "reactions": message.reactions,
        "user_reactions": {str(uid): list(e) for uid, e in message.user_reactions.items()},
        "photo": message.photo_file.file_id if message.photo_file else None,
        "photo_size": (
            [message.photo_file.width, message.photo_file.height] if message.photo_file else None
        ),
        "document": message.document_file.file_id if message.document_file else None,
        "filename": message.filename,
        "file_size": len(message.document_file.data) if message.document_file else None,
        "thread_id": message.thread_id,
        "reply_to": message.reply_to,
        "deleted": message.deleted,
        "edited": message.edit_date is not None,
        "pinned": message.pinned,
        "service": message.service,
    }


def chat_view(chat: Chat) -> Body:
    view: Body = {
        **chat_json(chat),
        "members": {str(uid): m.status for uid, m in chat.members.items()},
        "topics": {
            str(t.thread_id): {"name": t.name, "closed": t.closed}
            for t in chat.topics.values()
            if not t.deleted
        },
        "migrated_to": chat.migrated_to,
    }
    if chat.type == "private" and chat.peer is not None:
        view.update(user_id=chat.peer.id, started=chat.started, blocked=chat.blocked)
    return view


def _user(tg: FakeTelegram, body: Body, key: str = "user_id") -> User:
    return tg.user(int(body[key]))


def _maybe_user(tg: FakeTelegram, body: Body, key: str) -> User | None:
    return tg.user(int(body[key])) if body.get(key) is not None else None


def _chat_id(request: web.Request) -> int:
    return int(request.match_info["chat_id"])


def _opt_int(body: Body, key: str) -> int | None:
    return int(body[key]) if body.get(key) is not None else None


def _state(tg: FakeTelegram, request: web.Request, body: Body) -> Any:
    return {
        "bots": [user_json(b.user) for b in tg.bots.values()],
        "users": [user_json(u) for u in tg.users.values() if not u.is_bot],
        "chats": [chat_view(c) for c in tg.chats.values()],
        "private_chats": [chat_view(c) for c in tg.private_chats.values()],
        # What each bot's "/" menu shows: its group menu (as set with setMyCommands), else
        # its default one.
        "commands": {str(b.user.id): _menu(b.commands) for b in tg.bots.values()},
        # The private chats' menu button of each bot (setChatMenuButton), if it set one.
        "menu_buttons": {str(b.user.id): b.menu_buttons.get(0) for b in tg.bots.values()},
        "now": tg.now_ts(),
    }


def _menu(commands: dict[tuple[str, str], list[dict[str, str]]]) -> list[dict[str, str]]:
    return commands.get(("all_group_chats", ""), commands.get(("default", ""), []))


def menu_scopes(chat: Chat, user: User) -> list[str]:
    """The command scopes Telegram looks in for what ``user`` sees in ``chat``'s "/" menu,
    first match first (the Bot API's "Determining list of commands"); each is tried with
    the user's language, then without one."""
    if chat.type == "private":
        return [f"chat:{chat.id}", "all_private_chats", "default"]
    admin = chat.status_of(user.id) in ("creator", "administrator")
    return [
        f"chat_member:{chat.id}:{user.id}",
        *([f"chat_administrators:{chat.id}"] if admin else []),
        f"chat:{chat.id}",
        *(["all_chat_administrators"] if admin else []),
        "all_group_chats",
        "default",
    ]


def _commands(tg: FakeTelegram, request: web.Request, body: Body) -> Any:
    """The bot's "/" menu as ``user_id`` sees it in the chat: by the chat's kind, the
    person's rights there and their app's language, as set with setMyCommands."""
    chat_id, user = _chat_id(request), tg.user(int(request.query["user_id"]))
    chat = tg.private_chat(tg.user(chat_id)) if chat_id > 0 else tg.chat(chat_id)
    commands = tg.bot().commands
    # A scope's language is two letters; an app's may be longer ("pt-br").
    language = (user.language_code or "")[:2].lower()
    for scope in menu_scopes(chat, user):
        for code in (language, "") if language else ("",):
            if (scope, code) in commands:
                return commands[(scope, code)]
    return []


def _messages(tg: FakeTelegram, request: web.Request, body: Body) -> Any:
    chat_id = _chat_id(request)
    if chat_id > 0:
        tg.private_chat(tg.user(chat_id))
    deleted = request.query.get("include_deleted") == "true"
    return [message_view(m) for m in tg.messages(chat_id, include_deleted=deleted)]


def _send(tg: FakeTelegram, request: web.Request, body: Body) -> Any:
    message = tg.send(
        _chat_id(request),
        _user(tg, body),
        str(body["text"]),
        reply_to=_opt_int(body, "reply_to"),
        thread_id=_opt_int(body, "thread_id"),
    )
    return message_view(message)


def _send_photo(tg: FakeTelegram, request: web.Request, body: Body) -> Any:
    """A photo: one of the built-in samples (``sample``), or any picture's bytes
    (``data_base64``), with a caption if given."""
    if body.get("data_base64") is not None:
        data = base64.b64decode(str(body["data_base64"]), validate=True)
    elif (name := str(body["sample"])) in SAMPLE_PHOTOS:
        data = sample_photo_bytes(name)
    else:
        raise ValueError(f"no sample photo {name!r}: one of {', '.join(SAMPLE_PHOTOS)}")
    message = tg.send_photo(
        _chat_id(request),
        _user(tg, body),
        caption=body.get("caption"),
        data=data,
        reply_to=_opt_int(body, "reply_to"),
        thread_id=_opt_int(body, "thread_id"),
    )
    return message_view(message)


def _samples(tg: FakeTelegram, request: web.Request, body: Body) -> Any:
    return list(SAMPLE_PHOTOS)


def _anonymous(tg: FakeTelegram, request: web.Request, body: Body) -> Any:
    message = tg.send_as_group(
        _chat_id(request),
        str(body["text"]),
        reply_to=_opt_int(body, "reply_to"),
        thread_id=_opt_int(body, "thread_id"),
    )
    return message_view(message)


def _press(tg: FakeTelegram, request: web.Request, body: Body) -> Any:
    chat_id = _chat_id(request)
    query_id = tg.press(chat_id, int(body["message_id"]), _user(tg, body), str(body["data"]))
    return {"callback_query_id": query_id}


def _react(tg: FakeTelegram, request: web.Request, body: Body) -> Any:
    emojis = body.get("emojis", [])
    if not isinstance(emojis, list):
        raise TypeError("emojis must be a list")
    chat_id, message_id = _chat_id(request), int(body["message_id"])
    tg.react(chat_id, message_id, _user(tg, body), [str(e) for e in emojis])
    return message_view(tg.chat(chat_id).messages[message_id])


def _add_user(tg: FakeTelegram, request: web.Request, body: Body) -> Any:
    user = tg.add_user(
        str(body["first_name"]),
        username=body.get("username"),
        last_name=body.get("last_name"),
        language_code=body.get("language_code", "en"),
    )
    return user_json(user)


def _rename_user(tg: FakeTelegram, request: web.Request, body: Body) -> Any:
    user = tg.user(int(request.match_info["user_id"]))
    tg.rename_user(
        user,
        first_name=str(body["first_name"]),
        last_name=body.get("last_name"),
        username=body.get("username"),
    )
    return user_json(user)


def _private_chat(tg: FakeTelegram, request: web.Request, body: Body) -> Any:
    return chat_view(tg.private_chat(tg.user(int(request.match_info["user_id"]))))


def _add_group(tg: FakeTelegram, request: web.Request, body: Body) -> Any:
    chat = tg.add_group(
        str(body["title"]),
        creator=_user(tg, body, "creator_id"),
        supergroup=bool(body.get("supergroup", True)),
        forum=bool(body.get("forum", False)),
    )
    return chat_view(chat)


def _set_member(tg: FakeTelegram, request: web.Request, body: Body) -> Any:
    status = body.get("status", "member")
    tg.set_status(_chat_id(request), _user(tg, body), status, by=_maybe_user(tg, body, "by_id"))
    return chat_view(tg.chat(_chat_id(request)))


def _promote(tg: FakeTelegram, request: web.Request, body: Body) -> Any:
    tg.promote(_chat_id(request), _user(tg, body), by=_maybe_user(tg, body, "by_id"))
    return chat_view(tg.chat(_chat_id(request)))


def _demote(tg: FakeTelegram, request: web.Request, body: Body) -> Any:
    tg.demote(_chat_id(request), _user(tg, body), by=_maybe_user(tg, body, "by_id"))
    return chat_view(tg.chat(_chat_id(request)))


def _add_bot(tg: FakeTelegram, request: web.Request, body: Body) -> Any:
    admin = bool(body.get("admin", False))
    tg.add_bot(_chat_id(request), by=_user(tg, body, "by_id"), admin=admin)
    return chat_view(tg.chat(_chat_id(request)))


def _remove_bot(tg: FakeTelegram, request: web.Request, body: Body) -> Any:
    tg.remove_bot(_chat_id(request), by=_user(tg, body, "by_id"))
    return chat_view(tg.chat(_chat_id(request)))


def _create_topic(tg: FakeTelegram, request: web.Request, body: Body) -> Any:
    return {"thread_id": tg.create_topic(_chat_id(request), str(body["name"]))}


def _topic_action(name: str) -> Action:
    def act(tg: FakeTelegram, request: web.Request, body: Body) -> Any:
        chat_id, thread_id = _chat_id(request), int(request.match_info["thread_id"])
        {"close": tg.close_topic, "reopen": tg.reopen_topic}.get(name, tg.delete_topic)(
            chat_id, thread_id
        )
        return chat_view(tg.chat(chat_id))

    return act


def _upgrade(tg: FakeTelegram, request: web.Request, body: Body) -> Any:
    return {"chat_id": tg.upgrade_to_supergroup(_chat_id(request))}


def _block(tg: FakeTelegram, request: web.Request, body: Body) -> Any:
    user = tg.user(int(request.match_info["user_id"]))
    if request.path.endswith("/unblock"):
        tg.unblock_bot(user)
    else:
        tg.block_bot(user)
    return {"blocked": tg.private_chat(user).blocked}


def _open_web_app(tg: FakeTelegram, request: web.Request, body: Body) -> Any:
    """A person taps a button for a Mini App (a t.me link, or the menu's address): the
    address Telegram opens, with the initData it signed for them."""
    user, link = _user(tg, body), str(body["link"])
    dark = bool(body.get("dark", False))
    if link.startswith(("https://t.me/", "t.me/")):
        return {"url": tg.open_link(user, link, dark=dark)}
    return {"url": tg.open_web_app(user, link, dark=dark)}


def _fail_next(tg: FakeTelegram, request: web.Request, body: Body) -> Any:
    tg.fail_next(
        body.get("method"),
        int(body.get("times", 1)),
        int(body.get("retry_after", 1)),
        _opt_int(body, "chat_id"),
        int(body.get("status", 429)),
    )
    return {"ok": True}


def _rate_limits(tg: FakeTelegram, request: web.Request, body: Body) -> Any:
    tg.rate_limits = bool(body.get("enabled", True))
    return {"enabled": tg.rate_limits}


def _problems(tg: FakeTelegram, request: web.Request, body: Body) -> Any:
    return {"spec_violations": tg.spec_violations, "unsupported_calls": tg.unsupported_calls}


def _callback_answers(tg: FakeTelegram, request: web.Request, body: Body) -> Any:
    return {
        qid: {"text": text, "show_alert": alert}
        for qid, (text, alert) in tg.callback_answers.items()
    }


def _handler(tg: FakeTelegram, action: Action) -> Callable[[web.Request], Awaitable[web.Response]]:
    async def handle(request: web.Request) -> web.Response:
        body: Body = {}
        if request.method == "POST" and request.can_read_body:
            try:
                loaded = await request.json()
            except ValueError:
                return web.json_response({"error": "the body must be JSON"}, status=400)
            body = loaded if isinstance(loaded, dict) else {}
        try:
            return web.json_response(action(tg, request, body))
        except KeyError as exc:
            # A body field the endpoint needs (a string key), or an unknown topic (a number).
            key = exc.args[0] if exc.args else None
            error = f"missing field {key!r}" if isinstance(key, str) else f"not found: {key}"
            return web.json_response({"error": error}, status=400)
        except (ValueError, LookupError, TypeError) as exc:
            return web.json_response({"error": str(exc)}, status=400)

    return handle


ROUTES: list[tuple[str, str, Action]] = [
    ("GET", "/sandbox/state", _state),
    ("GET", "/sandbox/problems", _problems),
    ("GET", "/sandbox/callback_answers", _callback_answers),
    ("POST", "/sandbox/users", _add_user),
    ("POST", "/sandbox/users/{user_id}", _rename_user),
    ("POST", "/sandbox/users/{user_id}/private", _private_chat),
    ("POST", "/sandbox/users/{user_id}/block", _block),
    ("POST", "/sandbox/users/{user_id}/unblock", _block),
    ("POST", "/sandbox/groups", _add_group),
    ("GET", "/sandbox/chats/{chat_id}/messages", _messages),
    ("GET", "/sandbox/chats/{chat_id}/commands", _commands),
    ("POST", "/sandbox/chats/{chat_id}/messages", _send),
    ("POST", "/sandbox/chats/{chat_id}/photos", _send_photo),
    ("GET", "/sandbox/samples", _samples),
    ("POST", "/sandbox/chats/{chat_id}/anonymous", _anonymous),
    ("POST", "/sandbox/chats/{chat_id}/press", _press),
    ("POST", "/sandbox/chats/{chat_id}/react", _react),
    ("POST", "/sandbox/chats/{chat_id}/members", _set_member),
    ("POST", "/sandbox/chats/{chat_id}/promote", _promote),
    ("POST", "/sandbox/chats/{chat_id}/demote", _demote),
    ("POST", "/sandbox/chats/{chat_id}/add_bot", _add_bot),
    ("POST", "/sandbox/chats/{chat_id}/remove_bot", _remove_bot),
    ("POST", "/sandbox/chats/{chat_id}/upgrade", _upgrade),
    ("POST", "/sandbox/chats/{chat_id}/topics", _create_topic),
    ("POST", "/sandbox/chats/{chat_id}/topics/{thread_id}/close", _topic_action("close")),
    ("POST", "/sandbox/chats/{chat_id}/topics/{thread_id}/reopen", _topic_action("reopen")),
    ("POST", "/sandbox/chats/{chat_id}/topics/{thread_id}/delete", _topic_action("delete")),
    ("POST", "/sandbox/web_app", _open_web_app),
    ("POST", "/sandbox/fail_next", _fail_next),
    ("POST", "/sandbox/rate_limits", _rate_limits),
]


def add_user_routes(app: web.Application, tg: FakeTelegram) -> None:
    for method, path, action in ROUTES:
        app.router.add_route(method, path, _handler(tg, action))

    async def file(request: web.Request) -> web.Response:
        stored = tg.files.get(request.match_info["file_id"])
        if stored is None:
            return web.json_response({"error": "no such file"}, status=404)
        if stored.kind == "photo":
            return web.Response(body=stored.data, content_type=stored.mime_type or "image/jpeg")
        # A document downloads under the name it was sent with, as Telegram's apps save it.
        name = quote(stored.file_name or stored.file_path.rsplit("/", 1)[-1])
        return web.Response(
            body=stored.data,
            content_type=stored.mime_type or "application/octet-stream",
            headers={"Content-Disposition": f"attachment; filename*=UTF-8''{name}"},
        )

    app.router.add_get("/sandbox/files/{file_id}", file)

    async def sample(request: web.Request) -> web.Response:
        name = request.match_info["name"]
        if name not in SAMPLE_PHOTOS:
            return web.json_response({"error": "no such sample"}, status=404)
        return web.Response(body=sample_photo_bytes(name), content_type="image/png")

    app.router.add_get("/sandbox/samples/{name}.png", sample)
