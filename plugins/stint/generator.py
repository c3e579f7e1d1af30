"""The Pelican generator: validates the postings and writes the board's pages.

Pages are rendered with Pelican's Jinja environment and context. They are written by
``PageWriter`` rather than Pelican's writer, because a page whose inputs have not changed
since the last build is linked from the build cache instead of rendered again, and
because thousands of pages render faster on all cores.
"""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from pelican.generators import Generator

from stint import atomic, feeds, site_data
from stint.board import Board, BoardInvalid
from stint.browse_data import write_browse_data
from stint.cache import BuildCache, digest, settings_digest, tree_digest
from stint.facets import FACETS
from stint.guides import attach_postings, check_guides
from stint.placing import Placement
from stint.posting import Posting
from stint.search_index import SearchIndex
from stint.settings import board_settings
from stint.structured_data import job_posting, script_hash, script_json

PACKAGE = Path(__file__).resolve().parent


# Below this many pages, forking workers costs more than it saves.
PARALLEL_PAGES = 300
Job = tuple[str, str, "str | None", "Callable[[], dict[str, Any]]"]  # save_as, template, cache key, values
_SHARED: tuple[PageWriter, list[Job]] | None = None  # what forked workers inherit


class PageWriter:
    """Renders pages, or links them from the cache when the same inputs made them before.

    Pages are queued and rendered together by ``flush``, over all cores when there are many:
    workers are forked, so they share the templates, context and board without pickling."""

    def __init__(self, output: Path, context: dict[str, Any], cache: BuildCache, templates: Callable[[str], Any], placement: Placement):
        self.output, self.context, self.cache, self.templates, self.placement = output, context, cache, templates, placement
        self.jobs: list[Job] = []
        self.keys: dict[str, str] = {}  # save_as -> the digest of everything the page shows

    def write(self, save_as: str, template: str, inputs: Sequence[str] | None, values: Callable[[], dict[str, Any]]) -> None:
        """``values`` is called only when the page must be rendered: a cached page costs a link."""
        key = self.cache.page_key(save_as, *inputs) if inputs is not None else None
        if key is not None:
            self.keys[save_as] = key
        self.jobs.append((save_as, template, key, values))

    def flush(self) -> None:
        """Render what the cache does not hold, over all cores when there is much; place every page."""
        global _SHARED
        jobs, self.jobs = self.jobs, []
        todo = [job for job in jobs if not self._place_cached(job)]
        workers = min(os.cpu_count() or 1, 4)
        if len(todo) < PARALLEL_PAGES or workers < 2:
            for job in todo:
                self.render(job)
            return
        _SHARED = (self, todo)
        try:
            with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("fork")) as pool:
                for used, deferred in pool.map(_render_share, range(workers), [workers] * workers):
                    self.cache.used |= used
                    self.placement.deferred.update(deferred)
        finally:
            _SHARED = None

    def _place_cached(self, job: Job) -> bool:
        save_as, _, key, _ = job
        source = None if key is None else self.cache.page(key)
        if source is not None:
            self.placement.put(source, save_as)
        return source is not None

    def render(self, job: Job) -> None:
        save_as, template, key, values = job
        html = self.templates(template).render({**self.context, **values()})
        source = None if key is None else self.cache.store_page(key, html)
        if source is not None:
            self.placement.put(source, save_as)
        else:
            target = self.output / save_as
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(html, encoding="utf-8")


def _render_share(index: int, workers: int) -> tuple[set[str], dict[str, str]]:
    """In a forked worker: render every ``workers``-th page, starting at ``index``."""
    writer, jobs = _SHARED
    for job in jobs[index::workers]:
        writer.render(job)
    return writer.cache.used, writer.placement.deferred


