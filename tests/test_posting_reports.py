"""Readers report a posting, and a posting closed early says why: read back from a real build."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from conftest import EXAMPLE, ROOT, edited
from sitebuild import built, read

REPOSITORY = "https://github.com/stint-board/stint"
FORM = ROOT / ".github" / "ISSUE_TEMPLATE" / "report-posting.yml"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("reports")
    listings = folder / "listings"
    listings.mkdir()
    (listings / "northwind-interview-sprint.yaml").write_text(EXAMPLE, encoding="utf-8")
    (listings / "northwind-dead-link.yaml").write_text(variant("Quillon", "closed: true\nclosed_reason: link-dead\n"), encoding="utf-8")
    (listings / "northwind-filled.yaml").write_text(variant("Ochre", "closed: true\n"), encoding="utf-8")
    return built(listings, folder / "output", "2026-12-01")


def variant(organization: str, extra: str) -> str:
    """Another organisation's posting (so no duplicate), with ``extra`` lines appended."""
    text = EXAMPLE.replace("Northwind Ledger", organization).replace("northwind", organization.lower())
    return edited("Customer interview sprint", f"{organization} research sprint", text) + extra


def report_link(page: str) -> str:
    found = re.findall(r'<a href="([^"]+)"[^>]*>Report a problem with this posting</a>', page)
    assert len(found) == 1
    return html.unescape(found[0])


@pytest.mark.parametrize("slug", ["northwind-interview-sprint", "northwind-dead-link"])
def test_every_posting_page_links_to_the_prefilled_report_form(site: Path, slug: str) -> None:
    address = urlsplit(report_link(read(site, f"internships/{slug}/")))
    assert f"{address.scheme}://{address.netloc}{address.path}" == f"{REPOSITORY}/issues/new"
    query = parse_qs(address.query)
    assert query == {"template": ["report-posting.yml"], "slug": [slug], "title": [f"Report: {slug}"]}


def test_the_report_form_asks_what_is_wrong_and_is_labelled_for_editors() -> None:
    form = yaml.safe_load(FORM.read_text(encoding="utf-8"))
    assert form["name"] == "Report a problem with this posting"
    assert form["labels"] == ["posting: reported"]
    fields = {field["id"]: field for field in form["body"] if "id" in field}
    assert fields["slug"]["type"] == "input"  # the id the page's address fills in
    assert fields["problem"]["attributes"]["options"] == [
        "The internship is filled",
        "The apply link is dead",
        "It looks fraudulent",
        "Some details are wrong",
    ]


def test_the_reason_a_posting_closed_is_shown(site: Path) -> None:
    closed = read(site, "internships/closed/")
    assert re.search(r'data-slug="northwind-dead-link">.*· apply link stopped working</span>', closed)
    assert re.search(r'data-slug="northwind-filled">.*· filled</span>', closed)  # no reason: filled, as before
    page = read(site, "internships/northwind-dead-link/")
    assert "Its apply link stopped working, so the board closed it." in page
    assert "button-apply" not in page


def test_the_submit_page_documents_the_reason_field(site: Path) -> None:
    row = re.search(r'<tr id="field-closed_reason".*?</tr>', read(site, "submit/"), re.S)
    assert row is not None
    assert "one of: filled, link-dead, employer-request, other" in row.group(0)
