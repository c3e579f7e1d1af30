"""Issue 7: every hostile posting of the corpus (tests/adversarial/manifest.yaml) through the real
validator, then one real site built from all the accepted ones and checked without a browser:
no script but ours, no unsafe URL, no event handler, inert JSON-LD, feeds and JSON that parse.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import pytest
from adversarial.corpus import FILES, TODAY, Case, Site, built_site, cases, check_case, found

from stint.contract.loading import load_file
from stint.contract.validation import SLUG
from stint.outputs import first_frame

CASES = cases()
CATEGORIES = ("loading", "types", "text", "urls", "markdown", "breakout", "feeds", "filenames")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "cite", "background", "srcset", "xlink:href", "ping"}
UNSAFE_SCHEMES = ("javascript:", "data:", "vbscript:")
FORBIDDEN_TAGS = {"iframe", "frame", "object", "embed", "svg", "math", "style", "img", "base", "noscript", "template"}
OUR_SCRIPTS = ("/theme/js/board.js", "/theme/js/deadlines.js")


def _param(case: Case) -> object:
    marks = [pytest.mark.xfail(strict=True, raises=AssertionError, reason=f"gap: {case.note}")] if case.expect == "gap" else []
    return pytest.param(case, id=case.id, marks=marks)


# ---- the manifest itself ---------------------------------------------------------------------


def test_the_corpus_covers_every_category() -> None:
    per_category = Counter(case.category for case in CASES)
    assert len(CASES) >= 70
    assert {category: per_category[category] for category in CATEGORIES if per_category[category] < 6} == {}
    assert set(per_category) == set(CATEGORIES)


def test_every_case_is_well_formed() -> None:
    assert [name for name, count in Counter(case.id for case in CASES).items() if count > 1] == []
    assert [case.id for case in CASES if not SLUG.fullmatch(case.id)] == []
    assert [case.id for case in CASES if case.expect not in ("refused", "accepted", "gap")] == []
    assert [case.id for case in CASES if (case.expect == "refused") != bool(case.problems)] == []
    assert [case.id for case in CASES if case.expect == "gap" and not (case.note and case.ideal)] == []
    assert [case.id for case in CASES if case.file and not (FILES / case.file).is_file()] == []


def test_every_byte_level_file_is_used() -> None:
    assert sorted(path.name for path in FILES.iterdir()) == sorted({case.file for case in CASES if case.file})


# ---- the validator ---------------------------------------------------------------------------


def _matches(problem: object, ideal: dict[str, object]) -> bool:
    return all(getattr(problem, key) == value for key, value in ideal.items())


@pytest.mark.parametrize("case", [_param(case) for case in CASES])
def test_the_validator_gives_the_expected_outcome(listings: Path, case: Case) -> None:
    result = check_case(case, listings)
    if case.expect == "gap":
        assert any(_matches(problem, case.ideal) for problem in result.problems), f"still a gap: {case.note}"
        return
    assert found(result) == list(case.problems), [problem.as_text() for problem in result.problems]
    assert len(result.documents) == (case.expect == "accepted")


# ---- one real site from every accepted case -------------------------------------------------------


class _Elements(HTMLParser):
    """Every start tag with its attributes (entities decoded, as a browser reads them), and script bodies."""

    def __init__(self, raw: str) -> None:
        super().__init__(convert_charrefs=True)
        self.raw = raw
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[tuple[dict[str, str], str]] = []
        self._script: dict[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        self.elements.append((tag, attributes))
        if tag == "script":
            self._script = attributes
            self.scripts.append((attributes, ""))

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self.scripts[-1] = (self._script, self.scripts[-1][1] + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None


def parsed(path: Path) -> _Elements:
    raw = path.read_text(encoding="utf-8")
    parser = _Elements(raw)
    parser.feed(raw)
    parser.close()
    return parser


@pytest.fixture(scope="module")
def built() -> Site:
    return built_site()


@pytest.fixture(scope="module")
def pages(built: Site) -> dict[str, _Elements]:
    return {path.relative_to(built.output).as_posix(): parsed(path) for path in sorted(built.output.rglob("*.html"))}


def _where(pages: dict[str, _Elements], bad: object) -> list[tuple[str, object]]:
    """(page, finding) for every finding ``bad(elements)`` yields."""
    return [(name, finding) for name, elements in pages.items() for finding in bad(elements)]


def test_the_site_builds_from_every_accepted_case(built: Site) -> None:
    assert built.check.ok, [problem.as_text() for problem in built.check.problems]
    accepted = [case for case in CASES if case.expect == "accepted"]
    assert {case.slug for case in accepted} <= {case.slug for case in built.cases}
    assert [case.slug for case in accepted if built.page(case.slug).is_file() != case.published] == []


def _first_frame(attributes: dict[str, str], text: str) -> bool:
    """The listing's own inline script (first_frame.py), exactly: allowed by its CSP hash."""
    return attributes == {} and text == first_frame.SCRIPT


def _foreign_scripts(elements: _Elements) -> list[dict[str, str]]:
    allowed = ({"type": "application/ld+json"}, *({"src": source, "defer": ""} for source in OUR_SCRIPTS))
    return [attributes for attributes, text in elements.scripts if attributes not in allowed and not _first_frame(attributes, text)]


def test_no_script_but_the_json_ld_and_our_own_files(pages: dict[str, _Elements]) -> None:
    assert _where(pages, _foreign_scripts) == []
    assert (
        _where(pages, lambda elements: [] if elements.raw.lower().count("<script") == len(elements.scripts) else ["<script in text"]) == []
    )
    own = {
        name: [(a, t) for a, t in elements.scripts if a.get("src") not in OUR_SCRIPTS and not _first_frame(a, t)]
        for name, elements in pages.items()
    }
    assert [name for name, scripts in own.items() if name.startswith("internships/") and len(scripts) > 1] == []


