"""The Pelican generator: validates the postings and writes the board's pages.

Pages are rendered with Pelican's Jinja environment and context. They are written by
``PageWriter`` rather than Pelican's writer, because a page whose inputs have not changed
since the last build is linked from the build cache instead of rendered again, and
because thousands of pages render faster on all cores.

Posting pages come first, so that Pagefind indexes them while the listing pages, feeds and
data files are made.
"""

from __future__ import annotations

import gc
import json
import sys
from collections.abc import Callable, Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

from pelican.generators import Generator

from stint.board import statistics
from stint.board.exchange import READER_CURRENCIES, USD_PER_UNIT
from stint.board.facets import FACETS
from stint.board.guides import attach_postings, check_guides
from stint.board.pagination import page_count, page_url, pagination
from stint.board.pay_bands import pay_bands
from stint.board.posting import Posting
from stint.outputs import build_report, calendars, feeds, first_frame, headers, site_data, stats_page, topics
from stint.outputs.browse_data import write_browse_data
from stint.outputs.cards import Cards
from stint.outputs.fragments import Fragments
from stint.outputs.search_index import SearchIndex
from stint.outputs.shared_parts import SharedParts
from stint.outputs.structured_data import job_posting, script_hash, script_json
from stint.settings import board_settings, build_report_path
from stint.site.board_loading import BoardInvalid, LoadedBoard, load_board
from stint.writing import announcing, atomic
from stint.writing.build_order import make_files
from stint.writing.cache import BuildCache, digest, settings_digest, tree_digest
from stint.writing.page_writer import PageWriter
from stint.writing.placing import Placement

PACKAGE = Path(__file__).resolve().parents[1]  # all of stint: its code is part of every cache key
CLOSED_PER_PAGE_FACTOR = 4


def _long_lived(load: Callable[[], LoadedBoard]) -> LoadedBoard:
    """Loading the board makes a million objects that live for the whole build. The cyclic
    garbage collector would walk them again and again, finding nothing: that was half the
    time of a warm build's load, and more at exit. So it pauses while they are made, and
    they are then frozen out of its sight (which also keeps forked workers' pages shared).
    The devserver's next build unfreezes them, so an old board's cycles can still be collected."""
    gc.unfreeze()
    gc.disable()
    try:
        return load()
    finally:
        gc.enable()
        gc.freeze()


