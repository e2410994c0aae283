"""Telegram's HTML parse mode: what it accepts, how it counts, what it refuses."""

from __future__ import annotations

import pytest

from bot.faketelegram.html_entities import HtmlError, parse_html, render_html


def test_plain_text_and_entities() -> None:
    text, entities = parse_html("<b>Hi</b> <i>there</i> &lt;3 &amp; &#128512;")
    assert text == "Hi there <3 & 😀"
    assert entities == [
        {"type": "bold", "offset": 0, "length": 2},
        {"type": "italic", "offset": 3, "length": 5},
    ]


def test_offsets_count_utf16_units() -> None:
    text, entities = parse_html("😀 <u>x</u>")
    assert text == "😀 x"
    assert entities == [{"type": "underline", "offset": 3, "length": 1}]


def test_links_spoilers_and_code_languages() -> None:
    source = (
        '<a href="https://example.org/?a=1&amp;b=2">site</a> <span class="tg-spoiler">s</span>'
        ' <pre><code class="language-python">x = 1</code></pre> <blockquote expandable>q'
        "</blockquote>"
    )
    text, entities = parse_html(source)
    assert text == "site s x = 1 q"
    kinds = [(e["type"], e.get("url") or e.get("language")) for e in entities]
    assert kinds == [
        ("text_link", "https://example.org/?a=1&b=2"),
        ("spoiler", None),
        ("pre", "python"),
        ("expandable_blockquote", None),
    ]


@pytest.mark.parametrize(
    ("source", "error"),
    [
        ("<b>bold", "Can't find end tag corresponding to start tag b"),
        ("a < b", 'Unsupported start tag "" at byte offset 2'),
        ("<div>x</div>", 'Unsupported start tag "div" at byte offset 0'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("<b><i>x</b></i>", 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        ("<b", "Unclosed start tag at byte offset 0"),
    ],
)
def test_refusals_use_telegrams_words(source: str, error: str) -> None:
    with pytest.raises(HtmlError) as caught:
        parse_html(source)
    assert str(caught.value) == error


def test_render_back_round_trips() -> None:
    source = '<b>Day 3</b>: <i>500 <u>words</u></i> <a href="https://x.org">link</a> a&lt;b'
    text, entities = parse_html(source)
    assert render_html(text, entities) == source.replace("</u></i>", "</u></i>")
