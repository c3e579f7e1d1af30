"""The board never freezes: a publish build leaves a broken posting out and publishes the rest."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, edited
from sitebuild import build

BROKEN = edited("hours_per_week: 15", "hours_per_week: 41")


@pytest.fixture
def board_with_a_broken_posting(tmp_path: Path) -> Path:
    listings = tmp_path / "listings"
    shutil.copytree(FIXTURES / "board", listings)
    (listings / "broken-posting.yaml").write_text(BROKEN, encoding="utf-8")
    return listings


def test_publish_leaves_the_broken_posting_out_and_publishes_the_rest(board_with_a_broken_posting: Path, tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    output = tmp_path / "site"
    result = build(board_with_a_broken_posting, output, "2026-12-01", settings="publishconf.py", STINT_BUILD_REPORT=str(report))
    assert result.returncode == 0, result.stderr
    left_out = json.loads(report.read_text(encoding="utf-8"))
    assert left_out["version"] == 1
    assert [(entry["file"].rsplit("/", 1)[-1], [p["code"] for p in entry["problems"]]) for entry in left_out["left_out"]] == [
        ("broken-posting.yaml", ["out-of-range"])
    ]
    assert "left out:" in result.stderr and "broken-posting.yaml" in result.stderr
    # No trace of it on the site: no page, no card, no feed entry, no search or data entry.
    assert not any("broken-posting" in path.name or "broken-posting" in path.read_bytes().decode("utf-8", "replace")
                   for path in output.rglob("*") if path.is_file())  # fmt: skip
    for posting in (FIXTURES / "board").glob("*.yaml"):
        if posting.stem != "scheduled-survey":  # posted in the future: not yet on the board
            assert (output / "internships" / posting.stem / "index.html").is_file()
    closed = (output / "internships" / "closed" / "index.html").read_text(encoding="utf-8")
    assert "/internships/expired-sales/" in closed  # the daily build still closes expired postings


def test_an_all_valid_publish_writes_an_empty_report(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    result = build(FIXTURES / "board", tmp_path / "site", "2026-12-01", settings="publishconf.py", STINT_BUILD_REPORT=str(report))
    assert result.returncode == 0, result.stderr
    assert json.loads(report.read_text(encoding="utf-8")) == {"version": 1, "left_out": []}


def test_make_html_still_fails_on_a_broken_posting(board_with_a_broken_posting: Path, tmp_path: Path) -> None:
    result = build(board_with_a_broken_posting, tmp_path / "site", "2026-12-01")
    assert result.returncode != 0
    assert "hours_per_week: 41 is out of range" in result.stderr
    assert not (tmp_path / "site").exists()


def test_make_html_keeps_going_when_asked(board_with_a_broken_posting: Path, tmp_path: Path) -> None:
    result = build(
        board_with_a_broken_posting, tmp_path / "site", "2026-12-01", STINT_KEEP_GOING="1", STINT_BUILD_REPORT=str(tmp_path / "r.json")
    )
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "site" / "internships" / "broken-posting").exists()
