"""Guides: published with their matching postings, checked like postings, drafts kept back;
the employer page documents every field of the schema; the dev server watches postings."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from expectations import expected_facet_members
from sitebuild import build, devserver, read

BOARD = ROOT / "tests" / "fixtures" / "board"
TODAY = "2026-12-01"
OPEN = {"remote-paid-research", "hybrid-hourly-data", "onsite-unpaid-comms", "last-day-software"}
GUIDES = sorted(path for path in (ROOT / "content" / "guides").glob("*.md") if "Status: draft" not in path.read_text(encoding="utf-8"))


def front_matter(path: Path) -> dict[str, str]:
    head = path.read_text(encoding="utf-8").split("\n\n", 1)[0]
    return {key.lower(): value.strip() for key, _, value in (line.partition(":") for line in head.splitlines())}


@pytest.mark.parametrize("guide", GUIDES, ids=lambda path: path.stem)
def test_guide_page_lists_the_open_postings_of_its_topic(site: Path, guide: Path) -> None:
    meta = front_matter(guide)
    members = expected_facet_members(OPEN)
    pairs = [tuple(pair.strip().split("=")) for pair in meta.get("postings", "").split(",") if pair.strip()]
    expected = set().union(*(members.get(pair, set()) for pair in pairs)) if pairs else set()
    page = read(site, f"guides/{meta['slug']}/")
    section = page.split('id="matching-title"')[1].split("</section>")[0] if expected else ""
    assert set(re.findall(r'data-slug="([^"]+)"', section)) == expected
    assert 'id="next-title"' in page, "every guide suggests what to read next"


def test_guides_index_lists_every_published_guide(site: Path) -> None:
    index = read(site, "guides/")
    for guide in GUIDES:
        assert f'href="/guides/{front_matter(guide)["slug"]}/"' in index


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (
            "Title: A guide\nDate: 2026-11-01\nSumary: Misspelt summary line.\n",
            [
                "guides/broken.md:1:1: summary: required front matter is missing",
                'guides/broken.md:3:1: sumary: unknown front matter "sumary": did you mean Summary?',
            ],
        ),
        (
            "Title: A guide\nDate: 1 Nov 2026\nSummary: A summary.\n",
            ['guides/broken.md:2:7: date: "1 Nov 2026" is not a date written YYYY-MM-DD'],
        ),
        (
            "Title: A guide\nDate: 2026-11-01\nSummary: A summary.\nPostings: field=astrology\n",
            ['guides/broken.md:4:11: postings: "field=astrology" is not a facet value'],
        ),
    ],
    ids=["unknown-key", "bad-date", "bad-topic"],
)
def test_broken_front_matter_fails_the_build_with_file_and_line(tmp_path: Path, header: str, expected: list[str]) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    (content / "guides" / "broken.md").write_text(header + "\nBody text.\n", encoding="utf-8")
    result = build(BOARD, tmp_path / "output", TODAY, content=content)
    assert result.returncode != 0
    for line in expected:
        assert any(reported.endswith(line) or line in reported for reported in result.stderr.splitlines()), (line, result.stderr[-2000:])
    assert not (tmp_path / "output").exists(), "nothing was published"


def _schema_fields(schema: dict, prefix: str = "") -> list[str]:
    names = []
    for name, prop in schema.get("properties", {}).items():
        names.append(prefix + name)
        if prop.get("type") == "object":
            names += _schema_fields(prop, f"{prefix}{name}.")
    return names


def test_submit_page_has_a_row_for_every_schema_property(site: Path) -> None:
    schema = json.loads((ROOT / "schema" / "posting.schema.json").read_text(encoding="utf-8"))
    page = read(site, "submit/")
    rows = re.findall(r'<tr id="field-[^"]+" data-field="([^"]+)">', page)
    assert rows == _schema_fields(schema)
    assert "duration_weeks" in rows and "compensation.travel_expenses_covered" in rows
    assert "apply_by:" in page, "the example posting is on the page"


def test_devserver_rebuilds_when_a_posting_changes(tmp_path: Path) -> None:
    listings = tmp_path / "listings"
    shutil.copytree(BOARD, listings)
    output = tmp_path / "output"
    page = output / "internships" / "hybrid-hourly-data" / "index.html"
    with devserver(listings, output, TODAY) as server:
        server.wait_for(lambda: page.exists() and "six ocean buoys" in page.read_text(encoding="utf-8"))
        posting = listings / "hybrid-hourly-data.yaml"
        posting.write_text(posting.read_text(encoding="utf-8").replace("six ocean buoys", "seven ocean buoys"), encoding="utf-8")
        server.wait_for(lambda: page.exists() and "seven ocean buoys" in page.read_text(encoding="utf-8"))
