"""Issue 14, item 6: `make devserver` (pelican -lr) and the one patch it makes to Pelican.

A failed build waits for the next change: with a broken posting, Pelican's own autoreload
loop builds once, reports once, and builds again only when a file changes.
"""

from __future__ import annotations

import inspect
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pelican
import pelican.utils

from conftest import EXAMPLE, ROOT, edited

CHECKED_PELICAN = "4.12.0"


def test_the_patched_pelican_is_the_one_it_was_checked_against() -> None:
    """devserver.py replaces ``pelican.wait_for_changes``. On another Pelican, read its
    ``autoreload`` again: does it still look that name up in its module on every cycle, call it
    with (settings file, settings), and send ``get_generators`` as each run starts? Then
    move the pin."""
    assert pelican.__version__ == CHECKED_PELICAN, "re-check plugins/stint/site/devserver.py against this Pelican's autoreload"
    assert "wait_for_changes" in pelican.autoreload.__code__.co_names
    assert list(inspect.signature(pelican.utils.wait_for_changes).parameters) == ["settings_file", "settings"]
    assert "_get_generator_classes" in pelican.Pelican.run.__code__.co_names


def second_posting(hours_per_week: int) -> str:
    """A posting of its own (not a duplicate of the example), with the hours given."""
    own = edited("title: Customer interview sprint for a budgeting app", "title: Usability test sprint for a budgeting app")
    return edited("hours_per_week: 15", f"hours_per_week: {hours_per_week}", own)


def test_a_failed_build_waits_for_the_next_change(tmp_path: Path) -> None:
    listings, output, log = tmp_path / "listings", tmp_path / "output", tmp_path / "devserver.log"
    listings.mkdir()
    (listings / "good-posting.yaml").write_text(EXAMPLE, encoding="utf-8")
    broken = listings / "broken-posting.yaml"
    broken.write_text(second_posting(50), encoding="utf-8")
    env = {**os.environ, "STINT_LISTINGS": str(listings), "STINT_TODAY": "2026-12-01", "STINT_CACHE": str(tmp_path / "cache")}
    command = [
        str(Path(sys.executable).parent / "pelican"),
        "-r",
        str(ROOT / "content"),
        "-o",
        str(output),
        "-s",
        str(ROOT / "pelicanconf.py"),
    ]
    with log.open("w") as sink:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=sink, stderr=subprocess.STDOUT, start_new_session=True)

    def reports(problem: str) -> int:
        return log.read_text(encoding="utf-8").count(problem)

    try:
        _wait_for(lambda: reports("[out-of-range]") >= 1, log)
        time.sleep(3)  # Pelican's loop would have built about ninety times by now
        assert reports("[out-of-range]") == 1, log.read_text(encoding="utf-8")

        broken.write_text(second_posting(60), encoding="utf-8")
        _wait_for(lambda: reports("hours_per_week: 60 is out of range") >= 1, log)
        time.sleep(2)
        assert reports("[out-of-range]") == 2, "one build for the one change"

        broken.write_text(second_posting(20), encoding="utf-8")
        _wait_for(lambda: (output / "internships" / "broken-posting" / "index.html").exists(), log)
        assert reports("[out-of-range]") == 2
    finally:
        os.killpg(server.pid, signal.SIGINT)  # Ctrl-C
        server.wait(timeout=30)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["cache", "devserver.log", "listings", "output"], "no staging left"


def _wait_for(condition: Callable[[], bool], log: Path, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"the dev server did not get there in time:\n{log.read_text(encoding='utf-8')}")
