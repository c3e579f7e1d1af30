"""The postings' parts of feeds and calendars, kept between builds: reused only as made, for what is still listed."""

from __future__ import annotations

from pathlib import Path

import pytest

from stint.outputs.fragments import Fragments
from stint.writing.cache import BuildCache


def _build(tmp_path: Path, fingerprint: str = "code") -> Fragments:
    """The parts as the next build finds them."""
    return Fragments(BuildCache(tmp_path / "cache", fingerprint), fingerprint)


def _never() -> str:
    raise AssertionError("made again, though an earlier build kept it")


def test_a_part_listed_by_a_build_is_taken_from_the_cache_by_the_next(tmp_path: Path) -> None:
    first = _build(tmp_path)
    first.want("rss", ["slug:1"])
    assert first.get("rss", "slug:1", lambda: "<item>one</item>") == "<item>one</item>"
    first.save()
    assert _build(tmp_path).get("rss", "slug:1", _never) == "<item>one</item>"


def test_a_part_is_made_once_a_build(tmp_path: Path) -> None:
    made: list[str] = []
    parts = _build(tmp_path)
    for _ in range(3):
        parts.get("event", "slug:1", lambda: made.append("made") or "BEGIN:VEVENT")
    assert made == ["made"]


def test_parts_no_feed_or_calendar_lists_any_more_are_dropped(tmp_path: Path) -> None:
    first = _build(tmp_path)
    first.want("rss", ["kept:1"])
    for identity in ("kept:1", "gone:1"):
        first.get("rss", identity, lambda: "<item/>")
    first.save()
    second = _build(tmp_path)
    assert second.get("rss", "kept:1", _never) == "<item/>"
    assert second.get("rss", "gone:1", lambda: "made again") == "made again"


@pytest.mark.parametrize(("kind", "fingerprint"), [("atom", "code"), ("rss", "other code")])
def test_a_part_is_reused_only_for_its_kind_and_the_code_that_made_it(tmp_path: Path, kind: str, fingerprint: str) -> None:
    first = _build(tmp_path)
    first.want("rss", ["slug:1"])
    first.get("rss", "slug:1", lambda: "<item/>")
    first.save()
    assert _build(tmp_path, fingerprint).get(kind, "slug:1", lambda: "made again") == "made again"


def test_a_part_without_an_identity_is_always_made(tmp_path: Path) -> None:
    parts = _build(tmp_path)
    parts.want("rss", [""])
    assert [parts.get("rss", "", lambda number=number: f"guide {number}") for number in range(2)] == ["guide 0", "guide 1"]
