"""Pagination whose size does not depend on the length of the list.

A pager that links every page costs each page of a 2,000-page list 2,000 links, so the
list's bytes grow with the square of its length. Each page links instead to the first and
last pages, a small window around itself, and pages 10, 100, 1,000 ... away on either side:
about a dozen links on any page of any list, and every page of a 2,000-page list within
12 clicks of the first (tests/test_scale.py walks them).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

WINDOW = 2  # pages linked on either side of the current one
JUMP_BASE = 10  # and pages JUMP_BASE, JUMP_BASE², ... away


@dataclass(frozen=True)
class PageLink:
    number: int
    url: str


@dataclass(frozen=True)
class Pagination:
    """One page of a paginated list, and the pages it links to. Its repr is part of the
    page's cache key: it names everything the pager shows."""

    number: int
    count: int
    total: int  # items in the whole list, including any beyond the pages listed
    listed: int  # items on the listed pages (fewer than ``total`` when the pages are capped)
    links: tuple[PageLink, ...]
    previous: str | None
    next: str | None


def page_url(base: str, number: int) -> str:
    """Directory-style: /internships/, /internships/page/2/, ... (no name collisions at scale)."""
    return base if number == 1 else f"{base}page/{number}/"


def page_count(items: int, per_page: int, max_pages: int | None = None) -> int:
    """Pages for ``items`` (at least one, so an empty list still has its page)."""
    count = max(1, math.ceil(items / per_page))
    return count if max_pages is None else min(count, max_pages)


def linked_pages(number: int, count: int) -> list[int]:
    """The pages page ``number`` of ``count`` links to, itself included, ascending."""
    numbers = {1, count, *range(number - WINDOW, number + WINDOW + 1)}
    distance = JUMP_BASE
    while distance < count:
        numbers |= {number - distance, number + distance}
        distance *= JUMP_BASE
    return sorted(page for page in numbers if 1 <= page <= count)


def pagination(base: str, number: int, count: int, total: int, listed: int) -> Pagination:
    return Pagination(
        number=number,
        count=count,
        total=total,
        listed=listed,
        links=tuple(PageLink(page, page_url(base, page)) for page in linked_pages(number, count)),
        previous=page_url(base, number - 1) if number > 1 else None,
        next=page_url(base, number + 1) if number < count else None,
    )
