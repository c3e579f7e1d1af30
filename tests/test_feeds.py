"""The feeds, written from tests/fixtures/board as of a pinned day and read back as a feed reader would."""

from __future__ import annotations

import dataclasses
import datetime as dt
import email.utils
import functools
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import feedparser
import pytest
from feedgenerator import Atom1Feed, Rss201rev2Feed

from conftest import FIXTURES
from expectations import FACET_VALUES
from sitebuild import built, read
from stint.board.board import Board
from stint.contract.loading import load_file
from stint.outputs import feeds as feeds_module
from stint.outputs import json_feed, topics
from stint.outputs.feeds import ATOM, DEV_SITE_URL, FEED_LINKS, JSON_FEED, RSS, feed_links_for, write_feeds, xml_text
from stint.outputs.fragments import Fragments
from stint.site.board_loading import load_board

BOARD = FIXTURES / "board"
TODAY = dt.date(2026, 12, 1)
SITE_URL = "https://stint.example/board"
ATOM_NS = "{http://www.w3.org/2005/Atom}"
FIELDS = FACET_VALUES["field"]
GUIDES = [
    SimpleNamespace(
        title="International students: CPT & OPT",
        url="guides/international-students-cpt-opt/",
        summary="<p>What the <em>CPT</em> badge means &amp; what &lt;script&gt; is not.</p>",
        content="<p>Body</p><script>alert(1)</script>",
        date=dt.datetime(2026, 10, 12, tzinfo=dt.UTC),
        modified=dt.datetime(2026, 11, 2, 9, 30, tzinfo=dt.UTC),
        postings="international=cpt, international=opt, nonsense=value",
    ),
    SimpleNamespace(
        title="What is a micro-internship?",
        url="guides/what-is-a-micro-internship/",
        summary="Short paid projects.",
        date=dt.datetime(2026, 9, 1),
    ),
]


def expected_topics() -> dict[str, list[str]]:
    """Posting URLs per feed, newest first, from the fixture YAML by the design's rules (not the plugin's)."""
    postings = {path.stem: load_file(path.read_bytes(), path.name).data for path in sorted(BOARD.glob("*.yaml"))}
    open_ = {
        slug: data
        for slug, data in postings.items()
        if not data.get("closed") and dt.date.fromisoformat(data["posted"]) <= TODAY <= dt.date.fromisoformat(data["apply_by"])
    }
    rules = {
        "internships": lambda data: True,
        "remote": lambda data: data["location"]["mode"] == "remote",
        "paid": lambda data: data["compensation"]["type"] == "paid",
        "international": lambda data: bool(data.get("eligibility", {}).get("international_students")),
        **{f"field/{field}": (lambda data, field=field: field in data["fields"]) for field in FIELDS},
        "location/remote": lambda data: data["location"]["mode"] == "remote",
        "pay/paid": lambda data: data["compensation"]["type"] == "paid",
        "pay/unpaid": lambda data: data["compensation"]["type"] == "unpaid",
        "credit/yes": lambda data: bool(data.get("academic_credit")),
        "host/alumni": lambda data: data.get("host") == "alumni",
        **{
            f"international/{route}": (lambda data, route=route: route in data.get("eligibility", {}).get("international_students", []))
            for route in ("cpt", "opt", "work-visa")
        },
        **{
            f"field/{field}/location/remote": (lambda data, field=field: field in data["fields"] and data["location"]["mode"] == "remote")
            for field in FIELDS
        },
        **{
            f"field/{field}/international/{route}": (
                lambda data, field=field, route=route: (
                    field in data["fields"] and route in data.get("eligibility", {}).get("international_students", [])
                )
            )
            for field in FIELDS
            for route in ("cpt", "opt", "work-visa")
        },
    }
    newest_first = sorted(open_, key=lambda slug: (open_[slug]["posted"], slug), reverse=True)
    return {name: [f"{SITE_URL}/internships/{slug}/" for slug in newest_first if rule(open_[slug])] for name, rule in rules.items()}


