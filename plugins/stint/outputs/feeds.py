"""The board's feeds (RSS, Atom for the whole board, and JSON Feed beside each): one per
topic of ``topics.TOPICS``, and the guides.

Written with feedgenerator directly rather than Pelican's ``write_feed``: Pelican marks its
tag-URI guids as permalinks (the W3C validator rejects them) and stamps empty feeds with the
wall clock. Which feeds exist depends only on ``FACETS``, so every page can advertise its
feeds (``feed_links_for``) before any feed is written.
"""

from __future__ import annotations

import datetime as dt
import html
import io
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from feedgenerator import Atom1Feed, Rss201rev2Feed, get_tag_uri
from feedgenerator.django.utils.xmlutils import SimplerXMLGenerator
from markupsafe import Markup

from stint.board.board import Board
from stint.board.facets import VALUE_LABELS
from stint.board.guides import topic_pairs
from stint.board.posting import Posting
from stint.outputs import json_feed
from stint.outputs.fragments import Fragments
from stint.outputs.safe_text import xml_text
from stint.outputs.topics import ATOM, FEED_LINKS, GUIDES_TOPIC_LINKS, JSON_FEED, RSS, TOPICS, FeedLink, Members, feed_links_for
from stint.writing.page_writer import PageWriter

__all__ = ["ATOM", "DEV_SITE_URL", "FEED_LINKS", "JSON_FEED", "RSS", "feed_links_for", "write_feeds", "xml_text"]

# The dev build has no SITEURL, but feed readers need absolute links: `make serve`'s address.
DEV_SITE_URL = "http://localhost:8000"


def site_base(site_url: str) -> str:
    """The absolute address feeds and calendars link to."""
    return (site_url or DEV_SITE_URL).rstrip("/")


@dataclass(frozen=True)
class Entry:
    """One feed item, plain text throughout, whatever it came from, that any feed can carry (``xml_text``)."""

    title: str
    path: str  # from the site root
    text: str
    published: dt.datetime
    updated: dt.datetime
    categories: tuple[str, ...] = ()
    identity: str = ""  # of the posting it shows: what a cached feed is keyed on

    def item(self, base: str) -> dict[str, Any]:
        """``add_item`` arguments. The id is a tag URI, the same in every feed, so it is not a permalink."""
        link = f"{base}/{self.path}"
        return {
            "title": self.title,
            "link": link,
            "description": self.text,
            "pubdate": self.published,
            "updateddate": self.updated,
            "unique_id": self.id(base),
            "unique_id_is_permalink": False,
            "categories": list(self.categories),
        }

    def id(self, base: str) -> str:
        """A tag URI: the same in every feed and format that lists the entry."""
        return _tag_uri(f"{base}/{self.path}", self.published)

    def entry(self) -> Entry:
        """Itself: a guide's entry is made whole (guides are few), a posting's when its item is made (``Listed``)."""
        return self


class Listed(Protocol):
    """What a feed lists: its identity and date are all the feed needs of an item it keeps (``fragments``)."""

    @property
    def identity(self) -> str: ...

    @property
    def updated(self) -> dt.datetime: ...

    def entry(self) -> Entry: ...


# An entry is an item of a dozen feeds (and the same id in each of its formats): 18,300
# items, 3,000 ids at 10,000 postings. Bounded, as the devserver builds again and again.
_tag_uri = lru_cache(maxsize=16384)(get_tag_uri)


def _entry_of(
    title: str, path: str, text: str, published: dt.datetime, updated: dt.datetime, categories: Sequence[str], identity: str = ""
) -> Entry:
    """An entry of text any feed can carry, made so once: not again in each feed that lists it."""
    return Entry(xml_text(title), path, xml_text(text), published, updated, tuple(map(xml_text, categories)), identity)


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
    title = f"{posting.title}, {posting.organization}"
    return _entry_of(title, posting.url, text, posted, posted, posting.field_labels, posting.identity)


class _Posted(NamedTuple):
    """A posting as a feed lists it. Its entry, text made safe for XML (0.03 ms), is made
    only for an item the fragments do not keep, and once for every feed that lists it
    (``made``): a day's remade feeds list 1,100 postings, and keep nearly all their items."""

    posting: Posting
    made: dict[str, Entry]

    @property
    def identity(self) -> str:
        return self.posting.identity

    @property
    def updated(self) -> dt.datetime:
        return utc(self.posting.posted)  # as its entry's

    def entry(self) -> Entry:
        slug = self.posting.slug
        if slug not in self.made:
            self.made[slug] = posting_entry(self.posting)
        return self.made[slug]


def guide_entry(guide: Any) -> Entry:
    """A guide as a Pelican article: summary as plain text, its topic's facet labels as categories."""
    text = Markup(str(getattr(guide, "summary", "") or "")).striptags()
    published = utc(guide.date)
    updated = utc(getattr(guide, "modified", None) or guide.date)
    labels = tuple(VALUE_LABELS[pair] for pair in topic_pairs(guide) if pair in VALUE_LABELS)
    return _entry_of(str(guide.title), guide.url, text, published, updated, labels)


