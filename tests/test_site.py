"""The board site, built for real from tests/fixtures/board on a pinned day, read back."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

from bench.generate import write_postings
from conftest import ROOT
from expectations import FACET_VALUES, expected_facet_members, fixture_postings
from sitebuild import built, read

BOARD = ROOT / "tests" / "fixtures" / "board"
TODAY = "2026-12-01"
OPEN = {"remote-paid-research", "hybrid-hourly-data", "onsite-unpaid-comms", "last-day-software"}
CLOSED = {"filled-early-design", "expired-sales"}


def slugs(html: str) -> set[str]:
    return set(re.findall(r'data-slug="([^"]+)"', html))


def json_ld(html: str) -> list[dict[str, Any]]:
    return [json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]


def test_listing_shows_exactly_the_open_postings_newest_first(site: Path) -> None:
    html = read(site, "internships/")
    assert slugs(html) == OPEN
    order = re.findall(r'data-slug="([^"]+)"', html)
    posted = {slug: data["posted"] for slug, data in fixture_postings().items()}
    assert order == sorted(order, key=lambda slug: posted[slug], reverse=True)
    assert re.search(r"<strong data-result-count>4</strong>", html)


def test_closed_postings_keep_their_page_without_apply_or_markup(site: Path) -> None:
    closed_view = read(site, "internships/closed/")
    assert slugs(closed_view) == CLOSED
    for slug in CLOSED:
        page = read(site, f"internships/{slug}/")
        assert "Applications closed" in page
        assert "button-apply" not in page
        assert '<meta name="robots" content="noindex, follow">' in page
        assert json_ld(page) == []
    assert "filled this internship" in read(site, "internships/filled-early-design/")


def test_open_posting_page_has_apply_button_and_sanitised_description(site: Path) -> None:
    page = read(site, "internships/remote-paid-research/")
    assert 'class="button button-apply" href="https://northwind.example/careers/interview-sprint"' in page
    assert "Applications closed" not in page
    assert "<p>A mentor from our product team meets you twice a week.</p>" in page
    email = read(site, "internships/hybrid-hourly-data/")
    assert 'href="mailto:jobs@fjordlab.example?subject=' in email
    assert "noindex" not in page


def test_last_day_is_still_open(site: Path) -> None:
    page = read(site, "internships/last-day-software/")
    assert "button-apply" in page
    # The date is printed; the days left are counted in the reader's browser (test_browser).
    assert '<time datetime="2026-12-01">1 Dec 2026</time> <span class="days-left" data-days-left="2026-12-01" hidden></span>' in page


@pytest.mark.parametrize(("facet", "value"), [(facet, value) for facet, values in FACET_VALUES.items() for value in values])
def test_facet_page_lists_its_open_postings_with_counts(site: Path, facet: str, value: str) -> None:
    expected = expected_facet_members(OPEN).get((facet, value), set())
    page = read(site, f"internships/{facet}/{value}/")
    assert slugs(page.split('<aside class="listing-side">')[0]) == expected
    assert f"<strong data-result-count>{len(expected)}</strong>" in page
    listing = read(site, "internships/")
    link = re.search(rf'href="/internships/{facet}/{value}/"[^>]*>[^<]*<span class="count">(\d+)</span>', listing)
    assert link and int(link.group(1)) == len(expected), "every listing page links to every facet page with its count"


def test_json_ld_per_case(site: Path) -> None:
    remote = json_ld(read(site, "internships/remote-paid-research/"))[0]
    assert remote["@type"] == "JobPosting" and remote["employmentType"] == "INTERN"
    assert remote["jobLocationType"] == "TELECOMMUTE"
    assert [place["name"] for place in remote["applicantLocationRequirements"]] == ["US", "CA"]
    assert "jobLocation" not in remote
    assert remote["datePosted"] == "2026-11-20" and remote["validThrough"].startswith("2026-12-15")
    assert remote["directApply"] is False and remote["identifier"]["value"] == "remote-paid-research"
    assert remote["baseSalary"]["currency"] == "USD" and remote["baseSalary"]["value"]["unitText"] == "HOUR"
    assert remote["hiringOrganization"]["name"] == "Northwind Ledger"

    hybrid = json_ld(read(site, "internships/hybrid-hourly-data/"))[0]
    assert "jobLocationType" not in hybrid
    assert hybrid["jobLocation"]["address"] == {"@type": "PostalAddress", "addressLocality": "Bergen", "addressCountry": "NO"}
    assert hybrid["baseSalary"]["value"] == {"@type": "QuantitativeValue", "value": 210, "unitText": "HOUR"}

    onsite = json_ld(read(site, "internships/onsite-unpaid-comms/"))[0]
    assert onsite["jobLocation"]["address"]["addressCountry"] == "CA"
    assert "baseSalary" not in onsite

    weekly = json_ld(read(site, "internships/last-day-software/"))[0]
    assert weekly["baseSalary"]["currency"] == "USD"


def test_index_json_documents_the_open_postings(site: Path) -> None:
    index = json.loads((site / "internships" / "index.json").read_text(encoding="utf-8"))
    assert index["count"] == len(OPEN) and index["generated"] == TODAY
    assert {record["slug"] for record in index["postings"]} == OPEN
    research = next(record for record in index["postings"] if record["slug"] == "remote-paid-research")
    assert research["compensation"]["hourly_equivalent"] == round(900 / (2.5 * 15), 2)
    assert research["facets"]["duration"] == ["1-2-weeks", "3-4-weeks"]
    assert research["location"]["countries"] == ["US", "CA"]


def test_sitemap_lists_indexable_pages_with_lastmod(site: Path) -> None:
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    for slug in OPEN:
        assert f"<loc>/internships/{slug}/</loc>" in sitemap
    for slug in CLOSED:
        assert f"/internships/{slug}/" not in sitemap
    assert "<loc>/internships/remote-paid-research/</loc><lastmod>2026-11-20</lastmod>" in sitemap
    assert "/guides/what-is-a-micro-internship/" in sitemap
    assert (site / "robots.txt").read_text().startswith("User-agent: *")


def test_every_page_has_canonical_open_graph_and_favicon(site: Path) -> None:
    """Except Open Graph on closed postings' pages: kept so old links work, not to be shared."""
    pages = list(site.rglob("*.html"))
    assert len(pages) > 40
    closed = {site / "internships" / slug / "index.html" for slug in CLOSED}
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert '<link rel="canonical"' in html, page
        assert ('<meta property="og:title"' in html) == (page not in closed), page
        assert 'rel="icon"' in html, page
    assert (site / "theme" / "favicon.svg").exists()


