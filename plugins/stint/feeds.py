"""The board's feeds: all open postings (RSS and Atom), one per field, remote, paid,
international, and the guides.

Written with feedgenerator directly rather than Pelican's ``write_feed``: Pelican marks its
tag-URI guids as permalinks (the W3C validator rejects them) and stamps empty feeds with the
wall clock. Which feeds exist depends only on ``FACETS``, so every page can advertise its
feeds (``feed_links_for``) before any feed is written.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from feedgenerator import Atom1Feed, Rss201rev2Feed, get_tag_uri
from markupsafe import Markup

from stint.board import Board
from stint.facets import FACETS, FACETS_BY_NAME
from stint.guides import topic_pairs
from stint.posting import Posting

# The dev build has no SITEURL, but feed readers need absolute links: `make serve`'s address.
DEV_SITE_URL = "http://localhost:8000"
RSS, ATOM = "application/rss+xml", "application/atom+xml"
_EXTENSIONS = {RSS: "rss.xml", ATOM: "atom.xml"}
_FORMAT_NAMES = {RSS: "RSS", ATOM: "Atom"}

# XML 1.0 forbids C0 controls (bar tab and line breaks), U+FFFE/U+FFFF and lone surrogates;
# DEL and C1 controls are allowed but never meant. feedgenerator raises on some (failing the
# build) and writes the others into a feed no reader can parse.
_NOT_XML = re.compile("[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_PAGINATION = re.compile(r"page/\d+/\Z")
_VALUE_LABELS = {(facet.name, value.slug): value.label for facet in FACETS for value in facet.values}


def xml_text(text: str) -> str:
    """Text any XML 1.0 feed can carry: forbidden and control characters removed."""
    return _NOT_XML.sub("", text)


@dataclass(frozen=True)
class FeedLink:
    """One feed file, as a page's ``<link rel="alternate">`` names it."""

    path: str  # from the site root: feeds/field/design.rss.xml
    title: str
    type: str  # RSS or ATOM
    page: str  # the HTML page listing the same entries: the feed's <link>
    shown_on: tuple[str, ...]  # page URLs whose <head> advertises this feed

    @property
    def label(self) -> str:
        """The link's title attribute: a page offering RSS and Atom must tell them apart."""
        return f"{self.title} ({_FORMAT_NAMES[self.type]})"


@dataclass(frozen=True)
class Topic:
    """The open postings a feed follows: those in any of ``values`` of ``facet``, or all when no facet."""

    name: str  # file stem under feeds/
    title: str
    page: str
    shown_on: tuple[str, ...]
    facet: str = ""
    values: frozenset[str] = frozenset()
    types: tuple[str, ...] = (RSS,)

    def includes(self, posting: Posting) -> bool:
        return not self.facet or not self.values.isdisjoint(posting.facets[self.facet])

    @property
    def links(self) -> tuple[FeedLink, ...]:
        return tuple(FeedLink(f"feeds/{self.name}.{_EXTENSIONS[kind]}", self.title, kind, self.page, self.shown_on) for kind in self.types)


def facet_topic(name: str, title: str, facet: str, slugs: Sequence[str] = ()) -> Topic:
    """Postings in any of ``slugs`` (all the facet's values when empty), advertised on each value's facet page."""
    slugs = tuple(slugs) or tuple(value.slug for value in FACETS_BY_NAME[facet].values)
    pages = tuple(f"internships/{facet}/{slug}/" for slug in slugs)
    # Several values have no static page of their own: the listing filters by query string.
    page = pages[0] if len(pages) == 1 else "internships/?" + urlencode([(facet, slug) for slug in slugs])
    return Topic(name, title, page, pages, facet, frozenset(slugs))


TOPICS: tuple[Topic, ...] = (
    Topic("internships", "Micro-internships", "internships/", ("", "internships/"), types=(RSS, ATOM)),
    *(
        facet_topic(f"field/{value.slug}", f"{value.label} micro-internships", "field", [value.slug])
        for value in FACETS_BY_NAME["field"].values
    ),
    facet_topic("remote", "Remote micro-internships", "location", ["remote"]),
    facet_topic("paid", "Paid micro-internships", "pay", ["paid"]),
    facet_topic("international", "Micro-internships open to international students", "international"),
)
GUIDES = FeedLink("feeds/guides.rss.xml", "Guides", RSS, "guides/", ("guides/",))
FEED_LINKS: tuple[FeedLink, ...] = (*(link for topic in TOPICS for link in topic.links), GUIDES)
_LINKS_BY_PAGE = {page: tuple(link for link in FEED_LINKS if page in link.shown_on) for link in FEED_LINKS for page in link.shown_on}


def feed_links_for(page_url: str) -> tuple[FeedLink, ...]:
    """The feeds a page advertises: its topic's on every page of it, the guides feed on every guide."""
    page = _PAGINATION.sub("", page_url)
    return _LINKS_BY_PAGE.get("guides/" if page.startswith("guides/") else page, ())


