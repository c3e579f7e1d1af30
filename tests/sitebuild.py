"""Build a real site with the real Pelican, as `make html` does, into a folder of the test's."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PELICAN = Path(sys.executable).parent / "pelican"
BOARD = ROOT / "tests" / "fixtures" / "board"  # a small board with a posting of every kind


def build(
    listings: Path,
    output: Path,
    today: str,
    settings: str = "pelicanconf.py",
    content: Path | None = None,
    project: Path = ROOT,
    cache: Path | None = None,
    **environment: str,
) -> subprocess.CompletedProcess[str]:
    """Run Pelican on ``project``'s content (or ``content``) with ``listings`` as the postings, as of
    ``today``. ``project`` is this checkout, or a private copy whose templates or schema a test edits."""
    # Each site gets its own build cache beside it, so tests never share one by accident.
    cache = cache or Path(output).parent / f".{Path(output).name}-cache"
    env = {**os.environ, "STINT_LISTINGS": str(listings), "STINT_TODAY": today, "STINT_CACHE": str(cache), **environment}
    command = [str(PELICAN), str(content or project / "content"), "-o", str(output), "-s", str(project / settings)]
    return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=300)


def copy_project(target: Path) -> Path:
    """A private copy of the project, so templates and schema can be edited."""
    for name in ("plugins", "theme", "schema", "content"):
        shutil.copytree(ROOT / name, target / name, symlinks=True, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pelicanconf.py", "publishconf.py"):
        shutil.copy(ROOT / name, target / name)
    shutil.copytree(BOARD, target / "listings")
    return target


def read(output: Path, url: str) -> str:
    """The HTML a URL serves: /internships/x/ is internships/x/index.html."""
    path = output / url.strip("/")
    if url.endswith("/") or url == "":
        path = path / "index.html"
    return path.read_text(encoding="utf-8")


def built(listings: Path, output: Path, today: str, **options: Any) -> Path:
    """``build``, which must succeed; the output folder."""
    result = build(listings, output, today, **options)
    assert result.returncode == 0, result.stdout + result.stderr
    return output


def tree(folder: Path) -> dict[str, str]:
    """Every file's digest and every folder (an empty one left behind counts too)."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "folder"
        for path in sorted(folder.rglob("*"))
    }
