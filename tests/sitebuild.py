"""Build a real site with the real Pelican, as `make html` does, into a folder of the test's."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
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
    command = [str(PELICAN), str(content or project / "content"), "-o", str(output), "-s", str(project / settings)]
    env = _environment(listings, output, today, cache, **environment)
    return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=300)


def _environment(listings: Path, output: Path, today: str, cache: Path | None, **environment: str) -> dict[str, str]:
    # Each site gets its own build cache beside it, so tests never share one by accident.
    cache = cache or Path(output).parent / f".{Path(output).name}-cache"
    return {**os.environ, "STINT_LISTINGS": str(listings), "STINT_TODAY": today, "STINT_CACHE": str(cache), **environment}


class Devserver:
    """A running `pelican -r` (`make devserver` less its web server) and the log it writes."""

    def __init__(self, log: Path) -> None:
        self.log = log

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8")

    def wait_for(self, condition: Callable[[], bool], seconds: float = 120) -> None:
        """Until ``condition`` holds; a file read while the output folder is swapped in may vanish."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                if condition():
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise AssertionError(f"the dev server did not get there in time:\n{self.output()}")


@contextmanager
def devserver(listings: Path, output: Path, today: str, cache: Path | None = None, log: Path | None = None) -> Iterator[Devserver]:
    """This checkout's site rebuilt on every change, as of ``today``, logging to ``log`` (beside
    ``output`` unless given); stopped with Ctrl-C, as a developer stops it."""
    log = log or Path(output).parent / "devserver.log"
    command = [str(PELICAN), "-r", str(ROOT / "content"), "-o", str(output), "-s", str(ROOT / "pelicanconf.py")]
    env = _environment(listings, output, today, cache)
    with log.open("w") as sink:
        server = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=sink, stderr=subprocess.STDOUT, start_new_session=True, preexec_fn=_interruptible
        )
    try:
        yield Devserver(log)
    finally:
        os.killpg(server.pid, signal.SIGINT)
        server.wait(timeout=30)


def _interruptible() -> None:
    """In the server's process, before Pelican starts: Ctrl-C stops it, even when the tests
    run as a background job (``nohup make test &``), whose processes inherit SIGINT ignored.
    Python makes Ctrl-C a KeyboardInterrupt only if SIGINT is not ignored when it starts."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


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