def test_production_settings_make_absolute_urls(tmp_path: Path) -> None:
    output = built(BOARD, tmp_path / "out", TODAY, settings="publishconf.py", STINT_SITEURL="https://board.example")
    page = read(output, "internships/remote-paid-research/")
    assert '<link rel="canonical" href="https://board.example/internships/remote-paid-research/">' in page
    assert json_ld(page)[0]["url"] == "https://board.example/internships/remote-paid-research/"
    assert "Sitemap: https://board.example/sitemap.xml" in (output / "robots.txt").read_text()


def test_every_pager_of_a_production_build_links_within_the_site_url(tmp_path: Path) -> None:
    """The closed list imported its pager without the page's context, so its links lost the
    site URL (a site served under /stint/ got dead links); every pager is checked."""
    listings = tmp_path / "listings"
    write_postings(listings, 80, dt.date.fromisoformat(TODAY))
    output = built(
        listings, tmp_path / "out", TODAY, settings="publishconf.py", STINT_SITEURL="https://board.example/sub", STINT_PER_PAGE="2"
    )
    pagers = {
        page: re.findall(r'<nav class="pager".*?</nav>', page.read_text(encoding="utf-8"), re.S) for page in output.rglob("index.html")
    }
    links = [link for found in pagers.values() for pager in found for link in re.findall(r'href="([^"]*)"', pager)]
    assert any("/internships/closed/page/2/" in link for link in links), "the closed list must have a second page here"
    assert links and all(link.startswith("https://board.example/sub/") for link in links)


def test_a_posting_dated_in_the_future_is_scheduled_not_published(site: Path) -> None:
    assert not (site / "internships" / "scheduled-survey").exists()
    assert "scheduled-survey" not in (site / "internships" / "index.json").read_text(encoding="utf-8")
    assert "scheduled-survey" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "scheduled-survey" not in read(site, "internships/closed/")
