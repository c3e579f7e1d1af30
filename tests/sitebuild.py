"""Build a real site with the real Pelican, as `make html` does, into a folder of the test's."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PELICAN = Path(sys.executable).parent / "pelican"


def build(
    listings: Path, output: Path, today: str, settings: str = "pelicanconf.py", content: Path = ROOT / "content", **environment: str
) -> subprocess.CompletedProcess[str]:
    """Run Pelican on the project's content with ``listings`` as the postings, as of ``today``."""
    # Each site gets its own build cache beside it, so tests never share one by accident.
    cache = str(Path(output).parent / f".{Path(output).name}-cache")
    env = {**os.environ, "STINT_LISTINGS": str(listings), "STINT_TODAY": today, "STINT_CACHE": cache, **environment}
    command = [str(PELICAN), str(content), "-o", str(output), "-s", str(ROOT / settings)]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def read(output: Path, url: str) -> str:
    """The HTML a URL serves: /internships/x/ is internships/x/index.html."""
    path = output / url.strip("/")
    if url.endswith("/") or url == "":
        path = path / "index.html"
    return path.read_text(encoding="utf-8")


def built(listings: Path, output: Path, today: str, **options: str) -> Path:
    """``build``, which must succeed; the output folder."""
    result = build(listings, output, today, **options)
    assert result.returncode == 0, result.stdout + result.stderr
    return output
