"""Parts of a page that many pages print alike, drawn once per build: the listing's filter
form (the same on every listing page) and its facet links (the same on every page of one
facet value). Drawn again for each of a thousand listing pages, they were two thirds of a
listing page's rendering: some 600 escaped values a page.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from markupsafe import Markup

from stint.board.board import Board, FacetPage
from stint.board.facets import FACETS


class SharedParts:
    def __init__(self, macros: Any, board: Board):
        """``macros``: the theme's macros.html as a module, made with the build's context."""
        self._macros, self._board = macros, board
        self._links: dict[str | None, Markup] = {}

    @cached_property
    def filter_form(self) -> Markup:
        return self._macros.filter_form(FACETS)

    def facet_links(self, current: FacetPage | None) -> Markup:
        """The facet links, ``current`` (a facet value's page, or None) marked as the page."""
        url = current.url if current else None
        if url not in self._links:
            self._links[url] = self._macros.facet_links(self._board, current)
        return self._links[url]
