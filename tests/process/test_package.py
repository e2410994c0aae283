"""What ``pip install .`` installs (the Dockerfile's way) speaks every language.

The package is built from the same files the Dockerfile copies, into a wheel; the bot's
i18n module is then imported from the unpacked wheel alone, and must find every catalog
there (they are compiled in memory from the .po files, so the wheel needs nothing more).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from bot import i18n

ROOT = Path(__file__).resolve().parents[2]
# What the Dockerfile copies before `pip install .`.
DOCKER_COPIES = ("pyproject.toml", "README.md", "LICENSE", "bot", "migrations")

SPEAK = """
import json, sys
from bot import i18n, texts
said = {}
for language in i18n.LANGUAGES:
    with i18n.speaking(language):
        said[language] = [texts.format.days(5), texts.posts.cue_button()]
print(json.dumps({"module": i18n.__file__, "said": said}))
"""


def _build_wheel(tmp_path: Path) -> Path:
    source = tmp_path / "src"
    source.mkdir()
    for name in DOCKER_COPIES:
        copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy2
        copy(ROOT / name, source / name)
    build = ["wheel", "--no-deps", "--no-build-isolation", "--quiet"]
    subprocess.run(
        [sys.executable, "-m", "pip", *build, "--wheel-dir", str(tmp_path / "dist"), str(source)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = (tmp_path / "dist").glob("habitloop-*.whl")
    return wheel


def test_the_built_package_carries_every_catalog_and_speaks_from_them(tmp_path: Path) -> None:
    wheel = _build_wheel(tmp_path)
    names = set(zipfile.ZipFile(wheel).namelist())
    assert any(name.endswith(".dist-info/licenses/LICENSE") for name in names), sorted(names)
    for language in i18n.LANGUAGES:
        if language != i18n.SOURCE_LANGUAGE:
            assert f"bot/locales/{language}/LC_MESSAGES/habitloop.po" in names
    for page in ("index.html", "app.js", "app.css"):  # the Mini App ships whole
        assert f"bot/web/miniapp/static/{page}" in names
    installed = tmp_path / "installed"
    zipfile.ZipFile(wheel).extractall(installed)
    result = subprocess.run(
        [sys.executable, "-c", SPEAK],
        env={"PYTHONPATH": str(installed), "PATH": "/usr/bin:/bin"},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    spoken = json.loads(result.stdout)
    assert Path(spoken["module"]).is_relative_to(installed)
    assert spoken["said"] == {
        "en": ["5 days", "✅ I did it"],
        "es": ["5 días", "✅ ¡Lo hice!"],
        "pt_BR": ["5 dias", "✅ Fiz!"],
        "de": ["5 Tage", "✅ Geschafft"],
        "ru": ["5 дней", "✅ Сделано"],
    }