class BoardGenerator(Generator):
    """Validates the postings (failing the build on any problem) and writes the board's pages."""

    def generate_context(self) -> None:
        self.board_settings = board_settings(self.settings)
        code = tree_digest(PACKAGE, site_data.SCHEMA_PATH.parent)
        global_inputs = digest(code, tree_digest(Path(self.theme)), settings_digest(self.settings), self.board_settings.today.isoformat())
        self.cache = BuildCache(self.board_settings.cache, global_inputs)
        try:
            guide_problems = check_guides(Path(self.path) / "guides")
            if guide_problems:
                raise BoardInvalid(guide_problems)
            self.board = Board.load(self.board_settings.listings, self.board_settings.today, self.cache, code)
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
        board, output = self.board, Path(self.output_path)
        self.placement = Placement(output, atomic.previous_output(output))
        atomic.before_swap(output, self.placement.publish)
        self.pages = PageWriter(output, self.context, self.cache, self.get_template, self.placement)
        # Posting pages first: Pagefind indexes them (and the guides Pelican has written)
        # while the listing pages, feeds and data files are made.
        for posting in board.postings:
            self._posting(posting)
        self.pages.flush()
        with SearchIndex(output, board, self.cache, self.placement, self.board_settings.search_shard, self.pages.keys):
            self._listing_pages()
            self.pages.flush()
            site_data.write_data_files(self.output_path, board, self.context, self.board_settings, self.cache)
            feeds.write_feeds(self.output_path, board, self.context["guides"], self.board_settings.site_url, self.board_settings.site_name)
            write_browse_data(self.output_path, board)
        self.cache.prune()

    def _listing_pages(self) -> None:
        board = self.board
        self._page("index.html", "home", "", None, latest=board.open[:6], latest_guides=self.context["guides"][:3])
        self._paginated("internships/", "listing", board.open, heading="Micro-internships", view="all")
        for facet_page in board.facet_pages:
            heading = f"{facet_page.value.label} micro-internships"
            if facet_page.facet.name == "credit":
                heading = "Micro-internships with academic credit"
            self._paginated(facet_page.url, "listing", facet_page.postings, heading=heading, view="facet", facet_page=facet_page)
        self._paginated("internships/closed/", "closed", board.closed, heading="Closed micro-internships", view="closed")
        self._page("guides/index.html", "guides", "guides/", None)
        self._page("submit/index.html", "submit", "submit/", (), schema_fields=site_data.schema_rows(), example=site_data.example_posting())
        self._page("404.html", "404", "404.html", ())

    def _page(self, save_as: str, template: str, url: str, inputs: Sequence[str] | None, **values: Any) -> None:
        """``inputs`` names everything the page shows beyond the global settings; None: always render."""
        self.pages.write(save_as, template, inputs, lambda: {"page_url": url, **values})

    def _paginated(self, url: str, template: str, postings: Sequence[Posting], **values: Any) -> None:
        """Directory-style pages: /internships/, /internships/page/2/, ... (no name collisions at scale)."""
        per_page = self.board_settings.per_page
        count = max(1, math.ceil(len(postings) / per_page))
        urls = [url] + [f"{url}page/{number}/" for number in range(2, count + 1)]
        for number, page_url in enumerate(urls, start=1):
            chunk = postings[(number - 1) * per_page : number * per_page]
            pagination = {"number": number, "count": count, "urls": urls, "total": len(postings)}
            inputs = [self.board.counts_digest, repr(pagination), *(posting.identity for posting in chunk)]
            self._page(f"{page_url}index.html", template, page_url, inputs, postings=chunk, pagination=pagination, base_url=url, **values)

    def _posting(self, posting: Posting) -> None:
        is_open = posting.is_open(self.board.today)
        related = self.board.related(posting)
        inputs = [posting.identity, str(is_open), *(other.identity for other in related)]

        def values() -> dict[str, Any]:
            json_ld = None
            if is_open:
                json_ld = script_json(job_posting(posting, f"{self.board_settings.site_url}/{posting.url}", self.board_settings.site_name))
            hashes = [script_hash(json_ld)] if json_ld else []
            return {
                "page_url": posting.url,
                "posting": posting,
                "is_open": is_open,
                "json_ld": json_ld,
                "script_hashes": hashes,
                "related": related,
            }

        self.pages.write(f"{posting.url}index.html", "posting", inputs, values)