class _Spliced:
    """A feed of ``Entry`` values, each entry's XML made by the library once and kept
    (``fragments``), then spliced into every feed that lists it: an entry is in a dozen
    feeds, and the library's XML writer, a call per element and character run, was most of
    a feed's making (48 feeds of 100 entries remade on a day at 10,000 postings, 0.5 s)."""

    feed: dict[str, Any]
    kind = ""  # the feed format, as ``FeedLink.type``
    entries: Sequence[Listed] = ()
    base = ""
    fragments: Fragments

    def latest_post_date(self) -> dt.datetime:
        """The newest entry's date (or the board's day), never the wall clock."""
        return self.feed["updated"]

    def write_items(self, handler: Any) -> None:
        for listed in self.entries:
            item = self.fragments.get(self.kind, listed.identity, partial(_item_xml, type(self), listed, self.base))
            handler.ignorableWhitespace(item)  # written as it is


def _item_xml(kind: type[_Spliced], listed: Listed, base: str) -> str:
    """The XML of ``listed``'s entry in a feed of ``kind``, as the library writes an item."""
    feed = kind(title="", link="", description="")
    feed.add_item(**listed.entry().item(base))
    buffer = io.StringIO()
    super(_Spliced, feed).write_items(SimplerXMLGenerator(buffer, "utf-8", short_empty_elements=True))  # type: ignore[misc]
    return buffer.getvalue()


class _Rss(_Spliced, Rss201rev2Feed):
    kind = RSS

    def add_item_elements(self, handler: Any, item: dict[str, Any]) -> None:
        # Readers render an RSS description as HTML: escaped, plain text stays plain text.
        super().add_item_elements(handler, {**item, "description": html.escape(item["description"])})


class _Atom(_Spliced, Atom1Feed):
    kind = ATOM

    def add_item_elements(self, handler: Any, item: dict[str, Any]) -> None:
        # feedgenerator declares summaries type="html"; ours is text, which no reader may render as markup.
        super().add_item_elements(handler, {**item, "description": None})
        handler.addQuickElement("summary", item["description"], {"type": "text"})


_FEED_CLASSES = {RSS: _Rss, ATOM: _Atom}


# Feed readers want what is new: past this, a feed of a large board is megabytes nobody reads.
MAX_ITEMS = 100


def _feeds(guides: Sequence[Any], members: Members) -> Iterator[tuple[FeedLink, list[str], Callable[[], Sequence[Listed]]]]:
    """Each feed, the identities of what it lists (its cache key), and what lists them."""
    made: dict[str, Entry] = {}  # the postings' entries, made for any feed
    for topic in TOPICS:
        chosen = members.newest(topic, MAX_ITEMS)
        listed = partial(_listed, chosen, made)
        for link in topic.links:
            yield link, [posting.identity for posting in chosen], listed
    newest_guides = sorted((guide_entry(guide) for guide in guides), key=lambda entry: (entry.published, entry.path), reverse=True)
    for link in GUIDES_TOPIC_LINKS:
        yield link, [entry.identity for entry in newest_guides], lambda: newest_guides


def _listed(postings: Sequence[Posting], made: dict[str, Entry]) -> list[Listed]:
    return [_Posted(posting, made) for posting in postings]


def write_feeds(
    output_dir: Path | str,
    board: Board,
    guides: Sequence[Any],
    site_url: str,
    site_name: str,
    members: Members | None = None,
    pages: PageWriter | None = None,
    fragments: Fragments | None = None,
) -> list[FeedLink]:
    """Write every feed into ``output_dir`` (even empty ones: their URLs are public) and return them.
    ``members``: the topics' postings (``topics.Members``), when already worked out.
    ``pages``: queue the feeds there instead, so that a feed whose postings did not change is
    linked from the cache; the guides feeds are always made.
    ``fragments``: the entries' items kept between builds (none: made afresh)."""
    base, today = site_base(site_url), utc(board.today)
    fragments = fragments or Fragments.unkept()
    for link, identities, entries in _feeds(guides, members or Members(board)):
        fragments.want(link.type, identities)
        make = _feed_text(link, entries, base, site_name, today, fragments)
        if pages is not None:
            # An empty feed is dated by the build (its newest entry dates the others): then the day is an input.
            dated = [] if identities else [today.isoformat()]
            inputs = None if link in GUIDES_TOPIC_LINKS else [link.path, *dated, *identities]
            pages.write(link.path, inputs, make)
            continue
        target = Path(output_dir) / link.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(make(), encoding="utf-8")
    return list(FEED_LINKS)


def _feed_text(
    link: FeedLink, entries: Callable[[], Sequence[Listed]], base: str, site_name: str, today: dt.datetime, fragments: Fragments
) -> Callable[[], str]:
    if link.type == JSON_FEED:
        return lambda: json_feed.document(link, entries(), base, site_name, fragments)
    return lambda: _feed(link, entries(), base, site_name, today, fragments).writeString("utf-8")


def _feed(link: FeedLink, entries: Sequence[Listed], base: str, site_name: str, today: dt.datetime, fragments: Fragments) -> _Rss | _Atom:
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
    feed.entries, feed.base, feed.fragments = entries, base, fragments
    return feed
