"""The board as of one day: every valid posting, which are open, and the facet index."""

from __future__ import annotations

import datetime as dt
import hashlib
import heapq
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import islice
from typing import NamedTuple

from stint.board.facets import FACETS, Facet, FacetValue
from stint.board.posting import Posting

RELATED = 3  # related postings shown on an open posting's page
NEIGHBOURS = 8  # candidates taken from each of a posting's fields
MAX_FIELDS = 3  # the contract's bound on a posting's fields
MAX_RELATED_PAGES = NEIGHBOURS * MAX_FIELDS  # the most pages any posting's card can appear on as related


def _neighbourhood(posting: Posting) -> tuple[object, ...]:
    return (posting.fields, posting.location.mode, posting.levels, _spread(posting.slug))


def _spread(*slugs: str) -> str:
    """A stable order that no slug's letters decide: a hash."""
    return hashlib.blake2b("\0".join(slugs).encode("utf-8"), digest_size=8).hexdigest()


def _following(members: list[str], index: int, count: int) -> list[str]:
    """The ``count`` members after ``index``, going round the end (never back to it)."""
    end = index + 1 + min(count, len(members) - 1)
    return members[index + 1 : end] + members[: max(end - len(members), 0)]


def _likeness_inputs(posting: Posting) -> str:
    """All that choosing related postings reads of a posting: the order and the likeness."""
    return repr((posting.slug, posting.fields, posting.tags, posting.location.mode, posting.levels))


class _Traits(NamedTuple):
    """What likeness compares of a posting, each set of names as the bits of an int, made
    once per posting: sets made for each pair compared were most of choosing's time (some
    80,000 pairs at 10,000 postings), and an int's ``&`` and ``bit_count`` are cheaper."""

    fields: int
    tags: int
    mode: str
    levels: int


def _traits(posting: Posting, bits: dict[str, int]) -> _Traits:
    """``bits``: each name's bit, given as names are met (shared by fields, tags and levels,
    which are compared only with their own kind)."""

    def mask(names: Iterable[str]) -> int:
        return sum({bits.setdefault(name, 1 << len(bits)) for name in names})

    return _Traits(mask(posting.fields), mask(posting.tags), posting.location.mode, mask(posting.levels))


def _likeness(one: _Traits, other: _Traits) -> int:
    shared = (one.fields & other.fields).bit_count() * 8 + (one.tags & other.tags).bit_count() * 4
    return shared + (one.mode == other.mode) * 2 + (one.levels & other.levels).bit_count()


def _most_alike(slug: str, candidates: Iterable[str], traits: dict[str, _Traits]) -> tuple[str, ...]:
    """The ``RELATED`` candidates most like ``slug``'s posting, ties broken by the pair's
    hash. Only candidates as alike as the ``RELATED``-th best can be chosen, so only theirs
    is worked out."""
    mine = traits[slug]
    likeness = {other: _likeness(mine, traits[other]) for other in candidates}
    best = heapq.nlargest(RELATED, likeness.values())
    contenders = [other for other, score in likeness.items() if best and score >= best[-1]]
    return tuple(sorted(contenders, key=lambda other: (-likeness[other], _spread(slug, other)))[:RELATED])


@dataclass(frozen=True)
class FacetPage:
    """One static facet page: a facet value and the open postings in it."""

    facet: Facet
    value: FacetValue
    postings: tuple[Posting, ...]

    @property
    def url(self) -> str:
        return f"internships/{self.facet.name}/{self.value.slug}/"