class BoardGenerator(Generator):
    """Validates the postings (failing the build on any problem) and writes the board's pages."""

    def generate_context(self) -> None:
        self.board_settings = board_settings(self.settings)
        code = tree_digest(PACKAGE, site_data.SCHEMA_PATH.parent)
        # The build date is not an input: a page changes when a posting it shows changes, opens or closes.
        global_inputs = digest(code, tree_digest(Path(self.theme)), settings_digest(self.settings))
        self.cache = BuildCache(self.board_settings.cache, global_inputs)
        try:
            guide_problems = check_guides(Path(self.path) / "guides")
            if guide_problems:
                raise BoardInvalid(guide_problems)
            settings = self.board_settings
            loaded = _long_lived(lambda: load_board(settings.listings, settings.today, self.cache, code, settings.keep_going))
        except BoardInvalid as invalid:
            # One problem a line, as `stint validate` prints them: Pelican's logger would wrap them.
            print("\n".join(problem.as_text() for problem in invalid.problems), file=sys.stderr)
            raise
        self.board = loaded.board
        if loaded.warnings:  # shown as `stint validate` shows them; they never stop the build
            print("\n".join(problem.as_text() for problem in loaded.warnings), file=sys.stderr)
        if self.board_settings.keep_going:
            build_report.write(build_report_path(Path(self.output_path)), loaded.left_out)
        self.context.update(board=self.board, today=self.board.today, facets=FACETS, feed_links_for=feeds.feed_links_for)
        self.context["topic_for"] = topics.topic_for
        self.context["pay_currencies"] = tuple((code, USD_PER_UNIT[code]) for code in READER_CURRENCIES)  # for the minimum pay
        self.context["pay_bands"] = pay_bands(self.board)
        self.context["first_frame"] = first_frame  # the listing's inline script and its CSP hash
        self.context["content_security_policy"] = headers.policy  # every page's <meta> policy
        macros = self.env.get_template("macros.html").make_module(self.context)
        self.cards = Cards(macros.card, self.cache, global_inputs)
        self.fragments = Fragments(self.cache, global_inputs)
        self.context["card_html"] = self.cards.html
        self.context["shared"] = SharedParts(macros, self.board)
        # What the macros read beyond their arguments, as globals: the board's templates then
        # import them without the page's context, which Jinja does once per build instead of
        # once per page (a new context and module each time, a tenth of a posting page).
        self.env.globals.update(SITEURL=self.context["SITEURL"], card_html=self.cards.html)
        self.env.auto_reload = False  # no template changes during a build: no stat of each on each use
        self.context["guides"] = sorted(self.context.get("articles", []), key=lambda guide: guide.date, reverse=True)
        attach_postings(self.context["guides"], self.board)

    def generate_output(self, writer: Any) -> None:
        board, output = self.board, Path(self.output_path)
        pelicans_files = announcing.files_in(output)  # written by Pelican's own generators, which announced them
        self.placement = Placement(output, atomic.previous_output(output))
        atomic.before_swap(output, self.placement.publish)
        self.pages = PageWriter(self.cache, self.placement)
        make_files(
            self.pages,
            self._posting_pages,
            lambda: SearchIndex(output, board, self.cache, self.placement, self.board_settings.search_shard, self._search_keys()),
            self._site_pages,
            self._data_files,
        )
        self.cards.save()
        self.fragments.save()
        self.cache.prune()
        announcing.announce_new(output, pelicans_files, self.context)

    def _posting_pages(self) -> None:
        for posting in self.board.postings:
            self._posting(posting)

    def _search_keys(self) -> dict[str, str]:
        """What Pagefind reads of each open posting's page, its article, shows that posting
        alone (related cards sit outside it): so a shard is indexed again when its postings
        change, not when a card on their pages does, as on every day some posting closes."""
        return {f"{posting.url}index.html": self.cache.page_key(f"{posting.url}#search", posting.identity) for posting in self.board.open}

    def _site_pages(self) -> None:
        self._listing_pages()
        self._reader_pages()

    def _data_files(self) -> None:
        """The data files, feeds, calendars and card shards."""
        board, site_name = self.board, self.board_settings.site_name
        site_data.write_data_files(self.output_path, board, self.context, self.board_settings, self.cache)
        members, base = topics.Members(board), feeds.site_base(self.board_settings.site_url)
        guides = self.context["guides"]
        feeds.write_feeds(self.output_path, board, guides, self.board_settings.site_url, site_name, members, self.pages, self.fragments)
        calendars.write_calendars(members, self.pages, base, site_name, self.fragments)
        write_browse_data(self.output_path, board, self.pages, self.cards, self.board_settings.per_page)

    @cached_property
    def _counts_key(self) -> str:
        """What every listing page shows about the whole board: the facet counts."""
        board = self.board
        return digest(*(f"{page.url}={len(page.postings)}" for page in board.facet_pages), str(len(board.open)))

    def _listing_pages(self) -> None:
        board = self.board
        guides = self.context["guides"]
        # What the home page and the guide index show of the guides: a guide edit elsewhere in its text changes neither.
        shown_guides = [f"{guide.url}|{guide.title}|{guide.date.isoformat()}|{guide.summary}" for guide in guides]
        latest = board.open[:6]
        home_inputs = [self._counts_key, *shown_guides[:3], *(self.cards.key(posting) for posting in latest)]
        self._page("index.html", "home", "", home_inputs, latest=latest, latest_guides=guides[:3])
        per_page, settings = self.board_settings.per_page, self.board_settings
        self._paginated("internships/", "listing", board.open, per_page, heading="Micro-internships", view="all")
        for facet_page in board.facet_pages:
            heading = f"{facet_page.value.label} micro-internships"
            if facet_page.facet.name == "credit":
                heading = "Micro-internships with academic credit"
            # Deeper than this, the filterable list serves a reader better, and crawlers
            # reach every open posting through /internships/ and the sitemap.
            self._paginated(
                facet_page.url,
                "listing",
                facet_page.postings,
                per_page,
                settings.facet_pages,
                heading=heading,
                view="facet",
                facet_page=facet_page,
            )
        # A closed posting is one line of the closed list, not a card: more fit a page.
        closed_per_page = per_page * CLOSED_PER_PAGE_FACTOR
        self._paginated("internships/closed/", "closed", board.closed, closed_per_page, heading="Closed micro-internships", view="closed")
        self._page("guides/index.html", "guides", "guides/", shown_guides)
        self._page("submit/index.html", "submit", "submit/", (), schema_fields=site_data.schema_rows(), example=site_data.example_posting())
        self._page("404.html", "404", "404.html", ())

    def _page(self, save_as: str, template: str, url: str, inputs: Sequence[str] | None, **values: Any) -> None:
        self.pages.write(save_as, inputs, lambda: self._render(template, page_url=url, **values))

    def _render(self, template: str, **values: Any) -> str:
        return self.get_template(template).render({**self.context, **values})

    def _paginated(
        self, url: str, template: str, postings: Sequence[Posting], per_page: int, max_pages: int | None = None, **values: Any
    ) -> None:
        """Directory-style pages: /internships/, /internships/page/2/, ... With ``max_pages``,
        only the first pages of the list are written (the rest is on the filterable list)."""
        count = page_count(len(postings), per_page, max_pages)
        listed = min(len(postings), count * per_page)
        for number in range(1, count + 1):
            page = pagination(url, number, count, len(postings), listed)
            chunk = postings[(number - 1) * per_page : number * per_page]
            shown = (self.cards.key(posting) for posting in chunk) if template == "listing" else (posting.identity for posting in chunk)
            inputs = [self._counts_key, repr(page), *shown]
            address = page_url(url, number)
            self._page(f"{address}index.html", template, address, inputs, postings=chunk, pagination=page, base_url=url, **values)

    def _posting(self, posting: Posting) -> None:
        if not posting.is_open(self.board.today):
            self._closed_posting(posting)
            return
        related = self.board.related(posting)
        inputs = [posting.identity, *(self.cards.key(other) for other in related)]

        def make() -> str:
            json_ld = script_json(job_posting(posting, f"{self.board_settings.site_url}/{posting.url}", self.board_settings.site_name))
            hashes = [script_hash(json_ld)]
            return self._render(
                "posting", page_url=posting.url, posting=posting, is_open=True, json_ld=json_ld, script_hashes=hashes, related=related
            )

        self.pages.write(f"{posting.url}index.html", inputs, make)

    def _reader_pages(self) -> None:
        """/stats/ and its CSV, keyed by the numbers they show (they sum the whole board, but an
        edit that moves none of them, such as a description's, leaves them); /follow/ and
        feeds/index.json, which depend only on the facets (so on the code: no inputs of their
        own); the pay band pages; each open posting's deadline calendar."""
        numbers = statistics.board_stats(self.board)
        shown = [repr(numbers)]
        # Its charts are drawn only when the page is made: most builds link it from the cache.
        self.pages.write("stats/index.html", shown, lambda: self._render("stats", page_url="stats/", **stats_page.page_values(numbers)))
        self.pages.write("stats/stats.csv", shown, lambda: stats_page.csv_text(numbers))
        listed = [topic for topic in topics.TOPICS if topic.name not in ("remote", "paid")]  # the same as location/remote, pay/paid
        follow = {"topics": listed, "file_count": topics.FEED_FILE_COUNT, "max_items": feeds.MAX_ITEMS, "max_events": calendars.MAX_EVENTS}
        self._page("follow/index.html", "follow", "follow/", (), **follow)
        self.pages.write("feeds/index.json", (), lambda: json.dumps(topics.follow_index(), separators=(",", ":")))
        for band in self.context["pay_bands"]:
            self._paginated(band.url, "listing", band.postings, self.board_settings.per_page, self.board_settings.facet_pages,
                             heading=band.heading, view="pay", min_hourly=band.minimum)  # fmt: skip
        base = feeds.site_base(self.board_settings.site_url)
        calendars.queue_deadline_files(self.board, self.pages, base, self.board_settings.site_name)

    def _closed_posting(self, posting: Posting) -> None:
        """What a reader who follows an old link needs (the posting, its dates, that it is
        closed), and nothing for crawlers: no JobPosting data, no related cards, noindex.
        So the page shows nothing of the day or of other postings: it is made once, and again only when the posting changes, however
        many closed postings pile up."""

        def make() -> str:
            return self._render("posting", page_url=posting.url, posting=posting, is_open=False, json_ld=None, script_hashes=[], related=[])

        self.pages.write(f"{posting.url}index.html", [posting.identity, "closed"], make)