@dataclasses.dataclass
class Feed:
    raw: bytes
    parsed: Any  # feedparser's result
    root: ET.Element

    @property
    def items(self) -> list[ET.Element]:
        return self.root.findall("channel/item") or self.root.findall(f"{ATOM_NS}entry")


def read_feeds(output: Path) -> dict[str, Feed]:
    feeds = {}
    for path in sorted(output.rglob("*.xml")):
        raw = path.read_bytes()
        feeds[path.relative_to(output).as_posix()] = Feed(raw, feedparser.parse(raw), ET.fromstring(raw))
    return feeds


def publish(output: Path, board: Board, guides: list[Any] = GUIDES, site_url: str = SITE_URL) -> dict[str, Feed]:
    links = write_feeds(output, board, guides, site_url, "stint")
    feeds = read_feeds(output)
    assert sorted(feeds) == sorted(link.path for link in links if link.type != JSON_FEED)
    return feeds


@pytest.fixture(scope="module")
def board() -> Board:
    return load_board(BOARD, TODAY).board


@pytest.fixture(scope="module")
def feeds(board: Board, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Feed]:
    return publish(tmp_path_factory.mktemp("feeds"), board)


def test_every_public_feed_is_written_and_well_formed(feeds: dict[str, Feed]) -> None:
    expected = {"feeds/internships.rss.xml", "feeds/internships.atom.xml", "feeds/guides.rss.xml"}
    expected |= {f"feeds/{name}.rss.xml" for name in ("remote", "paid", "international")}
    expected |= {f"feeds/{facet}/{value}.rss.xml" for facet, values in FACET_VALUES.items() for value in values}
    pairs = ("location/remote", "pay/paid", "international/cpt", "international/opt", "international/work-visa")
    expected |= {f"feeds/field/{field}/{pair}.rss.xml" for field in FIELDS for pair in pairs}
    assert set(feeds) == expected
    assert len(expected) == 3 + 3 + 32 + 55, "the count of feeds is bounded by the facets, whatever the board holds"
    for path, feed in feeds.items():
        assert not feed.parsed.bozo, (path, feed.parsed.get("bozo_exception"))
        assert feed.parsed.version == ("atom10" if path.endswith(".atom.xml") else "rss20"), path
        assert feed.parsed.feed.language == "en", path
        assert not re.search(rb"<script|javascript:", feed.raw, re.IGNORECASE), path


def test_each_feed_holds_exactly_the_open_postings_of_its_topic_newest_first(feeds: dict[str, Feed]) -> None:
    expected = expected_topics()
    assert expected["internships"] and expected["field/sales"] == [], "the fixture should cover full and empty feeds"
    for name, urls in expected.items():
        for extension in ("rss.xml", "atom.xml") if name == "internships" else ("rss.xml",):
            assert f"feeds/{name}.{extension}" in feeds, name
            assert [entry.link for entry in feeds[f"feeds/{name}.{extension}"].parsed.entries] == urls, name


def test_every_link_is_absolute(feeds: dict[str, Feed]) -> None:
    for path, feed in feeds.items():
        links = [element.text for element in feed.root.iter("link") if element.text]
        links += [element.get("href") for element in feed.root.iter() if element.get("href")]
        links += [feed.parsed.feed.link, *(entry.link for entry in feed.parsed.entries)]
        assert links and all(link.startswith(f"{SITE_URL}/") for link in links), (path, links)
        assert any(link == f"{SITE_URL}/{path}" for link in links), f"{path} has no rel=self link"


def test_the_dev_build_falls_back_to_localhost(board: Board, tmp_path: Path) -> None:
    feed = publish(tmp_path, board, site_url="")["feeds/internships.rss.xml"]
    assert feed.parsed.feed.link == f"{DEV_SITE_URL}/internships/"
    assert all(entry.link.startswith(f"{DEV_SITE_URL}/internships/") for entry in feed.parsed.entries)


