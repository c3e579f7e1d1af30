"""A board that lives for years: pages whose size does not grow with the board, every page
of a long list a few clicks from the first, and closed postings that cost little.

Real builds of generated boards, with one posting a page (``STINT_PER_PAGE=1``) so that
lists of hundreds of pages stay quick to build."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import ROOT, edited
from sitebuild import built, read
from stint.board.pagination import linked_pages, page_url

TODAY = "2026-12-01"
NU_CHECKER = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CAPPED_FACET_PAGES = 5
CLOSED_SLUG = "posting-c0000"


def posting(number: int, closed: bool) -> str:
    """The contract's example as posting ``number``: its own organisation and apply link (no
    duplicates), numbered at a fixed width so that every card has the same length."""
    text = edited("Customer interview sprint for", f"Customer interview sprint {number:05d} for")
    text = edited("name: Northwind Ledger", f"name: Northwind Ledger {number:05d}", text)
    text = edited("https://northwind.example/careers/interview-sprint", f"https://northwind.example/careers/{number:05d}", text)
    if closed:
        text = edited("apply_by: 2026-12-15", "apply_by: 2026-11-10", edited("posted: 2026-11-20", "posted: 2026-11-01", text))
    return text


def write_board(folder: Path, open_count: int, closed_count: int = 0) -> Path:
    folder.mkdir(parents=True)
    for number in range(open_count):
        (folder / f"posting-{number:05d}.yaml").write_text(posting(number, closed=False), encoding="utf-8")
    for number in range(closed_count):
        (folder / f"posting-c{number:04d}.yaml").write_text(posting(open_count + number, closed=True), encoding="utf-8")
    return folder


def build_board(folder: Path, open_count: int, closed_count: int = 0, today: str = TODAY) -> Path:
    listings = write_board(folder / "listings", open_count, closed_count)
    return built(listings, folder / "output", today, STINT_PER_PAGE="1", STINT_FACET_PAGES=str(CAPPED_FACET_PAGES))


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_board(tmp_path_factory.mktemp("small"), 30)


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """300 open postings (300 listing pages) and 10 closed ones."""
    return build_board(tmp_path_factory.mktemp("large"), 300, 10)


def listing_pages(site: Path, base: str = "internships/") -> list[Path]:
    pages = [site / base / "index.html", *(site / base / "page").glob("*/index.html")]
    return [page for page in pages if page.exists()]


def pager_links(html: str) -> list[int]:
    """The page numbers a page's pager links to, in order (its current page included)."""
    nav = re.search(r'<nav class="pager".*?</nav>', html, re.S)
    assert nav, "the page has a pager"
    return [int(number.replace(",", "")) for number in re.findall(r'aria-label="Page ([\d,]+) of [\d,]+"', nav.group(0))]


def hops_from_first(count: int, links: Callable[[int], list[int]]) -> dict[int, int]:
    """Breadth-first from page 1: the fewest link hops to each page reached."""
    hops, queue = {1: 0}, deque([1])
    while queue:
        number = queue.popleft()
        for other in links(number):
            if other not in hops:
                hops[other] = hops[number] + 1
                queue.append(other)
    return hops


# ---- pagination, the function ------------------------------------------------------------


@pytest.mark.parametrize("count", [2, 7, 100, 2000, 2084, 10_000])
def test_every_page_of_a_long_list_is_within_20_hops_of_the_first(count: int) -> None:
    hops = hops_from_first(count, lambda number: linked_pages(number, count))
    assert sorted(hops) == list(range(1, count + 1)), "every page is reachable"
    assert max(hops.values()) <= 20
    if count == 2000:
        assert max(hops.values()) <= 12, "what the module's docstring promises"


