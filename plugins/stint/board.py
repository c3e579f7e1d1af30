"""The board as of one day: every valid posting, which are open, and the facet index."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from stint.cache import BuildCache, digest
from stint.facets import FACETS, Facet, FacetValue
from stint.loading import Document
from stint.posting import Posting
from stint.problems import Problem
from stint.validation import check_paths, slug_of


class BoardInvalid(Exception):
    """The postings break the contract: the build stops before writing anything."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = list(problems)
        super().__init__(f"{len(self.problems)} problem(s) in the postings or guides (listed above); the site was not changed")


@dataclass(frozen=True)
class FacetPage:
    """One static facet page: a facet value and the open postings in it."""

    facet: Facet
    value: FacetValue
    postings: tuple[Posting, ...]

    @property
    def url(self) -> str:
        return f"internships/{self.facet.name}/{self.value.slug}/"


def _published(documents: list[Document], digests: dict[str, str], today: dt.date) -> tuple[Posting, ...]:
    """The postings of the checked documents, newest first. Each document is let go as soon
    as it is a Posting: its parsed mapping is three times the Posting's size, and at 100,000
    postings holding both was most of the build's peak memory. (``documents`` is emptied.)"""
    postings = []
    while documents:
        document = documents.pop()
        posting = Posting.from_mapping(slug_of(document.file), document.data, document.file, digests[document.file])
        # A posting dated in the future is scheduled: it appears, everywhere at once, on the
        # first daily build on or after its date, never earlier with a date that lies.
        if posting.posted <= today:
            postings.append(posting)
    return tuple(sorted(postings, key=lambda posting: (posting.posted, posting.slug), reverse=True))


@dataclass(frozen=True)
class Board:
    postings: tuple[Posting, ...]
    today: dt.date

    @classmethod
    def load(cls, folder: Path, today: dt.date, cache: BuildCache | None = None, code: str = "") -> Board:
        """Check and load the postings; unchanged files reuse their earlier check from the cache."""
        checks_name = f"checks-{code[:16]}"  # checks made by other code or schema are never reused
        known = cache.load_value(checks_name) if cache else {}
        stats = cache.load_value("stats") if cache else {}
        result = check_paths([folder], known=known, stats=stats)
        del known  # the earlier checks are in the result now, where they can be let go
        if cache:
            cache.save_value(checks_name, result.checks)
            cache.save_value("stats", stats)
        if not result.ok:
            raise BoardInvalid(result.problems)
        digests = {name: content for name, content in result.checks}
        documents = result.documents
        del result  # its table of checks holds every document too
        return cls(_published(documents, digests, today), today)

    @cached_property
    def counts_digest(self) -> str:
        """What every listing page shows about the whole board: the facet counts."""
        return digest(*(f"{page.url}={len(page.postings)}" for page in self.facet_pages), str(len(self.open)))

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

    @cached_property
    def _closing_soonest_by_field(self) -> dict[str, list[Posting]]:
        by_field: dict[str, list[Posting]] = {}
        for posting in sorted(self.open, key=lambda posting: (posting.apply_by, posting.slug)):
            for name in posting.fields:
                by_field.setdefault(name, []).append(posting)
        return by_field

    def related(self, posting: Posting, limit: int = 3) -> list[Posting]:
        """Open postings that share a field: those sharing the most fields first, then those
        closing soonest, among the first few closing soonest in each shared field (so a
        board of 10,000 postings costs a few lookups per page, not a scan)."""
        key = (posting.fields, limit)
        if key not in self._related_by_fields:  # postings share few sets of fields: rank each set once
            candidates = {
                other.slug: other for name in posting.fields for other in self._closing_soonest_by_field.get(name, [])[: limit * 4 + 1]
            }
            shared = set(posting.fields)
            self._related_by_fields[key] = sorted(
                candidates.values(), key=lambda other: (-len(shared.intersection(other.fields)), other.apply_by, other.slug)
            )
        return [other for other in self._related_by_fields[key] if other.slug != posting.slug][:limit]

    @cached_property
    def _related_by_fields(self) -> dict[tuple[tuple[str, ...], int], list[Posting]]:
        return {}

    def matching(self, pairs: Sequence[tuple[str, str]], limit: int = 6) -> list[Posting]:
        """Open postings in any of the given facet values (a guide's topic), closing soonest first."""
        found = {posting.slug: posting for pair in pairs for posting in self._members.get(pair, ())}
        return sorted(found.values(), key=lambda posting: (posting.apply_by, posting.slug))[:limit]
