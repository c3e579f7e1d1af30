"""Which feeds and calendars exist: the topics readers follow, declared from ``FACETS``.

A topic is a set of conditions on facet values (values of one facet are alternatives,
different facets all apply, as on the listing page). Each topic is written as RSS, JSON
Feed and an iCalendar file of deadlines, under one stem in ``feeds/``. The topics are
every single facet value, the pairs readers combine most (each field with remote, with
paid and with each international route) and a few older names kept because their URLs
are public. Their number depends only on ``FACETS``, never on the postings: it is stated
on /follow/ and checked by the tests.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any
from urllib.parse import urlencode

from stint.board.board import Board
from stint.board.facets import FACETS, FACETS_BY_NAME, VALUE_LABELS
from stint.board.posting import Posting

RSS, ATOM, JSON_FEED = "application/rss+xml", "application/atom+xml", "application/feed+json"
CALENDAR = "text/calendar"
EXTENSIONS = {RSS: "rss.xml", ATOM: "atom.xml", JSON_FEED: "json", CALENDAR: "ics"}
FORMAT_NAMES = {RSS: "RSS", ATOM: "Atom", JSON_FEED: "JSON Feed", CALENDAR: "calendar"}
Condition = tuple[str, frozenset[str]]  # a facet name and the values of it that qualify


@dataclass(frozen=True)
class FeedLink:
    """One feed file, as a page's ``<link rel="alternate">`` names it."""

    path: str  # from the site root: feeds/field/design.rss.xml
    title: str
    type: str  # RSS, ATOM or JSON_FEED
    page: str  # the HTML page listing the same entries: the feed's <link>
    shown_on: tuple[str, ...]  # page URLs whose <head> advertises this feed

    @property
    def label(self) -> str:
        """The link's title attribute: a page offering several formats must tell them apart."""
        return f"{self.title} ({FORMAT_NAMES[self.type]})"

    @property
    def format_name(self) -> str:
        return FORMAT_NAMES[self.type]


@dataclass(frozen=True)
class Topic:
    """The open postings a feed follows: those meeting every condition (all open postings when none)."""

    name: str  # file stem under feeds/
    title: str
    page: str
    shown_on: tuple[str, ...]
    conditions: tuple[Condition, ...] = ()
    types: tuple[str, ...] = (RSS, JSON_FEED)

    @property
    def links(self) -> tuple[FeedLink, ...]:
        return tuple(FeedLink(f"feeds/{self.name}.{EXTENSIONS[kind]}", self.title, kind, self.page, self.shown_on) for kind in self.types)

    @property
    def calendar(self) -> str:
        """The iCalendar file of the topic's deadlines, from the site root."""
        return f"feeds/{self.name}.ics"

    @property
    def query(self) -> frozenset[tuple[str, str]]:
        """The listing filter this topic is, as (facet, value) pairs: what "Follow this search" matches."""
        return frozenset((facet, value) for facet, values in self.conditions for value in values)


def _listing(pairs: Sequence[tuple[str, str]]) -> str:
    return "internships/?" + urlencode(pairs)


def value_topic(facet: str, slug: str) -> Topic:
    """One facet value: advertised on its static page."""
    page = f"internships/{facet}/{slug}/"
    return Topic(f"{facet}/{slug}", _value_title(facet, VALUE_LABELS[facet, slug]), page, (page,), ((facet, frozenset([slug])),))


def _value_title(facet: str, label: str) -> str:
    titles = {
        "field": f"{label} micro-internships",
        "location": f"{label} micro-internships",
        "pay": f"{label} micro-internships",
        "duration": f"Micro-internships of {label.lower()}",
        "hours": f"Micro-internships of {label.lower()} hours a week",
        "international": f"Micro-internships open to {label} students",
        "credit": "Micro-internships with academic credit",
        "level": f"Micro-internships for {label.lower()} students",
        "host": f"{label}-hosted micro-internships",
    }
    return titles[facet]


def pair_topic(field: str, facet: str, slug: str) -> Topic:
    """A field with one other value: no static page, so listed on /follow/ and offered by "Follow this search"."""
    field_label = VALUE_LABELS["field", field]
    other = {"location": "remote", "pay": "paid"}.get(facet) or f"open to {VALUE_LABELS[facet, slug]} students"
    pairs = [("field", field), (facet, slug)]
    conditions = (("field", frozenset([field])), (facet, frozenset([slug])))
    return Topic(f"field/{field}/{facet}/{slug}", f"{field_label} micro-internships, {other}", _listing(pairs), (), conditions)


# The combinations readers ask for most: a field, and remote, paid or a visa route.
PAIRED_WITH = (("location", "remote"), ("pay", "paid"), ("international", "cpt"), ("international", "opt"), ("international", "work-visa"))
_INTERNATIONAL = tuple(value.slug for value in FACETS_BY_NAME["international"].values)