def test_ids_are_tag_uris_marked_not_permalinks_and_stable(board: Board, feeds: dict[str, Feed], tmp_path: Path) -> None:
    rss, atom = feeds["feeds/internships.rss.xml"], feeds["feeds/internships.atom.xml"]
    guids = rss.root.findall("channel/item/guid")
    assert guids and all(guid.get("isPermaLink") == "false" and guid.text.startswith("tag:stint.example,") for guid in guids)
    assert [guid.text for guid in guids] == [entry.findtext(f"{ATOM_NS}id") for entry in atom.items]
    assert len({guid.text for guid in guids}) == len(guids)
    assert atom.root.findtext(f"{ATOM_NS}id") == f"{SITE_URL}/feeds/internships.atom.xml"
    assert atom.root.findtext(f"{ATOM_NS}author/{ATOM_NS}name") == "stint", "Atom requires a feed author"
    assert all(not feed.parsed.entries or not any(entry.guidislink for entry in feed.parsed.entries) for feed in feeds.values())
    again = publish(tmp_path, board)
    assert {path: feed.raw for path, feed in again.items()} == {path: feed.raw for path, feed in feeds.items()}, (
        "builds must be byte-identical"
    )


def test_item_dates_are_the_posted_day_and_feed_dates_the_newest(board: Board, feeds: dict[str, Feed]) -> None:
    posted = {f"{SITE_URL}/{posting.url}": dt.datetime.combine(posting.posted, dt.time(), dt.UTC) for posting in board.postings}
    for path, feed in feeds.items():
        if path == "feeds/guides.rss.xml":
            continue
        dates = [posted[entry.link] for entry in feed.parsed.entries]
        newest = max(dates, default=dt.datetime.combine(TODAY, dt.time(), dt.UTC))
        if path.endswith(".atom.xml"):
            assert [dt.datetime.fromisoformat(entry.findtext(f"{ATOM_NS}published")) for entry in feed.items] == dates
            assert dt.datetime.fromisoformat(feed.root.findtext(f"{ATOM_NS}updated")) == newest
        else:
            assert [email.utils.parsedate_to_datetime(item.findtext("pubDate")) for item in feed.items] == dates, path
            assert email.utils.parsedate_to_datetime(feed.root.findtext("channel/lastBuildDate")) == newest, path


def test_items_carry_field_categories_and_the_key_facts(board: Board, feeds: dict[str, Feed]) -> None:
    entries = {entry.link: entry for entry in feeds["feeds/internships.rss.xml"].parsed.entries}
    research = entries[f"{SITE_URL}/internships/remote-paid-research/"]
    assert research.title == "Customer interview sprint for a budgeting app, Northwind Ledger"
    assert [tag.term for tag in research.tags] == ["Research", "Marketing"]
    for fact in (
        "Organisation: Northwind Ledger.",
        "Pay: USD 900 per project, about USD 24 an hour.",
        "Duration: 2-3 weeks.",
        "Hours: 15 hours a week.",
        "Location: Remote from United States, Canada.",
        "Apply by: 2026-12-15.",
    ):
        assert fact in research.summary
    atom = feeds["feeds/internships.atom.xml"].items[0]
    assert atom.find(f"{ATOM_NS}summary").get("type") == "text"
    assert [category.get("term") for category in atom.findall(f"{ATOM_NS}category")] == board.open[0].field_labels


def test_guides_feed_is_plain_text_newest_first(feeds: dict[str, Feed]) -> None:
    feed = feeds["feeds/guides.rss.xml"]
    assert [entry.link for entry in feed.parsed.entries] == [f"{SITE_URL}/{guide.url}" for guide in GUIDES]
    first = feed.parsed.entries[0]
    assert first.title == "International students: CPT & OPT"
    assert [tag.term for tag in first.tags] == ["CPT", "OPT"]
    # The description is HTML for readers: the guide's tags are gone, its words shown as written.
    assert first.summary == "What the CPT badge means &amp; what &lt;script&gt; is not."
    assert email.utils.parsedate_to_datetime(feed.root.findtext("channel/lastBuildDate")) == GUIDES[0].modified
    assert email.utils.parsedate_to_datetime(feed.items[1].findtext("pubDate")) == GUIDES[1].date.replace(tzinfo=dt.UTC)


