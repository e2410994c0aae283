"""Reading the project's documentation in tests: its files, a section, its tables, its code,
its links and the anchors its headings make."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
DOCS = ROOT / "docs"

_FENCE = re.compile(r"^```[^\n]*\n(.*?)^```[ \t]*$", re.DOTALL | re.MULTILINE)
_INLINE_CODE = re.compile(r"`([^`\n]+)`")
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$", re.MULTILINE)
# [text](target) and ![alt](target), the target up to a space (a title may follow) or ")".
_LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_REFERENCE = re.compile(r"^\[[^\]]+\]:\s*(\S+)", re.MULTILINE)
_HTML_ATTRIBUTE = re.compile(r"<(?:img|a)\b[^>]*?\b(?:src|href)=\"([^\"]+)\"", re.IGNORECASE)


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def markdown_files() -> list[Path]:
    """The README and the guides beside it: what a reader follows links through."""
    return [README, *sorted(DOCS.glob("*.md"))]


def without_code(text: str) -> str:
    """The prose: fenced blocks and inline code removed (a `#` there is no heading, a
    `[x](y)` there no link)."""
    return _INLINE_CODE.sub("", _FENCE.sub("", text))


def code(text: str) -> list[str]:
    """Every fenced block and every inline code span, as written."""
    blocks = _FENCE.findall(text)
    return [*blocks, *_INLINE_CODE.findall(_FENCE.sub("", text))]


def fenced(text: str) -> list[str]:
    return list(_FENCE.findall(text))


def section(text: str, heading: str) -> str:
    """The text under ``heading`` (a whole line, e.g. ``## Configuration``), up to the next
    heading of the same level or above."""
    level = len(heading) - len(heading.lstrip("#"))
    lines = text.splitlines()
    start = lines.index(heading) + 1
    end = len(lines)
    in_fence = False
    for number in range(start, len(lines)):
        line = lines[number]
        if line.startswith("```"):
            in_fence = not in_fence
        elif not in_fence and re.match(rf"^#{{1,{level}}} ", line):
            end = number
            break
    return "\n".join(lines[start:end])


def table_rows(text: str) -> list[list[str]]:
    """The cells of every table row in ``text`` (the header and separator rows left out)."""
    rows = []
    for line in text.splitlines():
        if not line.startswith("|") or re.match(r"^\|[\s|:-]+\|$", line):
            continue
        cells = [cell.strip() for cell in re.split(r"(?<!\\)\|", line.strip().strip("|"))]
        rows.append(cells)
    return rows[1:] if rows else rows


def links(text: str) -> list[str]:
    """Every link target in the prose: Markdown links and images, reference definitions,
    and HTML ``src``/``href`` attributes."""
    prose = without_code(text)
    return [
        *_LINK.findall(prose),
        *_REFERENCE.findall(prose),
        *_HTML_ATTRIBUTE.findall(prose),
    ]


def anchors(text: str) -> set[str]:
    """The anchors GitHub makes of the headings: lower case, punctuation dropped, spaces
    as hyphens, a repeated one numbered."""
    seen: Counter[str] = Counter()
    made = set()
    for _, title in _HEADING.findall(_FENCE.sub("", text)):
        title = re.sub(r"`([^`]*)`", r"\1", title)
        title = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", title)
        slug = "".join(
            character
            for character in title.strip().lower()
            if character in " -_" or unicodedata.category(character)[0] in "LN"
        ).replace(" ", "-")
        made.add(slug if not seen[slug] else f"{slug}-{seen[slug]}")
        seen[slug] += 1
    return made
