"""The Pelican generator: turns the board into pages, asking Pelican's writer to write them."""

from __future__ import annotations

import math
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pelican.generators import Generator

from stint import feeds, site_data
from stint.board import Board, BoardInvalid
from stint.browse_data import write_browse_data
from stint.facets import FACETS
from stint.guides import attach_postings
from stint.posting import Posting
from stint.search_index import build_search_index
from stint.settings import board_settings
from stint.structured_data import job_posting, script_hash, script_json


class BoardGenerator(Generator):
    """Validates the postings (failing the build on any problem) and writes the board's pages."""

    def generate_context(self) -> None:
        self.board_settings = board_settings(self.settings)
        try:
            self.board = Board.load(self.board_settings.listings, self.board_settings.today)
        except BoardInvalid as invalid:
            # One problem a line, as `stint validate` prints them: Pelican's logger would wrap them.
            print("\n".join(problem.as_text() for problem in invalid.problems), file=sys.stderr)
            raise
        self.context.update(board=self.board, today=self.board.today, facets=FACETS, feed_links_for=feeds.feed_links_for)
        self.context["card_html"] = self._card_renderer()
        self.context["guides"] = sorted(self.context.get("articles", []), key=lambda guide: guide.date, reverse=True)
        attach_postings(self.context["guides"], self.board)

    def _card_renderer(self) -> Any:
        """Each card is rendered once and reused on every page that lists it: at 10,000
        postings the facet pages alone show some 100,000 cards."""
        cards: dict[tuple[str, str], Any] = {}
        macros = self.env.get_template("macros.html").make_module(self.context)
        today = self.board.today

        def card_html(posting: Posting, heading: str = "h3") -> Any:
            key = (posting.slug, heading)
            if key not in cards:
                cards[key] = macros.card(posting, today, heading)
            return cards[key]

        return card_html

    def generate_output(self, writer: Any) -> None:
        board = self.board
        self._page(writer, "index.html", "home.html", "", latest=board.open[:6], latest_guides=self.context["guides"][:3])
        self._paginated(writer, "internships/", "listing.html", board.open, heading="Micro-internships", view="all")
        for facet_page in board.facet_pages:
            heading = (
                f"{facet_page.value.label} micro-internships"
                if facet_page.facet.name != "credit"
                else "Micro-internships with academic credit"
            )
            self._paginated(
                writer, facet_page.url, "listing.html", facet_page.postings, heading=heading, view="facet", facet_page=facet_page
            )
        self._paginated(writer, "internships/closed/", "closed.html", board.closed, heading="Closed micro-internships", view="closed")
        for posting in board.postings:
            self._posting(writer, posting)
        self._page(writer, "guides/index.html", "guides.html", "guides/")
        self._page(
            writer,
            "submit/index.html",
            "submit.html",
            "submit/",
            schema_fields=site_data.schema_rows(),
            example=site_data.example_posting(),
        )
        self._page(writer, "404.html", "404.html", "404.html")
        site_data.write_data_files(self.output_path, board, self.context, self.board_settings)
        feeds.write_feeds(self.output_path, board, self.context["guides"], self.board_settings.site_url, self.board_settings.site_name)
        write_browse_data(self.output_path, board)
        # Every HTML page is written by now (Pelican copies static files after us).
        build_search_index(Path(self.output_path), board)

    def _page(self, writer: Any, save_as: str, template: str, url: str, **values: Any) -> None:
        writer.write_file(save_as, self.get_template(template.removesuffix(".html")), self.context, page_url=url, **values)

    def _paginated(self, writer: Any, url: str, template: str, postings: Sequence[Posting], **values: Any) -> None:
        """Directory-style pages: /internships/, /internships/page/2/, ... (no name collisions at scale)."""
        per_page = self.board_settings.per_page
        count = max(1, math.ceil(len(postings) / per_page))
        urls = [url] + [f"{url}page/{number}/" for number in range(2, count + 1)]
        for number, page_url in enumerate(urls, start=1):
            chunk = postings[(number - 1) * per_page : number * per_page]
            pagination = {"number": number, "count": count, "urls": urls, "total": len(postings)}
            self._page(writer, f"{page_url}index.html", template, page_url, postings=chunk, pagination=pagination, base_url=url, **values)

    def _posting(self, writer: Any, posting: Posting) -> None:
        is_open = posting.is_open(self.board.today)
        page_url = f"{self.board_settings.site_url}/{posting.url}"
        json_ld = script_json(job_posting(posting, page_url, self.board_settings.site_name)) if is_open else None
        related = self.board.related(posting)
        self._page(
            writer,
            f"{posting.url}index.html",
            "posting.html",
            posting.url,
            posting=posting,
            is_open=is_open,
            json_ld=json_ld,
            script_hashes=[script_hash(json_ld)] if json_ld else [],
            related=related,
        )