def hostile(board: Board) -> Board:
    """The board with texts the validator refuses, as if a bug or a new field let them through."""
    posting = dataclasses.replace(
        board.open[0],
        title="Bad\x0btitle\ufffe<script>alert(1)</script>",
        organization="Org\ud800\x00\x7f\x85",
        summary='Summary\uffff <img src=x onerror="alert(1)"> <a href="javascript:alert(1)">x</a>',
    )
    return dataclasses.replace(board, postings=(posting, *board.postings[1:]))


def test_forbidden_characters_and_markup_cannot_break_a_feed_or_run(board: Board, tmp_path: Path) -> None:
    feeds = publish(tmp_path, hostile(board))
    for path, feed in feeds.items():
        assert not feed.parsed.bozo, path
        feed.raw.decode("utf-8")
        # No live tag anywhere; "javascript:" may survive only as inert, escaped words.
        assert not re.search(rb"<(script|img|a)\b|[\x00-\x08\x0b\x0c\x0e-\x1f]|\xef\xbf[\xbe\xbf]", feed.raw), path
    rss, atom = feeds["feeds/internships.rss.xml"], feeds["feeds/internships.atom.xml"]
    assert rss.items[0].findtext("title") == "Badtitle<script>alert(1)</script>, Org"
    # An RSS description is read as HTML: the hostile text must arrive escaped, as words.
    assert "<" not in rss.items[0].findtext("description") and "&lt;img" in rss.items[0].findtext("description")
    assert atom.items[0].find(f"{ATOM_NS}summary").get("type") == "text"


@pytest.mark.parametrize("hostile_text", [False, True])
def test_each_feed_is_the_text_the_library_writes_item_by_item(board: Board, hostile_text: bool) -> None:
    """Each entry's XML is made once and spliced into every feed that lists it, and each
    JSON item is encoded once and joined in: the feeds must be, byte for byte, what the
    library and the JSON encoder write for the whole feed at once."""
    board = hostile(board) if hostile_text else board
    today, fragments = feeds_module.utc(TODAY), Fragments.unkept()
    for link, _, made in feeds_module._feeds(GUIDES, topics.Members(board)):
        entries = made()
        if link.type == JSON_FEED:
            text = json_feed.document(link, entries, SITE_URL, "stint", fragments)
            assert text == json.dumps(json.loads(text), ensure_ascii=False, separators=(",", ":")) + "\n", link.path
            continue
        spliced = feeds_module._feed(link, entries, SITE_URL, "stint", today, fragments)
        whole = feeds_module._feed(link, entries, SITE_URL, "stint", today, fragments)
        whole.entries = ()
        for listed in entries:
            whole.add_item(**listed.entry().item(SITE_URL))
        library = next(kind for kind in (Rss201rev2Feed, Atom1Feed) if isinstance(whole, kind))
        whole.write_items = functools.partial(library.write_items, whole)  # the library's own item writer
        assert spliced.writeString("utf-8") == whole.writeString("utf-8"), link.path


def test_empty_board_writes_valid_empty_feeds_dated_today(tmp_path: Path) -> None:
    feeds = publish(tmp_path, Board((), TODAY), guides=[])
    for path, feed in feeds.items():
        assert not feed.parsed.bozo and feed.parsed.entries == [], path
        updated = feed.root.findtext("channel/lastBuildDate") or feed.root.findtext(f"{ATOM_NS}updated")
        assert "01 Dec 2026 00:00:00" in updated or updated.startswith("2026-12-01T00:00:00"), path


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        ("a\x0bb\x0cc\x00d", "abcd"),
        ("no\ufffe\uffffnon-characters", "nonon-characters"),
        ("lone \ud800\udfff surrogates", "lone  surrogates"),
        ("DEL\x7f and C1\x85\x9f", "DEL and C1"),
        ("tab\tnewline\ncr\r kept", "tab\tnewline\ncr\r kept"),
        ("Zürich, 東京, 🙂, \u00a0", "Zürich, 東京, 🙂, \u00a0"),
    ],
)
def test_xml_text_removes_only_what_xml_forbids_or_never_means(text: str, clean: str) -> None:
    assert xml_text(text) == clean
    ET.fromstring(f"<t>{clean}</t>".encode())


