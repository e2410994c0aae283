"""Telegram's HTML parse mode: text with tags in, plain text plus entities out, and back.

Telegram is strict where browsers are lenient: an unknown tag, a stray ``<`` or a tag left
open makes the whole call fail with "can't parse entities". This parser follows the same
rules and wording, so a message that the real Telegram would refuse is refused here too.
Entity offsets and lengths are in UTF-16 code units, as in the Bot API.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

_SIMPLE_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
}
_SUPPORTED = {*_SIMPLE_TAGS, "a", "span", "tg-emoji"}
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY_RE = re.compile(r"&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]+);")
_ATTR_RE = re.compile(r"""\s*([a-zA-Z0-9_-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+)""")


class HtmlError(ValueError):
    """The text is not HTML that Telegram accepts; the message is Telegram's wording."""


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@dataclass
class _Open:
    tag: str
    start: int  # UTF-16 offset in the plain text
    attrs: dict[str, str] = field(default_factory=dict)


def _entity_for(opened: _Open, length: int) -> dict[str, Any] | None:
    tag, attrs = opened.tag, opened.attrs
    base: dict[str, Any] = {"offset": opened.start, "length": length}
    if tag == "a":
        href = attrs.get("href", "")
        return {"type": "text_link", **base, "url": href} if href else None
    if tag == "span":
        return {"type": "spoiler", **base}
    if tag == "tg-emoji":
        return {"type": "custom_emoji", **base, "custom_emoji_id": attrs.get("emoji-id", "")}
    if tag == "blockquote" and "expandable" in attrs:
        return {"type": "expandable_blockquote", **base}
    kind = _SIMPLE_TAGS[tag]
    if kind == "code" and attrs.get("class", "").startswith("language-"):
        return {"type": "pre", **base, "language": attrs["class"][len("language-") :]}
    return {"type": kind, **base}


def _parse_attrs(tag: str, raw: str, at: int) -> dict[str, str]:
    attrs: dict[str, str] = {}
    rest = raw
    while rest.strip():
        match = _ATTR_RE.match(rest)
        if match is None:
            word = rest.strip().split()[0]
            if word and re.fullmatch(r"[a-zA-Z0-9_-]+", word):
                attrs[word.lower()] = ""
                rest = rest.strip()[len(word) :]
                continue
            raise HtmlError(
                f'Expected equal sign in declaration of an attribute of the tag "{tag}" '
                f"at byte offset {at}"
            )
        value = match.group(2)
        if value[:1] in "\"'":
            value = value[1:-1]
        attrs[match.group(1).lower()] = unescape(value)
        rest = rest[match.end() :]
    return attrs


def unescape(text: str) -> str:
    """Decode the entities Telegram knows (&lt; &gt; &amp; &quot; and numeric ones)."""

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        if name.startswith("#x"):
            return chr(int(name[2:], 16))
        if name.startswith("#"):
            return chr(int(name[1:]))
        return _NAMED.get(name, match.group(0))

    return _ENTITY_RE.sub(one, text)


def parse_html(source: str) -> tuple[str, list[dict[str, Any]]]:
    """Split Telegram HTML into its visible text and its entities, or raise HtmlError."""
    out: list[str] = []
    out_len = 0  # UTF-16 length of the text produced so far
    stack: list[_Open] = []
    entities: list[dict[str, Any]] = []
    i = 0
    while i < len(source):
        char = source[i]
        if char != "<":
            end = source.find("<", i)
            end = len(source) if end == -1 else end
            chunk = unescape(source[i:end])
            out.append(chunk)
            out_len += utf16_len(chunk)
            i = end
            continue
        at = len(source[:i].encode())
        if source.startswith("</", i):
            close = source.find(">", i)
            if close == -1:
                raise HtmlError(f"Unclosed end tag at byte offset {at}")
            _close_tag(source[i + 2 : close].strip().lower(), at, stack, entities, out_len)
            i = close + 1
            continue
        name_end = i + 1
        while name_end < len(source) and not source[name_end].isspace():
            if source[name_end] == ">":
                break
            name_end += 1
        if name_end >= len(source):
            raise HtmlError(f"Unclosed start tag at byte offset {at}")
        name = source[i + 1 : name_end].lower()
        if name not in _SUPPORTED:
            raise HtmlError(f'Unsupported start tag "{name}" at byte offset {at}')
        close = source.find(">", name_end)
        if close == -1:
            raise HtmlError(f"Unclosed start tag at byte offset {at}")
        attrs = _parse_attrs(name, source[name_end:close], at)
        if name == "span" and attrs.get("class") != "tg-spoiler":
            raise HtmlError(f'Tag "span" must have class "tg-spoiler" at byte offset {at}')
        stack.append(_Open(name, out_len, attrs))
        i = close + 1
    if stack:
        raise HtmlError(f"Can't find end tag corresponding to start tag {stack[-1].tag}")
    return "".join(out), _merge_pre_code(entities)


def _close_tag(
    name: str, at: int, stack: list[_Open], entities: list[dict[str, Any]], out_len: int
) -> None:
    if not stack:
        raise HtmlError(f"Unexpected end tag at byte offset {at}")
    if stack[-1].tag != name:
        raise HtmlError(
            f'Unmatched end tag at byte offset {at}, expected "</{stack[-1].tag}>", '
            f'found "</{name}>"'
        )
    opened = stack.pop()
    length = out_len - opened.start
    entity = _entity_for(opened, length) if length > 0 else None
    if entity is not None:
        entities.append(entity)


def _merge_pre_code(entities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``<pre><code class="language-x">`` is one pre entity with a language, as in Telegram."""
    result: list[dict[str, Any]] = []
    for entity in entities:
        if entity["type"] == "pre" and "language" not in entity:
            inner = next(
                (
                    e
                    for e in result
                    if e["type"] == "pre"
                    and "language" in e
                    and (e["offset"], e["length"]) == (entity["offset"], entity["length"])
                ),
                None,
            )
            if inner is not None:
                continue
        result.append(entity)
    return sorted(result, key=lambda e: (e["offset"], -e["length"]))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _tags(entity: dict[str, Any]) -> tuple[str, str] | None:
    kind = entity["type"]
    simple = {
        "bold": "b",
        "italic": "i",
        "underline": "u",
        "strikethrough": "s",
        "spoiler": "tg-spoiler",
        "code": "code",
        "blockquote": "blockquote",
    }
    if kind in simple:
        return f"<{simple[kind]}>", f"</{simple[kind]}>"
    if kind == "expandable_blockquote":
        return "<blockquote expandable>", "</blockquote>"
    if kind == "pre":
        language = entity.get("language")
        if language:
            return f'<pre><code class="language-{language}">', "</code></pre>"
        return "<pre>", "</pre>"
    if kind == "text_link":
        href = _escape(str(entity.get("url", ""))).replace('"', "&quot;")
        return f'<a href="{href}">', "</a>"
    if kind == "custom_emoji":
        return f'<tg-emoji emoji-id="{entity.get("custom_emoji_id", "")}">', "</tg-emoji>"
    return None


def render_html(text: str, entities: list[dict[str, Any]]) -> str:
    """Render plain text and entities back to Telegram HTML (only formatting entities)."""
    styled = [(e, t) for e in entities if (t := _tags(e)) is not None]
    styled.sort(key=lambda pair: (pair[0]["offset"], -pair[0]["length"]))
    out: list[str] = []
    open_stack: list[tuple[int, str]] = []  # (end offset, closing tag)
    position = 0
    pending = list(styled)

    def boundary() -> None:
        while open_stack and open_stack[-1][0] <= position:
            out.append(open_stack.pop()[1])
        while pending and pending[0][0]["offset"] <= position:
            entity, (opening, closing) = pending.pop(0)
            out.append(opening)
            open_stack.append((entity["offset"] + entity["length"], closing))

    for char in text:
        boundary()
        out.append(_escape(char))
        position += utf16_len(char)
    boundary()
    while open_stack:
        out.append(open_stack.pop()[1])
    return "".join(out)
