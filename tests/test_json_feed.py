"""JSON Feed 1.1 beside every RSS and Atom feed, checked against the spec's required fields and types."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path
from typing import Any

import feedparser
import pytest

from conftest import FIXTURES
from sitebuild import built, read
from stint.outputs.feeds import FEED_LINKS, JSON_FEED, write_feeds
from stint.site.board_loading import load_board

BOARD = FIXTURES / "board"
SITE_URL = "https://stint.example/board"
VERSION = "https://jsonfeed.org/version/1.1"


def check_spec(feed: dict[str, Any]) -> None:
    """JSON Feed 1.1: version, title and items are required; each item needs an id and content_html or content_text."""
    assert feed["version"] == VERSION
    assert isinstance(feed["title"], str) and feed["title"]
    assert isinstance(feed["items"], list)
    for key in ("home_page_url", "feed_url"):
        assert feed[key].startswith(f"{SITE_URL}/"), key
    assert all(isinstance(author, dict) and author.get("name") for author in feed["authors"])
    for item in feed["items"]:
        assert isinstance(item["id"], str) and item["id"]
        assert isinstance(item.get("content_text") or item.get("content_html"), str)
        assert item["url"].startswith(f"{SITE_URL}/")
        for key in ("date_published", "date_modified"):
            assert dt.datetime.fromisoformat(item[key]).tzinfo is not None, "RFC 3339 with an offset"
        assert all(isinstance(tag, str) for tag in item.get("tags", []))


def json_feeds(site: Path) -> list[Path]:
    """Every JSON Feed: feeds/index.json is the list of topics, not a feed."""
    return [path for path in (site / "feeds").rglob("*.json") if path != site / "feeds" / "index.json"]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built(BOARD, tmp_path_factory.mktemp("json") / "site", "2026-12-01", settings="publishconf.py", STINT_SITEURL=SITE_URL)


def test_every_feed_has_a_json_feed_beside_it_that_meets_the_spec(site: Path) -> None:
    xml = {link.path for link in FEED_LINKS if link.type != JSON_FEED}
    json_paths = {path.relative_to(site).as_posix() for path in json_feeds(site)}
    assert json_paths == {path.removesuffix(".atom.xml").removesuffix(".rss.xml") + ".json" for path in xml}
    for path in json_paths:
        feed = json.loads((site / path).read_text(encoding="utf-8"))
        check_spec(feed)
        assert feed["feed_url"] == f"{SITE_URL}/{path}"


def test_json_items_are_the_rss_items_with_the_same_ids(site: Path) -> None:
    for path in json_feeds(site):
        items = json.loads(path.read_text(encoding="utf-8"))["items"]
        rss = feedparser.parse(path.with_name(path.name.removesuffix(".json") + ".rss.xml").read_bytes())
        assert [item["url"] for item in items] == [entry.link for entry in rss.entries], path
        assert [item["id"] for item in items] == [entry.id for entry in rss.entries], path
        assert [item["title"] for item in items] == [entry.title for entry in rss.entries], path


def test_pages_advertise_the_json_feed_beside_the_others(site: Path) -> None:
    head = read(site, "internships/field/research/")
    assert (
        f'<link rel="alternate" type="application/feed+json" title="stint: Research micro-internships (JSON Feed)" href="{SITE_URL}/feeds/field/research.json">'
        in head
    )


def test_hostile_text_stays_text_in_valid_json(tmp_path: Path) -> None:
    board = load_board(BOARD, dt.date(2026, 12, 1)).board
    posting = dataclasses.replace(
        board.open[0], title='Bad\x0b"title"\ud800</script><script>alert(1)</script>', summary="Sum\x00mary\u2028"
    )
    write_feeds(tmp_path, dataclasses.replace(board, postings=(posting, *board.postings[1:])), [], SITE_URL, "stint")
    raw = (tmp_path / "feeds" / "internships.json").read_bytes()
    feed = json.loads(raw.decode("utf-8"))  # no lone surrogate: the file is UTF-8
    check_spec(feed)
    assert feed["items"][0]["title"] == f'Bad"title"</script><script>alert(1)</script>, {posting.organization}'
    assert feed["items"][0]["content_text"].startswith("Summary\u2028")
