"""Issue 14, item 6: `make devserver` (pelican -lr) and the one patch it makes to Pelican.

A failed build waits for the next change: with a broken posting, Pelican's own autoreload
loop builds once, reports once, and builds again only when a file changes.
"""

from __future__ import annotations

import inspect
import time
from pathlib import Path

import pelican
import pelican.utils

from conftest import EXAMPLE, edited
from sitebuild import devserver

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
    listings, output = tmp_path / "listings", tmp_path / "output"
    listings.mkdir()
    (listings / "good-posting.yaml").write_text(EXAMPLE, encoding="utf-8")
    broken = listings / "broken-posting.yaml"
    broken.write_text(second_posting(50), encoding="utf-8")
    with devserver(listings, output, "2026-12-01", cache=tmp_path / "cache") as server:

        def reports(problem: str) -> int:
            return server.output().count(problem)

        server.wait_for(lambda: reports("[out-of-range]") >= 1)
        time.sleep(3)  # Pelican's loop would have built about ninety times by now
        assert reports("[out-of-range]") == 1, server.output()

        broken.write_text(second_posting(60), encoding="utf-8")
        server.wait_for(lambda: reports("hours_per_week: 60 is out of range") >= 1)
        time.sleep(2)
        assert reports("[out-of-range]") == 2, "one build for the one change"

        broken.write_text(second_posting(20), encoding="utf-8")
        server.wait_for(lambda: (output / "internships" / "broken-posting" / "index.html").exists())
        assert reports("[out-of-range]") == 2
    assert sorted(path.name for path in tmp_path.iterdir()) == ["cache", "devserver.log", "listings", "output"], "no staging left"
