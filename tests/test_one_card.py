"""One card: the filtered view draws the server's own card for every posting, as many at a
time as a page of the list, and never a card drawn without escaping."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from markupsafe import Markup

from browser import needs_chromium, serve
from sitebuild import built, read
from stint.outputs.cards import Cards

BOARD = Path(__file__).parent / "fixtures" / "board"
TODAY = "2026-12-01"
READ_ON = "2026-11-28T08:00:00Z"  # three days before the fixture's last-day posting closes: "soon" is shown
CARDS = "nodes => Object.fromEntries(nodes.map(node => [node.dataset.slug, node.outerHTML]))"


def unmarked(route: object) -> None:
    page = route.fetch()
    route.fulfill(response=page, body=page.text().replace(" data-first-page", ""))


def drawn_cards(browser: object, url: str, *, board_js: bool) -> dict[str, str]:
    """Each card on the listing as the reader's browser holds it, after deadlines.js counted the days.
    Without board.js the list is the server's own; with it, board.js has redrawn it from the card
    shards (the list is not marked as its view's first page, so no server card is taken over)."""
    context = browser.new_context()
    if not board_js:
        context.route("**/theme/js/board.js", lambda route: route.abort())
    else:
        context.route(re.compile(r"/internships/\?"), unmarked)
    shards: list[str] = []
    context.on("request", lambda request: "/internships/cards/" in request.url and shards.append(request.url))
    tab = context.new_page()
    tab.clock.set_fixed_time(READ_ON)
    tab.goto(url)
    if board_js:
        tab.wait_for_selector("[data-board][data-ready=true]")
    assert bool(shards) == board_js
    cards = tab.eval_on_selector_all("[data-results] [data-slug]", CARDS)
    context.close()
    return cards


@pytest.mark.browser
@needs_chromium
def test_the_filtered_view_draws_the_servers_card_for_every_posting(browser: object, base: str, site: Path) -> None:
    server = drawn_cards(browser, f"{base}/internships/", board_js=False)
    redrawn = drawn_cards(browser, f"{base}/internships/?sort=deadline", board_js=True)
    open_slugs = {posting["slug"] for posting in json.loads(read(site, "internships/index.json"))["postings"]}
    assert set(server) == open_slugs and len(open_slugs) == 4, "every open fixture posting, on the list's one page"
    assert redrawn == server  # text, links, badges, heading level and days left, attribute for attribute
    assert all(re.search(r'class="days-left( soon)?" data-days-left="[\d-]+">\(\d+ days? left\)</span>', card) for card in server.values())


@pytest.mark.browser
@needs_chromium
def test_the_filtered_view_shows_a_page_of_cards_at_a_time(browser: object, tmp_path: Path) -> None:
    """STINT_PER_PAGE is the page size of both views: the server's pages and board.js's "Show more"."""
    output = built(BOARD, tmp_path / "output", TODAY, STINT_PER_PAGE="2")
    first_page = re.findall(r'data-slug="([^"]+)"', read(output, "internships/"))
    assert len(first_page) == 2
    with serve(output) as base:
        tab = browser.new_page()
        tab.goto(f"{base}/internships/")
        tab.wait_for_selector("[data-board][data-ready=true]")
        slugs = "nodes => nodes.map(node => node.dataset.slug)"
        assert tab.eval_on_selector_all("[data-results] [data-slug]", slugs) == first_page
        assert tab.is_visible("[data-more]") and int(tab.text_content("[data-result-count]")) == 4
        tab.click("[data-more] button")
        tab.wait_for_function("() => document.querySelectorAll('[data-results] [data-slug]').length === 4")
        assert tab.is_hidden("[data-more]")
        tab.close()


def test_a_card_drawn_without_autoescape_is_refused() -> None:
    """Board.js inserts the card shards' HTML as HTML: employer text in it must have been escaped."""

    class NoCache:
        def load_value(self, name: str) -> dict:
            return {}

    posting = type("Posting", (), {"identity": "x"})()
    escaped = Cards(lambda posting, heading: Markup("<li>&lt;b&gt;</li>"), NoCache(), "0" * 16)
    assert str(escaped.html(posting)) == "<li>&lt;b&gt;</li>"
    with pytest.raises(TypeError, match="autoescape"):
        Cards(lambda posting, heading: "<li><b></li>", NoCache(), "0" * 16).html(posting)