@pytest.mark.parametrize(
    ("page_url", "feeds"),
    [
        ("", ["internships.rss.xml", "internships.atom.xml", "internships.json"]),
        ("internships/", ["internships.rss.xml", "internships.atom.xml", "internships.json"]),
        ("internships/page/2/", ["internships.rss.xml", "internships.atom.xml", "internships.json"]),
        ("internships/field/data-analysis/", ["field/data-analysis.rss.xml", "field/data-analysis.json"]),
        ("internships/field/design/page/3/", ["field/design.rss.xml", "field/design.json"]),
        ("internships/location/remote/", ["location/remote.rss.xml", "location/remote.json"]),
        ("internships/location/hybrid/", ["location/hybrid.rss.xml", "location/hybrid.json"]),
        ("internships/pay/paid/", ["pay/paid.rss.xml", "pay/paid.json"]),
        (
            "internships/international/opt/",
            ["international/opt.rss.xml", "international/opt.json", "international.rss.xml", "international.json"],
        ),
        (
            "internships/international/work-visa/",
            ["international/work-visa.rss.xml", "international/work-visa.json", "international.rss.xml", "international.json"],
        ),
        ("guides/", ["guides.rss.xml", "guides.json"]),
        ("guides/what-is-a-micro-internship/", ["guides.rss.xml", "guides.json"]),
        ("internships/remote-paid-research/", []),
        ("internships/closed/", []),
        ("submit/", []),
        ("404.html", []),
    ],
)
def test_pages_advertise_the_feeds_of_their_topic(page_url: str, feeds: list[str]) -> None:
    links = feed_links_for(page_url)
    assert [link.path for link in links] == [f"feeds/{feed}" for feed in feeds]
    assert all(link.type in (RSS, ATOM, JSON_FEED) and link.label.endswith(("(RSS)", "(Atom)", "(JSON Feed)")) for link in links)


def test_every_feed_links_back_to_a_page_and_pages_advertise_all_but_pairs_and_old_names() -> None:
    """A pair of facet values has no static page: /follow/ and "Follow this search" offer its feeds."""
    for link in FEED_LINKS:
        assert link.page.startswith(("internships/", "guides/")), link
        assert all(link in feed_links_for(page) for page in link.shown_on)
        is_pair_or_old_name = link.path.count("/") == 4 or link.path.split(".")[0] in ("feeds/remote", "feeds/paid")
        assert bool(link.shown_on) != is_pair_or_old_name, link


def test_built_site_writes_and_advertises_the_feeds(tmp_path: Path) -> None:
    """End to end through Pelican: the feeds are written and every page lists its own in <head>."""
    output = built(BOARD, tmp_path / "output", TODAY.isoformat(), settings="publishconf.py", STINT_SITEURL=SITE_URL)
    feeds = read_feeds(output / "feeds")
    assert {f"feeds/{path}" for path in feeds} == {link.path for link in FEED_LINKS if link.type != JSON_FEED}
    assert all(not feed.parsed.bozo for feed in feeds.values())
    assert [entry.link for entry in feeds["internships.rss.xml"].parsed.entries] == expected_topics()["internships"]
    assert feeds["guides.rss.xml"].parsed.entries, "the guides feed reads Pelican's articles"
    for page_url in ("", "internships/field/research/", "guides/what-is-a-micro-internship/"):
        advertised = re.findall(r'<link rel="alternate" type="([^"]+)" title="[^"]+" href="([^"]+)">', read(output, page_url))
        assert advertised == [(link.type, f"{SITE_URL}/{link.path}") for link in feed_links_for(page_url)], page_url