TOPICS: tuple[Topic, ...] = (
    Topic("internships", "Micro-internships", "internships/", ("", "internships/"), types=(RSS, ATOM, JSON_FEED)),
    *(value_topic(facet.name, value.slug) for facet in FACETS for value in facet.values),
    *(pair_topic(field.slug, facet, slug) for field in FACETS_BY_NAME["field"].values for facet, slug in PAIRED_WITH),
    # Older addresses, still written because readers subscribe to them. remote and paid are
    # the same as location/remote and pay/paid, so pages no longer advertise them.
    Topic("remote", "Remote micro-internships", "internships/location/remote/", (), (("location", frozenset(["remote"])),)),
    Topic("paid", "Paid micro-internships", "internships/pay/paid/", (), (("pay", frozenset(["paid"])),)),
    Topic(
        "international",
        "Micro-internships open to international students",
        _listing([("international", slug) for slug in _INTERNATIONAL]),
        tuple(f"internships/international/{slug}/" for slug in _INTERNATIONAL),
        (("international", frozenset(_INTERNATIONAL)),),
    ),
)
GUIDES_TOPIC_LINKS = (
    FeedLink("feeds/guides.rss.xml", "Guides", RSS, "guides/", ("guides/",)),
    FeedLink("feeds/guides.json", "Guides", JSON_FEED, "guides/", ("guides/",)),
)
FEED_LINKS: tuple[FeedLink, ...] = (*(link for topic in TOPICS for link in topic.links), *GUIDES_TOPIC_LINKS)
# Every file under feeds/: each topic's feeds and calendar, and the guides' feeds.
FEED_FILE_COUNT = len(FEED_LINKS) + len(TOPICS)

_LINKS_BY_PAGE = {page: tuple(link for link in FEED_LINKS if page in link.shown_on) for link in FEED_LINKS for page in link.shown_on}
_TOPIC_BY_PAGE: dict[str, Topic] = {}
for _topic in TOPICS:  # a value's own topic comes before an older one shown on the same page
    for _page in _topic.shown_on:
        _TOPIC_BY_PAGE.setdefault(_page, _topic)
_PAGINATION = re.compile(r"page/\d+/\Z")


def page_of(page_url: str) -> str:
    """A paginated page's first page: /internships/field/design/page/3/ is /internships/field/design/."""
    return _PAGINATION.sub("", page_url)


def feed_links_for(page_url: str) -> tuple[FeedLink, ...]:
    """The feeds a page advertises: its topic's on every page of it, the guides feeds on every guide."""
    page = page_of(page_url)
    return _LINKS_BY_PAGE.get("guides/" if page.startswith("guides/") else page, ())


def topic_for(page_url: str) -> Topic | None:
    """The topic whose postings a listing page shows (the whole board on /internships/): its calendar is offered there."""
    return _TOPIC_BY_PAGE.get(page_of(page_url))


class Members:
    """Each topic's open postings: its newest (for the feeds) and those closing soonest (for
    the calendars), a few hundred at most of each. A topic is worked out on sets of
    positions in ``board.open``: a facet value's postings as one set of integers, a topic
    as unions and intersections of them, and each order a sort of integers. Postings are
    looked up by identity only once: they outlive the table, and reading an attribute of
    thousands of postings spread over memory costs some 0.7 µs each on these machines.
    (Sorting each topic's postings, then ranking them by deadline, took 0.17 s a build for
    91 topics at 10,000 postings, 140,000 memberships.)"""

    def __init__(self, board: Board):
        self.board, self.open = board, board.open
        self._position = {id(posting): index for index, posting in enumerate(board.open)}
        self._by_value = {
            (page.facet.name, page.value.slug): frozenset(map(self._position.__getitem__, map(id, page.postings)))
            for page in board.facet_pages
        }
        self._positions: dict[str, Collection[int]] = {}

    @cached_property
    def _rank(self) -> list[int]:
        """Each position's place in deadline order: only the calendars need it."""
        rank = [0] * len(self.open)
        for place, posting in enumerate(self.board.by_deadline):
            rank[self._position[id(posting)]] = place
        return rank

    def newest(self, topic: Topic, limit: int) -> list[Posting]:
        """The topic's ``limit`` newest open postings, newest first (``board.open`` is)."""
        return [self.open[index] for index in sorted(self._of(topic))[:limit]]

    def soonest(self, topic: Topic, limit: int) -> list[Posting]:
        """The topic's ``limit`` open postings closing soonest, soonest first."""
        return [self.board.by_deadline[rank] for rank in sorted(map(self._rank.__getitem__, self._of(topic)))[:limit]]

    def _of(self, topic: Topic) -> Collection[int]:
        if topic.name not in self._positions:
            self._positions[topic.name] = self._positions_of(topic)
        return self._positions[topic.name]

    def _positions_of(self, topic: Topic) -> Collection[int]:
        if not topic.conditions:
            return range(len(self.open))
        # Values of one facet are alternatives; facets all apply.
        return frozenset.intersection(
            *(frozenset().union(*(self._by_value[facet, value] for value in values)) for facet, values in topic.conditions)
        )


def follow_index() -> dict[str, Any]:
    """/feeds/index.json: every topic as the filter it is, with its feeds and calendar, for
    the listing's "Follow this search" (and for anyone who wants the list)."""
    return {
        "version": 1,
        "topics": [
            {
                "name": topic.name,
                "title": topic.title,
                "query": sorted([facet, value] for facet, value in topic.query),
                "feeds": [{"type": link.type, "format": link.format_name, "path": link.path} for link in topic.links],
                "calendar": topic.calendar,
            }
            for topic in TOPICS
            if topic.shown_on or topic.name.count("/") == 3  # older names duplicate a value's topic
        ],
    }
