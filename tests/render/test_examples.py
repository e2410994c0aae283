"""The example pictures of the docs: the script draws them, and the committed ones are
up to date."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.render import examples
from tests.render.pictures import decoded

ROOT = Path(__file__).resolve().parents[2]


def test_the_example_pictures_are_drawn(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    examples.main([str(tmp_path / "images")])
    written = sorted(path.name for path in (tmp_path / "images").iterdir())
    assert written == ["stats-group.png", "stats-member.png", "week.png"]
    out = capsys.readouterr().out
    for name in written:
        assert decoded((tmp_path / "images" / name).read_bytes()).width == 1000
        assert name in out


def test_the_committed_example_pictures_match_the_script() -> None:
    """docs/images/ holds what ``python -m bot.render.examples docs/images/`` draws (same
    size; the pixels may differ by a font rasterizer's version)."""
    for name, png in examples.example_pictures().items():
        committed = decoded((ROOT / "docs" / "images" / name).read_bytes())
        assert committed.size == decoded(png).size, (
            "redraw with: python -m bot.render.examples docs/images/"
        )
