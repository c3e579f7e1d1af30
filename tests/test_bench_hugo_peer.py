"""Issue 16: `make bench` times Hugo 0.168 (bench/hugo_peer.py, bench/hugo/) on the postings it
gives stint and Eleventy, pages at parity. From 60 generated postings (one scheduled, one
closed early), Hugo writes the pages stint's own rules call for, and, where the Eleventy peer
is installed, the same pages as Eleventy with the same markup. Offline, a few seconds."""

from __future__ import annotations

import html
import math
import re
import shutil
from pathlib import Path

import pytest
import yaml

from bench import eleventy_peer, hugo_peer
from bench.generate import write_postings
from bench.measure import TODAY
from stint.board.facets import FACETS
from stint.board.posting import Posting
from stint.settings import FACET_PAGES, PER_PAGE

WHY_NOT = hugo_peer.install()
pytestmark = pytest.mark.skipif(WHY_NOT is not None, reason=f"Hugo cannot run here: {WHY_NOT}")
ELEVENTY = eleventy_peer.INSTALLED.exists() and shutil.which("node") is not None
SCHEDULED, CLOSED_EARLY = "posting-00003", "posting-00010"


@pytest.fixture(scope="module")
def listings(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hugo-peer") / "listings"
    write_postings(folder, 60, TODAY, closed_share=0.1)
    scheduled = folder / f"{SCHEDULED}.yaml"
    text = re.sub(r"posted: '[^']*'", "posted: '2026-12-05'", scheduled.read_text(encoding="utf-8"))
    scheduled.write_text(re.sub(r"apply_by: '[^']*'", "apply_by: '2027-01-20'", text), encoding="utf-8")
    with (folder / f"{CLOSED_EARLY}.yaml").open("a", encoding="utf-8") as closed:
        closed.write("closed: true\nclosed_reason: filled\n")
    return folder


@pytest.fixture(scope="module")
def hugo_site(listings: Path) -> Path:
    output = listings.parent / "hugo-site"
    assert hugo_peer.build(listings, output).ok
    return output


@pytest.fixture(scope="module")
def eleventy_site(listings: Path) -> Path:
    if not ELEVENTY:
        pytest.skip("the Eleventy peer is not installed (bench/eleventy: npm ci, as make bench does)")
    output = listings.parent / "eleventy-site"
    assert eleventy_peer.build(listings, output).ok
    return output


def postings(listings: Path) -> list[Posting]:
    """Those on the board today, newest first, as stint orders them."""
    every = [Posting.from_mapping(path.stem, yaml.safe_load(path.read_text(encoding="utf-8"))) for path in listings.glob("*.yaml")]
    board = [posting for posting in every if posting.posted <= TODAY]
    return sorted(board, key=lambda posting: (posting.posted, posting.slug), reverse=True)


def written(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}


def listing(base: str, members: int, most: float) -> set[str]:
    count = min(max(1, math.ceil(members / PER_PAGE)), most)
    return {f"{base}index.html"} | {f"{base}page/{number}/index.html" for number in range(2, int(count) + 1)}


def text(page: Path) -> str:
    """What a reader reads: the page without its tags, whitespace made single spaces."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8"))).split())


def markup(page: Path) -> str:
    """The page with whitespace between tags dropped and other runs made single spaces."""
    return " ".join(re.sub(r">\s+<", "><", page.read_text(encoding="utf-8")).split())


def cards(page: Path) -> list[str]:
    return re.findall(r'<li class="card" data-slug="([^"]+)"', page.read_text(encoding="utf-8"))


def facet_counts(page: Path) -> list[tuple[str, str]]:
    return re.findall(r'<a href="(/internships/[^"]+/)"[^>]*>[^<]*<span class="count">(\d+)</span>', page.read_text(encoding="utf-8"))


def test_hugo_writes_the_pages_stints_rules_call_for(listings: Path, hugo_site: Path) -> None:
    board = postings(listings)
    open_now = [posting for posting in board if posting.is_open(TODAY)]
    assert SCHEDULED not in {posting.slug for posting in board}
    assert CLOSED_EARLY not in {posting.slug for posting in open_now}
    wanted = {f"internships/{posting.slug}/index.html" for posting in board}
    wanted |= listing("internships/", len(open_now), math.inf)
    for facet in FACETS:
        for value in facet.values:
            members = sum(value.slug in facet.members(posting) for posting in open_now)
            wanted |= listing(f"internships/{facet.name}/{value.slug}/", members, FACET_PAGES)
    assert written(hugo_site) == wanted
    first = hugo_site / "internships" / "index.html"
    assert cards(first) == [posting.slug for posting in open_now[:PER_PAGE]], "newest first: posted, then slug, both descending"
    assert ("/internships/host/employer/", str(sum(posting.host == "employer" for posting in open_now))) in facet_counts(first)
    assert "Applications closed." in text(hugo_site / "internships" / CLOSED_EARLY / "index.html")


def test_hugo_writes_what_eleventy_writes(hugo_site: Path, eleventy_site: Path) -> None:
    assert written(hugo_site) == written(eleventy_site)
    samples = ["internships/index.html", "internships/page/2/index.html", "internships/field/research/index.html"]
    samples += [f"internships/{slug}/index.html" for slug in ("posting-00000", CLOSED_EARLY)]
    for sample in samples:
        ours, theirs = hugo_site / sample, eleventy_site / sample
        assert text(ours) == text(theirs), sample
        assert cards(ours) == cards(theirs), sample
        assert facet_counts(ours) == facet_counts(theirs), sample
    differing = [page for page in sorted(written(hugo_site)) if markup(hugo_site / page) != markup(eleventy_site / page)]
    assert differing == [], f"{len(differing)} pages differ from Eleventy's, {differing[0]} first"