def _unsafe_urls(elements: _Elements) -> list[str]:
    values = (value for _, attributes in elements.elements for name, value in attributes.items() if name in URL_ATTRIBUTES)
    squeezed = (re.sub(r"[\x00-\x20]", "", value).lower() for value in values)
    return [value for value in squeezed if value.startswith(UNSAFE_SCHEMES)]


def test_no_javascript_data_or_vbscript_url_anywhere(pages: dict[str, _Elements]) -> None:
    assert _where(pages, _unsafe_urls) == []


def _handlers_and_styles(elements: _Elements) -> list[str]:
    return [f"{tag} {name}" for tag, attributes in elements.elements for name in attributes if name.startswith("on") or name == "style"]


def test_no_event_handler_or_style_attribute(pages: dict[str, _Elements]) -> None:
    assert _where(pages, _handlers_and_styles) == []


def test_no_embedding_or_styling_element(pages: dict[str, _Elements]) -> None:
    """The one exception: /stats/ draws its charts as inline SVG, from the board's own labels and numbers."""
    assert _where(pages, lambda elements: [tag for tag, _ in elements.elements if tag in FORBIDDEN_TAGS - {"svg"}]) == []
    assert [name for name, elements in pages.items() if any(tag == "svg" for tag, _ in elements.elements)] == ["stats/index.html"]


def _json_ld(page: Path) -> str | None:
    blocks = [text for attributes, text in parsed(page).scripts if attributes.get("type") == "application/ld+json"]
    assert len(blocks) <= 1
    return blocks[0] if blocks else None


def _published(built: Site) -> dict[str, dict[str, object]]:
    """Slug and data of every posting the board publishes (a future posted date holds one back)."""
    held_back = {case.slug for case in CASES if not case.published}
    documents = {Path(document.file).stem: document.data for document in built.check.documents}
    return {slug: data for slug, data in documents.items() if slug not in held_back}


def _is_open(data: dict[str, object]) -> bool:
    return not data.get("closed") and data["apply_by"] >= TODAY


def _titles(built: Site) -> dict[str, str]:
    return {slug: data["title"] for slug, data in _published(built).items()}


def test_json_ld_is_inert_exact_and_hashed_in_the_csp(built: Site) -> None:
    for slug, title in _titles(built).items():
        page = built.page(slug)
        block = _json_ld(page)
        if block is None:
            assert "Applications closed" in page.read_text(encoding="utf-8"), slug
            continue
        assert not set("<>&\u2028\u2029") & set(block), slug
        assert json.loads(block)["title"] == title, slug
        digest = base64.b64encode(hashlib.sha256(block.encode("utf-8")).digest()).decode("ascii")
        assert f"'sha256-{digest}'" in html.unescape(page.read_text(encoding="utf-8")), slug


def _feeds(built: Site) -> list[Path]:
    return sorted((built.output / "feeds").rglob("*.xml"))


def test_every_feed_parses_as_xml_and_with_feedparser(built: Site) -> None:
    assert len(_feeds(built)) >= 10
    for feed in _feeds(built):
        ET.parse(feed)
        parsed_feed = feedparser.parse(feed.read_bytes())
        assert not parsed_feed.bozo, (feed.name, parsed_feed.get("bozo_exception"))


def _open_items(built: Site) -> set[str]:
    """ "title, organisation" of every open posting: the feed item title."""
    return {f"{data['title']}, {data['organization']['name']}" for data in _published(built).values() if _is_open(data)}


def test_the_main_feed_carries_every_open_posting_title_exactly(built: Site) -> None:
    items = ET.parse(built.output / "feeds" / "internships.rss.xml").getroot().iter("item")
    assert {item.findtext("title") for item in items} == _open_items(built)


def test_every_json_file_parses(built: Site) -> None:
    folder = built.output / "internships"
    files = [folder / "index.json", folder / "filter.json", folder / "search-ids.json", *sorted((folder / "cards").glob("*.json"))]
    assert len(files) >= 4
    for path in files:
        json.loads(path.read_text(encoding="utf-8"))
    listed = {posting["slug"] for posting in json.loads((folder / "index.json").read_text(encoding="utf-8"))["postings"]}
    cards = [card for path in (folder / "cards").glob("*.json") for card in json.loads(path.read_text(encoding="utf-8"))]
    carded = {re.search(r'data-slug="([^"]+)"', card).group(1) for card in cards}  # each card is the server's HTML
    assert listed == carded == {slug for slug, data in _published(built).items() if _is_open(data)}


@pytest.mark.parametrize("case", [case for case in CASES if case.shows or case.absent], ids=lambda case: case.id)
def test_the_page_shows_the_text_as_written_and_evaluates_nothing(built: Site, case: Case) -> None:
    text = html.unescape(built.page(case.slug).read_text(encoding="utf-8"))
    assert [shown for shown in case.shows if shown not in text] == []
    assert [absent for absent in case.absent if absent in text] == []


def test_template_syntax_reaches_feeds_and_json_unevaluated(built: Site) -> None:
    title = load_file(next(case for case in CASES if case.id == "break-jinja-title").content(), "x").data["title"]
    feed = feedparser.parse((built.output / "feeds" / "internships.rss.xml").read_bytes())
    assert any(entry.title.startswith(title) for entry in feed.entries)
    index = json.loads((built.output / "internships" / "index.json").read_text(encoding="utf-8"))
    assert title in {posting["title"] for posting in index["postings"]}
    assert "49 interview sprint" not in json.dumps(index, ensure_ascii=False)
