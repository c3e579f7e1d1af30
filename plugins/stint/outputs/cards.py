"""Each posting's card: drawn once by the theme's ``card`` macro, kept between builds, and
reused on every page and card shard that shows it.

A page's cache key names the cards it shows by their HTML, not by the posting files: an
edit a card does not show (the description, say) leaves every listing page as it was.
The browser's filtered view inserts the same HTML from the card shards, so the no-JavaScript
view and the filtered view cannot drift apart. That HTML carries employer text, so a card
drawn without Jinja's autoescape is refused: the browser parses it as HTML.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from markupsafe import Markup

from stint.board.posting import Posting
from stint.writing.cache import BuildCache, digest

HEADING = "h3"  # the card's title level everywhere but the listing, where it is h2


class Cards:
    def __init__(self, draw: Callable[[Posting, str], Any], cache: BuildCache, fingerprint: str):
        self._draw = draw
        self._cache = cache
        self._table = f"cards-{fingerprint[:16]}"  # cards drawn by other code, theme or settings are never reused
        self._kept: dict[str, tuple[str, str]] = cache.load_value(self._table)
        self._used: dict[str, tuple[str, str]] = {}

    def html(self, posting: Posting, heading: str = HEADING) -> Markup:
        html = self._card(posting)[0]
        if heading != HEADING:  # the title element is the card's only heading, and its text is escaped
            html = html.replace(f"<{HEADING} ", f"<{heading} ", 1).replace(f"</{HEADING}>", f"</{heading}>", 1)
        return Markup(html)

    def key(self, posting: Posting) -> str:
        """What a page shows of this posting when it shows its card."""
        return self._card(posting)[1]

    def _card(self, posting: Posting) -> tuple[str, str]:
        found = self._used.get(posting.identity) or self._kept.get(posting.identity)
        if found is None:
            html = _escaped(self._draw(posting, HEADING))
            found = (html, digest(html))
        self._used[posting.identity] = found
        return found

    def save(self) -> None:
        """Keep the cards this build used; the others belonged to postings that changed or left."""
        self._cache.save_value(self._table, self._used)


def _escaped(drawn: Any) -> str:
    """A macro returns Markup only when autoescape is on (``JINJA_ENVIRONMENT``)."""
    if not isinstance(drawn, Markup):
        raise TypeError("the card macro must be rendered with Jinja's autoescape on: cards print employer text")
    return str(drawn)