@dataclass(frozen=True)
class Entry:
    """One feed item, plain text throughout, whatever it came from."""

    title: str
    path: str  # from the site root
    text: str
    published: dt.datetime
    updated: dt.datetime
    categories: tuple[str, ...] = ()

    def item(self, base: str) -> dict[str, Any]:
        """``add_item`` arguments. The id is a tag URI, the same in every feed, so it is not a permalink."""
        link = f"{base}/{self.path}"
        return {
            "title": xml_text(self.title),
            "link": link,
            "description": xml_text(self.text),
            "pubdate": self.published,
            "updateddate": self.updated,
            "unique_id": get_tag_uri(link, self.published),
            "unique_id_is_permalink": False,
            "categories": [xml_text(category) for category in self.categories],
        }


def utc(moment: dt.date) -> dt.datetime:
    """A date as midnight UTC; a naive datetime read as UTC (Pelican's TIMEZONE is UTC)."""
    if not isinstance(moment, dt.datetime):
        return dt.datetime.combine(moment, dt.time(), dt.UTC)
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


def posting_entry(posting: Posting) -> Entry:
    pay = ", ".join(filter(None, [posting.pay.text(), posting.hourly_pay_text]))
    facts = [
        f"Organisation: {posting.organization}",
        f"Pay: {pay}",
        f"Duration: {posting.duration_text}",
        f"Hours: {posting.hours_text}",
        f"Location: {posting.location.text()}",
        f"Apply by: {posting.apply_by.isoformat()}",
    ]
    # One fact a line, each ending in a full stop: it still reads where a reader joins the lines.
    text = "\n".join([posting.summary, *(fact + "." for fact in facts)])
    posted = utc(posting.posted)
    return Entry(f"{posting.title}, {posting.organization}", posting.url, text, posted, posted, tuple(posting.field_labels))


def guide_entry(guide: Any) -> Entry:
    """A guide as a Pelican article: summary as plain text, its topic's facet labels as categories."""
    text = Markup(str(getattr(guide, "summary", "") or "")).striptags()
    published = utc(guide.date)
    updated = utc(getattr(guide, "modified", None) or guide.date)
    labels = tuple(_VALUE_LABELS[pair] for pair in topic_pairs(guide) if pair in _VALUE_LABELS)
    return Entry(str(guide.title), guide.url, text, published, updated, labels)


class _PinnedDate:
    """The feed's date is the newest entry's (or the board's day), never the wall clock."""

    feed: dict[str, Any]

    def latest_post_date(self) -> dt.datetime:
        return self.feed["updated"]


class _Rss(_PinnedDate, Rss201rev2Feed):
    def add_item_elements(self, handler: Any, item: dict[str, Any]) -> None:
        # Readers render an RSS description as HTML: escaped, plain text stays plain text.
        super().add_item_elements(handler, {**item, "description": html.escape(item["description"])})


class _Atom(_PinnedDate, Atom1Feed):
    def add_item_elements(self, handler: Any, item: dict[str, Any]) -> None:
        # feedgenerator declares summaries type="html"; ours is text, which no reader may render as markup.
        super().add_item_elements(handler, {**item, "description": None})
        handler.addQuickElement("summary", item["description"], {"type": "text"})


_FEED_CLASSES = {RSS: _Rss, ATOM: _Atom}


# Feed readers want what is new: past this, a feed of a large board is megabytes nobody reads.
MAX_ITEMS = 100


def _feeds(board: Board, guides: Sequence[Any]) -> Iterator[tuple[FeedLink, list[Entry]]]:
    entries: dict[str, Entry] = {}  # each posting's entry is made once, though it is in several feeds
    for topic in TOPICS:
        newest = islice((posting for posting in board.open if topic.includes(posting)), MAX_ITEMS)
        chosen = [_entry(entries, posting) for posting in newest]
        for link in topic.links:
            yield link, chosen
    yield GUIDES, sorted((guide_entry(guide) for guide in guides), key=lambda entry: (entry.published, entry.path), reverse=True)


def _entry(entries: dict[str, Entry], posting: Posting) -> Entry:
    if posting.slug not in entries:
        entries[posting.slug] = posting_entry(posting)
    return entries[posting.slug]


def write_feeds(output_dir: Path | str, board: Board, guides: Sequence[Any], site_url: str, site_name: str) -> list[FeedLink]:
    """Write every feed into ``output_dir`` (even empty ones: their URLs are public) and return them."""
    base = (site_url or DEV_SITE_URL).rstrip("/")
    for link, entries in _feeds(board, guides):
        feed = _feed(link, entries, base, site_name, utc(board.today))
        target = Path(output_dir) / link.path
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("w", encoding="utf-8") as stream:
            feed.write(stream, "utf-8")
    return list(FEED_LINKS)


def _feed(link: FeedLink, entries: Sequence[Entry], base: str, site_name: str, today: dt.datetime) -> _Rss | _Atom:
    feed_url = f"{base}/{link.path}"
    feed = _FEED_CLASSES[link.type](
        title=xml_text(f"{site_name}: {link.title}"),
        link=f"{base}/{link.page}",
        description=xml_text(f"New {link.title[0].lower()}{link.title[1:]} on {site_name}, newest first."),
        language="en",
        feed_url=feed_url,
        feed_guid=feed_url,
        author_name=xml_text(site_name),  # Atom requires a feed author when entries have none
        updated=max((entry.updated for entry in entries), default=today),
    )
    for entry in entries:
        feed.add_item(**entry.item(base))
    return feed