@dataclass(frozen=True)
class Board:
    postings: tuple[Posting, ...]  # every posting the board shows, newest first
    today: dt.date

    @classmethod
    def as_of(cls, today: dt.date, postings: Iterable[Posting]) -> Board:
        """The board on ``today`` of every valid posting. A posting dated in the future is
        scheduled: it appears, everywhere at once, on the first daily build on or after its
        date, never earlier with a date that lies."""
        shown = [posting for posting in postings if posting.posted <= today]
        return cls(tuple(sorted(shown, key=lambda posting: (posting.posted, posting.slug), reverse=True)), today)

    @cached_property
    def open(self) -> tuple[Posting, ...]:
        """Open postings, newest first."""
        return tuple(posting for posting in self.postings if posting.is_open(self.today))

    @cached_property
    def closed(self) -> tuple[Posting, ...]:
        """Closed postings, the most recently closed first."""
        closed = (posting for posting in self.postings if not posting.is_open(self.today))
        return tuple(sorted(closed, key=lambda posting: (min(posting.apply_by, self.today), posting.slug), reverse=True))

    @cached_property
    def facet_pages(self) -> tuple[FacetPage, ...]:
        """Every facet value of the design, even when empty: its URL is public."""
        return tuple(FacetPage(facet, value, self._members[facet.name, value.slug]) for facet in FACETS for value in facet.values)

    @cached_property
    def _members(self) -> dict[tuple[str, str], tuple[Posting, ...]]:
        """The open postings of each facet value, newest first."""
        members: dict[tuple[str, str], list[Posting]] = {(facet.name, value.slug): [] for facet in FACETS for value in facet.values}
        for posting in self.open:  # one pass over the postings, not one per facet value
            for name, slugs in posting.facets.items():
                for slug in slugs:
                    members[name, slug].append(posting)
        return {pair: tuple(postings) for pair, postings in members.items()}

    @cached_property
    def facet_groups(self) -> tuple[tuple[Facet, tuple[FacetPage, ...]], ...]:
        """Facet pages grouped by facet, in declaration order: the no-JavaScript filter."""
        return tuple((facet, tuple(page for page in self.facet_pages if page.facet is facet)) for facet in FACETS)

    def facet_page(self, facet: str, value: str) -> FacetPage:
        return next(page for page in self.facet_pages if page.facet.name == facet and page.value.slug == value)

    def related(self, posting: Posting) -> tuple[Posting, ...]:
        """Up to ``RELATED`` open postings like this one; none for a closed posting, whose page
        a reader reaches from an old link and which should not spread a few open postings
        over thousands of pages."""
        return self._related.get(posting.slug, ())

    @cached_property
    def likeness_key(self) -> str:
        """A digest of all that choosing related postings reads of the open postings."""
        inputs = "\0".join(_likeness_inputs(posting) for posting in self.open)
        return hashlib.blake2b(inputs.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()

    @cached_property
    def _related(self) -> dict[str, tuple[Posting, ...]]:
        return self._postings_of(self.related_slugs())

    def reuse_related(self, chosen: dict[str, tuple[str, ...]]) -> None:
        """Show ``chosen``, the related postings (as slugs) chosen for open postings with this
        board's ``likeness_key`` (kept by the build cache: a title edit need not choose again).
        It fills this board's own cache: a board made from it by ``dataclasses.replace`` chooses anew."""
        self.__dict__["_related"] = self._postings_of(chosen)

    def _postings_of(self, chosen: dict[str, tuple[str, ...]]) -> dict[str, tuple[Posting, ...]]:
        by_slug = {posting.slug: posting for posting in self.open}
        return {slug: tuple(by_slug[other] for other in others) for slug, others in chosen.items()}

    def related_slugs(self) -> dict[str, tuple[str, ...]]:
        """Each open posting's related postings, by slug, chosen by likeness among a few
        neighbours in each shared field.

        Each field's open postings are put in an order that keeps alike postings together
        (same fields, location and level) and spreads the rest by a hash of the slug; a
        posting's candidates are the ``NEIGHBOURS`` that follow it in each of its fields.
        So a posting is a candidate of at most ``NEIGHBOURS`` others per field it has, and
        appears on at most ``MAX_RELATED_PAGES`` other postings' pages, whatever the board's
        size: readers see variety, and editing a card rewrites tens of pages, not thousands."""
        by_field: dict[str, list[str]] = {}  # slugs
        for posting in sorted(self.open, key=_neighbourhood):
            for name in posting.fields:
                by_field.setdefault(name, []).append(posting.slug)
        position = {(name, slug): index for name, members in by_field.items() for index, slug in enumerate(members)}
        bits: dict[str, int] = {}
        traits = {posting.slug: _traits(posting, bits) for posting in self.open}
        related = {}
        for posting in self.open:
            slug = posting.slug
            candidates = dict.fromkeys(
                other for name in posting.fields for other in _following(by_field[name], position[name, slug], NEIGHBOURS)
            )
            candidates.pop(slug, None)
            related[slug] = _most_alike(slug, candidates, traits)
        return related

    @cached_property
    def by_deadline(self) -> tuple[Posting, ...]:
        """Open postings, closing soonest first (then by slug)."""
        return tuple(sorted(self.open, key=lambda posting: (posting.apply_by, posting.slug)))

    def matching(self, pairs: Sequence[tuple[str, str]], limit: int = 6) -> list[Posting]:
        """Open postings in any of the given facet values (a guide's topic), closing soonest
        first. Postings are compared by identity: reading a field of each of thousands of
        postings is what cost (0.05 s a guide at 10,000 postings), not the choosing."""
        wanted = {id(posting) for pair in pairs for posting in self._members.get(pair, ())}
        return list(islice((posting for posting in self.by_deadline if id(posting) in wanted), limit))