def test_a_page_links_to_a_dozen_pages_however_long_the_list() -> None:
    for count in (1, 5, 50, 2084, 100_000):
        for number in {1, 2, count // 2, count - 1, count} & set(range(1, count + 1)):
            pages = linked_pages(number, count)
            assert len(pages) <= 15
            assert {1, count, number, max(number - 1, 1), min(number + 1, count)} <= set(pages), "first, last, self, neighbours"


def test_page_urls_are_directory_style() -> None:
    assert page_url("internships/", 1) == "internships/"
    assert page_url("internships/", 2084) == "internships/page/2084/"


# ---- pagination, as built ----------------------------------------------------------------


def test_the_built_pager_links_what_the_function_says_and_reaches_every_page(large: Path) -> None:
    pages = listing_pages(large)
    count = len(pages)
    assert count == 300
    links = {}
    for number in range(1, count + 1):
        html = read(large, page_url("/internships/", number))
        links[number] = pager_links(html)
        assert links[number] == linked_pages(number, count)
        current = re.findall(r'<a href="[^"]+" aria-label="Page ([\d,]+) of 300" aria-current="page">', html)
        assert current == [f"{number:,}"], "the current page is marked, once"
        for target in links[number]:
            assert f'href="/{page_url("internships/", target)}"' in html
    assert len(hops_from_first(count, links.__getitem__)) == count


def test_pager_is_labelled_and_keeps_rel_prev_and_next(large: Path) -> None:
    html = read(large, "/internships/page/150/")
    assert '<nav class="pager" aria-label="Micro-internships: pages">' in html
    assert '<a rel="prev" href="/internships/page/149/">' in html and '<a rel="next" href="/internships/page/151/">' in html
    assert "page 150 of 300" in html and "<title>Micro-internships (page 150 of 300) | stint</title>" in html
    assert 'rel="prev"' not in read(large, "/internships/") and 'rel="next"' not in read(large, "/internships/page/300/")


def test_listing_page_size_does_not_grow_with_the_list(small: Path, large: Path) -> None:
    """Ten times the pages; the same bytes per page, give or take a few longer page numbers."""
    small_sizes = [page.stat().st_size for page in listing_pages(small)]
    large_sizes = [page.stat().st_size for page in listing_pages(large)]
    assert len(large_sizes) == 10 * len(small_sizes)
    assert max(large_sizes) - max(small_sizes) < 1500, "a pager linking every page would add some 20 kB"
    assert max(large_sizes) < 1.1 * min(large_sizes)


def test_facet_listings_stop_at_the_cap_and_point_to_the_filterable_list(large: Path) -> None:
    research = sorted(page.parent.name for page in (large / "internships" / "field" / "research" / "page").glob("*/index.html"))
    assert research == [str(number) for number in range(2, CAPPED_FACET_PAGES + 1)]
    last = read(large, f"/internships/field/research/page/{CAPPED_FACET_PAGES}/")
    assert pager_links(last)[-1] == CAPPED_FACET_PAGES
    assert "These pages list the newest 5 of 300." in last
    assert 'href="/internships/?field=research">Filter the full list</a>' in last
    assert "newest 300" not in read(large, "/internships/"), "the list of all open postings is never capped"


# ---- closed postings ---------------------------------------------------------------------


def test_a_closed_posting_page_keeps_what_a_reader_needs(large: Path) -> None:
    page = read(large, f"/internships/{CLOSED_SLUG}/")
    assert '<h1 id="posting-title">Customer interview sprint 00300 for a budgeting app</h1>' in page
    assert "Northwind Ledger 00300" in page
    assert "<strong>Applications closed.</strong> The deadline was 10 November 2026." in page
    assert '<time datetime="2026-11-01">' in page and '<time datetime="2026-11-10">' in page
    assert "You will plan and run twelve short video interviews" in page
    assert "button-apply" not in page


def test_a_closed_posting_page_has_nothing_a_crawler_would_index(large: Path) -> None:
    page = read(large, f"/internships/{CLOSED_SLUG}/")
    assert '<meta name="robots" content="noindex, follow">' in page
    assert "application/ld+json" not in page
    assert 'class="related"' not in page and 'class="card"' not in page
    assert "og:" not in page and "twitter:" not in page
    assert "data-pagefind-body" not in page
    assert CLOSED_SLUG not in (large / "sitemap.xml").read_text(encoding="utf-8")
    assert CLOSED_SLUG not in (large / "internships" / "index.json").read_text(encoding="utf-8")
    assert all(CLOSED_SLUG not in feed.read_text(encoding="utf-8") for feed in (large / "feeds").rglob("*.*"))
    open_page = read(large, "/internships/posting-00000/")
    assert "application/ld+json" in open_page and 'property="og:title"' in open_page, "open postings keep both"


def test_a_closed_posting_is_named_only_by_its_page_and_the_closed_list(large: Path) -> None:
    """Out of feeds, filter data, index.json, the sitemap, cards and facet pages. (The search
    index, compressed, is read only from pages marked data-pagefind-body, which it is not.)"""
    naming = {
        path.relative_to(large).as_posix() for path in large.rglob("*") if path.is_file() and CLOSED_SLUG.encode() in path.read_bytes()
    }
    assert {name for name in naming if not name.startswith("internships/closed/")} == {f"internships/{CLOSED_SLUG}/index.html"}
    assert naming - {f"internships/{CLOSED_SLUG}/index.html"}, "the closed list names it"


def test_closed_postings_are_listed_four_times_denser(large: Path) -> None:
    assert len(listing_pages(large, "internships/closed/")) == 3  # 10 closed postings, 4 a page
    listed = [re.findall(r'data-slug="([^"]+)"', page.read_text(encoding="utf-8")) for page in listing_pages(large, "internships/closed/")]
    assert sorted(slug for page in listed for slug in page) == [f"posting-c{number:04d}" for number in range(10)]


def test_a_closed_posting_page_is_not_made_again_on_a_later_day(tmp_path: Path) -> None:
    """No page key holds the build date: a later day links the same files."""
    listings = write_board(tmp_path / "listings", 3, 2)
    output = built(listings, tmp_path / "output", TODAY)
    closed, opened = output / "internships" / CLOSED_SLUG / "index.html", output / "internships" / "posting-00000" / "index.html"
    before = {path: path.stat().st_ino for path in (closed, opened)}
    built(listings, output, "2026-12-02")
    assert closed.stat().st_ino == before[closed], "the closed posting's page is the same file"
    assert opened.stat().st_ino == before[opened], "an open posting's page counts days left in the browser: the same file too"


# ---- checked as published ----------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_pages(large: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A few pages of each new kind, copied where the checkers can take them all at once."""
    folder = tmp_path_factory.mktemp("sample-pages")
    urls = ["internships/page/150/", "internships/field/research/page/5/", "internships/closed/page/2/", f"internships/{CLOSED_SLUG}/"]
    for index, url in enumerate(urls):
        shutil.copy(large / url / "index.html", folder / f"{index}.html")
    return folder


@pytest.mark.skipif(
    not shutil.which("java") or not NU_CHECKER.exists(), reason="needs Java and node_modules/vnu-jar (make test installs it)"
)
def test_new_pages_are_valid_html(sample_pages: Path) -> None:
    command = ["java", "-jar", str(NU_CHECKER), "--errors-only", "--format", "gnu", str(sample_pages)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-5000:]


@pytest.fixture(scope="module")
def served(large: Path) -> Iterator[str]:
    from browser import serve

    with serve(large) as base:
        yield base


@pytest.mark.browser
@pytest.mark.parametrize("url", ["/internships/page/150/", "/internships/field/research/page/5/", "/internships/closed/page/2/"])
@pytest.mark.parametrize("width", [390, 1280])
def test_axe_finds_no_wcag_violation_in_the_pager(served: str, url: str, width: int) -> None:
    """As a reader without JavaScript sees it (the board's script kept out), where the pager is what they use."""
    from browser import AXE, CHROMIUM, axe_violations, chromium

    if not AXE.exists() or not os.path.exists(CHROMIUM):
        pytest.skip("needs chromium and node_modules/axe-core (make test installs them)")
    with chromium() as browser:
        context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
        context.route("**/board.js", lambda route: route.abort())
        tab = context.new_page()
        tab.goto(served + url)
        assert tab.is_visible("nav.pager")
        assert axe_violations(tab) == []
        context.close()
