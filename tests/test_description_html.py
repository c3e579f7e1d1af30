"""Markup that real descriptions contain: accepted HTML renders like its Markdown twin, refused
HTML names itself, and headings of any level fit the page's outline."""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from test_build_safety import NU_CHECKER

from browser import axe_violations, chromium, needs_chromium, serve
from conftest import check_texts, edited
from sitebuild import built, read
from stint.contract.description_html import ACCEPTED, first_refusal
from stint.contract.markup import render_description

MENTOR = "A mentor from our product team meets you twice a week."

# (HTML as pasted, its Markdown twin)
TWINS = [
    ("Line one<br>line two", "Line one\\\nline two"),
    ("Line one<br/>line two", "Line one\\\nline two"),
    ('Write to <a href="mailto:jobs@northwind.example">our team</a>', "Write to [our team](mailto:jobs@northwind.example)"),
    ('See <a href="https://northwind.example/a">the brief</a>', "See [the brief](https://northwind.example/a)"),
    ("An <em>important</em> point", "An *important* point"),
    ("A <strong>strong</strong> point", "A **strong** point"),
    ("Run <code>make test</code> first", "Run `make test` first"),
    ("<ul>\n<li>one</li>\n<li>two</li>\n</ul>", "- one\n- two"),
    ("<ol>\n<li>one</li>\n<li>two</li>\n</ol>", "1. one\n2. two"),
    ("<p>A paragraph.</p>", "A paragraph."),
]


@pytest.mark.parametrize(("html", "markdown"), TWINS, ids=[html[:24] for html, _ in TWINS])
def test_accepted_html_renders_like_its_markdown_twin(html: str, markdown: str, listings: Path) -> None:
    assert check_texts(listings, {"sample.yaml": edited(MENTOR, html.replace("\n", "\n  "))}).ok
    assert _normalised(render_description(html)) == _normalised(render_description(markdown))


def test_every_accepted_tag_has_a_twin() -> None:
    named = {tag for html, _ in TWINS for tag in re.findall(r"<(\w+)", html)}
    assert named == set(ACCEPTED) - {"b", "i"}  # <b> and <i> are kept as they are, like <strong> and <em>


def _normalised(html: str) -> str:
    """Whitespace as a browser collapses it: after a line break or between tags it draws nothing."""
    return re.sub(r"<br>\s*", "<br>", re.sub(r"\s+", " ", html)).replace("> <", "><").strip()


# (HTML, what the message must name)
REFUSED = [
    ("<script>alert(1)</script>", "<script>"),
    ("<style>p{}</style>", "<style>"),
    ('<iframe src="https://x.example"></iframe>', "<iframe>"),
    ('<object data="x"></object>', "<object>"),
    ('<form action="https://x.example"><input></form>', "<form>"),
    ('<img src="https://x.example/a.png">', "<img>"),
    ('<p onclick="alert(1)">x</p>', "onclick"),
    ('<p style="color: red">x</p>', "style attribute"),
    ('<a href="http://northwind.example">x</a>', '"http://northwind.example"'),
    ('<a href="javascript:alert(1)">x</a>', '"javascript:alert(1)"'),
    ("<span>x</span>", "<span>"),
    ("<h3>Heading</h3>", "### Heading"),
    ("<!-- note -->", "comment"),
]


@pytest.mark.parametrize(("html", "named"), REFUSED, ids=[named for _, named in REFUSED])
def test_refused_html_names_itself(html: str, named: str, listings: Path) -> None:
    (problem,) = check_texts(listings, {"sample.yaml": edited(MENTOR, f"Before {html} after.")}).problems
    assert (problem.code, problem.field, problem.line) == ("html-in-description", "description", 11)
    assert named in problem.message


LEVELS = ["#", "##", "###", "####", "#####", "######"]


@pytest.mark.parametrize("order", [*itertools.permutations(["#", "###", "######"]), ("######", "##", "####", "#")])
def test_headings_in_any_order_skip_no_level(order: tuple[str, ...]) -> None:
    html = render_description("\n\n".join(f"{marks} Part {n}\n\nText." for n, marks in enumerate(order)))
    levels = [int(level) for level in re.findall(r"<h(\d)>", html)]
    assert levels[0] == 3 and min(levels) == 3
    assert all(later <= earlier + 1 for earlier, later in zip([2, *levels], levels, strict=False))


def test_a_heading_tag_written_in_a_links_address_or_title_is_text_and_moves_no_heading() -> None:
    """Validation accepts any address and title on a link; "<h1>" in one is text, not a heading to fit."""
    text = '### First\n\n## Second\n\nApply <a href="https://example.org/jobs/<h1>" title="<h2>">here</a>.'
    assert first_refusal(text) is None
    html = str(render_description(text))
    assert re.findall(r"<(/?h\d)>", html) == ["h3", "/h3", "h3", "/h3"]
    assert 'href="https://example.org/jobs/&lt;h1&gt;"' in html and 'title="&lt;h2&gt;"' in html


@pytest.fixture(scope="module")
def heading_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("headings")
    listings = folder / "listings"
    listings.mkdir()
    body = "\n\n".join(
        f"  {marks} Part {n}\n\n  Text with <em>emphasis</em> and a<br>break." for n, marks in enumerate(["###", "#", "######", "##"])
    )
    (listings / "sample.yaml").write_text(edited(f"  {MENTOR}", body), encoding="utf-8")
    return built(listings, folder / "output", "2026-11-29")


@pytest.mark.skipif(
    not shutil.which("java") or not NU_CHECKER.exists(), reason="needs Java and node_modules/vnu-jar (make test installs it)"
)
def test_the_nu_checker_accepts_the_posting_page(heading_site: Path) -> None:
    assert "<h3>Part 0</h3>" in read(heading_site, "/internships/sample/")
    page = heading_site / "internships" / "sample" / "index.html"
    command = ["java", "-jar", str(NU_CHECKER), "--errors-only", "--format", "gnu", str(page)]  # a skipped level is an error
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr


@needs_chromium
def test_axe_finds_nothing_on_the_posting_page(heading_site: Path) -> None:
    with serve(heading_site) as base, chromium() as browser:
        tab = browser.new_context(bypass_csp=True).new_page()
        tab.goto(f"{base}/internships/sample/")
        assert axe_violations(tab) == []
