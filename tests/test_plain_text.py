"""Issue 15, item 1: plain-text fields hold no markup as the HTML tokeniser reads it, and
harmless text with < and & stays allowed. Checked through the validator, then a real build:
index.json and every feed format carry the title as the plain text it is."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import pytest

from conftest import EXAMPLE, check_texts, edited
from scaling import assert_linear
from sitebuild import built
from stint.contract.board_rules import text_rules

TITLE = "title: Customer interview sprint for a budgeting app"

REFUSED = [
    "<a:b onmouseover=alert(1)>x",  # the tag name goes on past letters and digits
    "<a.b onmouseover=alert(1)>x",
    "<a_b onmouseover=alert(1)>x",
    "<aé onmouseover=alert(1)>x",  # a non-ASCII letter in the name
    "<b>bold</b>",
    "x </p> y",
    "<!-- hidden -->",
    "<!doctype html>",
    "<?xml ?>",
    "<A HREF=x>",
    "&lt script",  # legacy names decode without their ";"
    "&#60script&#62",  # numeric references too
    "&#x3cscript",
    "&#X3C",
    "&ltscript&gt",
    "Smith &notes",  # "&not" is decoded inside a longer word: "¬es"
    "&copy 2026",
    "&frac12 day",
    "&AMP",
    "&lt;b&gt;",  # with the semicolon, as before
    "&nbsp;",
    "&madeup;",
]
ALLOWED = [
    "a < b and c > d",
    "I <3 data, 2 < 3",
    "< a",
    "<",
    "a <= b >= c",
    "R&D, Q&A and AT&T",
    "M&A & S&P 500",
    "Fish & chips",
    "&",
    "& #60",
    "&# 60",
    "&#x",
    "&#",
    "&xyz without a semicolon",
]


def title(text: str) -> str:
    return edited(TITLE, "title: " + json.dumps(text))


@pytest.mark.parametrize("text", REFUSED)
def test_markup_a_browser_would_read_is_refused(listings: Path, text: str) -> None:
    result = check_texts(listings, {"sample.yaml": title(text + " in a customer interview sprint")})
    assert [problem.code for problem in result.problems] == ["html-in-text"]
    assert (result.problems[0].line, result.problems[0].column) == (1, len("title: ") + 1)  # a quoted value: at its quote


@pytest.mark.parametrize("text", ALLOWED)
def test_harmless_angle_brackets_and_ampersands_stay_allowed(listings: Path, text: str) -> None:
    result = check_texts(listings, {"sample.yaml": title(text + " in a customer interview sprint")})
    assert result.problems == []


def test_the_place_is_the_first_markup(listings: Path) -> None:
    text = "a < b &amp then <i> in a customer interview sprint"
    result = check_texts(listings, {"sample.yaml": edited(TITLE, "title: " + text)})  # unquoted: located on the character
    assert [(problem.code, problem.column) for problem in result.problems] == [("html-in-text", len("title: a < b ") + 1)]


@pytest.mark.parametrize("filler", [" ", "\u00a0", "\n", "\t", "a", "&a", "<a-", "< /"])
def test_the_tag_patterns_stay_linear(filler: str) -> None:
    """'<' then 10,000 spaces took 0.6 s: two adjacent \\s* traded spaces, quadratic in the run.
    Four times the input may cost four times the time, not sixteen."""
    small, large = ("<" + filler * (2_500 // len(filler)), "<" + filler * (10_000 // len(filler)))
    assert_linear(
        lambda: list(text_rules({"title": small, "description": small})), lambda: list(text_rules({"title": large, "description": large}))
    )


def test_index_json_and_every_feed_carry_the_title_as_plain_text(tmp_path: Path) -> None:
    listings = tmp_path / "listings"
    listings.mkdir()
    harmless = "Pricing sprint: when a < b and c > d, R&D wins"
    (listings / "pricing.yaml").write_text(title(harmless), encoding="utf-8")
    output = built(listings, tmp_path / "output", "2026-11-25")
    index = json.loads((output / "internships" / "index.json").read_text(encoding="utf-8"))
    assert [posting["title"] for posting in index["postings"]] == [harmless]
    for name in ("internships.rss.xml", "internships.atom.xml", "field/research.rss.xml"):
        parsed = feedparser.parse((output / "feeds" / name).read_bytes())
        assert not parsed.bozo, name
        (entry,) = parsed.entries
        assert entry.title == f"{harmless}, Northwind Ledger", name
        assert entry.title_detail.type == "text/plain", name  # no reader is told it is markup
    assert EXAMPLE  # the example itself is unchanged
