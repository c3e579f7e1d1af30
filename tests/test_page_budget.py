"""Issue 15, item 3: one posting's page has a size budget, and checking it costs linear time.

A 1,250-column table made a 2.7 MB page (2 MB of it JSON-LD); reference links repeat their
address at every use. Tables are limited on the source, a description that could multiply
is measured rendered, and the JSON-LD carries a well-formed excerpt of the description.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import EXAMPLE, check_texts, edited
from scaling import assert_linear
from sitebuild import built, read
from stint.contract.markup import render_description
from stint.contract.page_budget import MAX_DESCRIPTION_HTML, budget_rules
from stint.outputs.structured_data import JSON_LD_DESCRIPTION, excerpt_html

DESCRIPTION_BLOCK = EXAMPLE[EXAMPLE.index("description: |\n") : EXAMPLE.index("duration_weeks:")]
PAGE_BUDGET = 200_000  # bytes of one posting page, whatever its description


def with_description(body: str) -> str:
    lines = "".join(f"  {line}\n" if line else "\n" for line in body.split("\n"))
    return edited(DESCRIPTION_BLOCK, f"description: |\n{lines}")


def table(columns: int, body_rows: int) -> str:
    rows = ["|" + "a|" * columns, "|" + "-|" * columns, *(["|x|"] * body_rows)]
    return "A table of the project's milestones.\n\n" + "\n".join(rows) + "\n"


def codes(listings: Path, description: str) -> list[str]:
    return [problem.code for problem in check_texts(listings, {"sample.yaml": with_description(description)}).problems]


def test_the_reported_wide_table_is_refused(listings: Path) -> None:
    description = table(1_250, (10_000 - 5_100) // 4)
    assert len(description) < 10_000
    assert codes(listings, description) == ["table-too-wide"]


@pytest.mark.parametrize(
    ("columns", "body_rows", "expected"),
    [(10, 10, []), (11, 1, ["table-too-wide"]), (10, 49, []), (10, 50, ["table-too-large"]), (2, 249, []), (2, 250, ["table-too-large"])],
)
def test_tables_are_limited(listings: Path, columns: int, body_rows: int, expected: list[str]) -> None:
    assert codes(listings, table(columns, body_rows)) == expected


def test_a_reference_link_repeated_thousands_of_times_is_refused(listings: Path) -> None:
    description = "[a]: https://northwind.example/" + "x" * 200 + "\n\nSee " + "[a]" * 3_000
    assert len(render_description(description)) > MAX_DESCRIPTION_HTML
    assert codes(listings, description) == ["description-too-large"]


@pytest.mark.parametrize("text", ['"' * 9_990, "&" * 9_990, "| a | b |\n" * 999, "[a]: https://northwind.example/\n\nSee [a] " * 200])
def test_long_descriptions_that_do_not_multiply_stay_allowed(listings: Path, text: str) -> None:
    assert codes(listings, text) == []


@pytest.mark.parametrize("unit", ["|-|\n", "|-|-|\n|x|\n", "|x|\n", "a|\n", "-\n"])
def test_measuring_tables_stays_linear(unit: str) -> None:
    """Every line may be a delimiter row: four times the lines may cost four times the time, not sixteen."""
    small, large = unit * (2_500 // len(unit)), unit * (10_000 // len(unit))
    assert_linear(lambda: list(budget_rules({"description": small})), lambda: list(budget_rules({"description": large})))


class Balance(HTMLParser):
    """Fails on any end tag that does not close the innermost open element."""

    VOID = frozenset({"br", "hr"})

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open.pop() == tag, f"</{tag}> closes nothing open"


def assert_well_formed(html: str) -> None:
    parser = Balance()
    parser.feed(html)
    parser.close()
    assert parser.open == [], f"left open: {parser.open}"


LONG = "\n\n".join(
    [
        f"## Part {n}\n\nWe *plan* and **run** [interviews](https://northwind.example/{n}) &amp; more.\n\n- one\n- two `x<y`"
        for n in range(300)
    ]
)


@pytest.mark.parametrize("limit", [1, 17, 100, 999, 4_000, 8_000])
def test_an_excerpt_is_well_formed_at_any_length(limit: int) -> None:
    html = str(render_description(LONG))
    excerpt = excerpt_html(html, limit)
    assert_well_formed(excerpt)
    assert len(excerpt) <= limit + 60  # the closing tags the cut left open, and the ellipsis
    assert excerpt.endswith("<p>…</p>")


def test_the_largest_page_a_posting_can_make_stays_in_budget(tmp_path: Path) -> None:
    listings = tmp_path / "listings"
    listings.mkdir()
    text = table(10, 48) + "\n" + 'Quotes "and" ampersands & 2 < 3 > 1 everywhere. ' * 170
    assert len(text) <= 10_000
    (listings / "big.yaml").write_text(with_description(text), encoding="utf-8")
    output = built(listings, tmp_path / "output", "2026-11-25")
    page = read(output, "/internships/big/")
    assert len(page.encode()) < PAGE_BUDGET
    (ld,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    description = json.loads(ld)["description"]
    assert len(description) <= JSON_LD_DESCRIPTION + 60
    assert_well_formed(description)
