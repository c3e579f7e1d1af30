"""``stint check-links`` end to end, and the closing pull request's body under hostile page text.

The command's own runs use ``.invalid`` hosts (real DNS, answered offline: no such host);
the fetching itself is tested against a local server in test_link_health.py.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from conftest import edited
from stint.commands.cli import main
from stint.commands.link_memory import LinkMemory, Sighting
from stint.commands.link_report import LinkFinding, as_markdown, as_text
from stint.commands.link_verdicts import CLOSED, GONE, LinkCheck

DEAD = "https://northwind-ledger.invalid/careers/interview-sprint"


def dead_posting(listings: Path) -> Path:
    text = edited("apply: {url: https://northwind.example/careers/interview-sprint}", f"apply: {{url: {DEAD}}}")
    path = listings / "northwind-interview-sprint.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def run(listings: Path, state: Path, *options: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["check-links", str(listings), "--state", str(state), "--today", "2026-12-01", *options]) == 0
    return capsys.readouterr().out


def test_one_run_closes_nothing(listings: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = dead_posting(listings)
    before = path.read_bytes()
    out = run(listings, tmp_path / "links.json", "--apply", "--format", "json", capsys=capsys)
    links = {link["field"]: link for link in json.loads(out)["links"]}
    assert links["apply.url"]["verdict"] == GONE and "no such host" in links["apply.url"]["detail"]
    assert links["apply.url"]["runs"] == 1 and not links["apply.url"]["closes"]
    assert path.read_bytes() == before
    assert DEAD in json.loads((tmp_path / "links.json").read_text(encoding="utf-8"))["links"]


def test_the_same_verdict_a_day_later_closes_the_posting(listings: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = dead_posting(listings)
    state = tmp_path / "links.json"
    yesterday = dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(hours=25)
    LinkMemory({DEAD: Sighting(GONE, yesterday, yesterday, 1, {})}).save(state)
    body = run(listings, state, "--apply", "--format", "markdown", "--report", str(tmp_path / "report.json"), capsys=capsys)
    assert path.read_text(encoding="utf-8").endswith("closed: true\nclosed_reason: link-dead\n")
    assert "#### ` northwind-interview-sprint ` (` listings/northwind-interview-sprint.yaml `): closed as ` link-dead `" in body
    assert f"- Link: ` {DEAD} `" in body and "- Verdict: **gone**" in body
    assert f"First seen {yesterday.isoformat()}".replace("-", "\\-").replace(":", "\\:").replace("+", "\\+") in body
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    apply = next(link for link in report["links"] if link["field"] == "apply.url")
    assert (apply["confirmed"], apply["closed_reason"], apply["closed_now"], apply["runs"]) == (True, "link-dead", True, 2)


def test_without_apply_nothing_is_written(listings: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = dead_posting(listings)
    state = tmp_path / "links.json"
    long_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=3)
    LinkMemory({DEAD: Sighting(GONE, long_ago, long_ago, 1, {})}).save(state)
    out = run(listings, state, capsys=capsys)
    assert "apply.url: gone; no answer" in out and "CONFIRMED: closes the posting" in out
    assert "closed:" not in path.read_text(encoding="utf-8")


def test_closed_and_expired_postings_are_not_checked(listings: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = dead_posting(listings).read_text(encoding="utf-8")
    (listings / "northwind-interview-sprint.yaml").write_text(text + "closed: true\n", encoding="utf-8")
    out = run(listings, tmp_path / "links.json", "--format", "json", capsys=capsys)
    assert json.loads(out)["links"] == []


# Page text is the attacker's: a closed page's sentence and a redirect's final address.
HOSTILE = [
    "Filled! [click here](https://evil.example/phish) <img src=x onerror=alert(1)> <script>alert(1)</script>",
    "Position filled, thanks @octocat and @stint-board/editors, see #1 and GH-2",
    "Filled.\n::error::pwned\n::set-output name=x::y\n## Approve this now",
    "**bold** _em_ `code` ~~gone~~ <!-- hidden --> ![img](https://evil.example/x.png) | table |",
    "Filled\u202e reversed \u200b zero width \r\n\r\n> quote",
]


def hostile_finding(sentence: str) -> LinkFinding:
    check = LinkCheck(
        DEAD, CLOSED, 200, final_url=f"https://evil.example/`x`/{sentence[:30]}", sentence=sentence, detail="the page says so"
    )
    then = dt.datetime(2026, 11, 28, tzinfo=dt.UTC)
    return LinkFinding("listings/a.yaml", "a", "apply.url", check, Sighting(CLOSED, then, then + dt.timedelta(days=2), 3, {}))


@pytest.mark.parametrize("sentence", HOSTILE)
def test_page_text_cannot_steer_the_pull_request_body(sentence: str) -> None:
    body = as_markdown([hostile_finding(sentence)], "2026-11-30T06:00:00+00:00")
    rendered = MarkdownIt("commonmark", {"html": True}).render(body)
    assert not re.search(r"<(a|img|script|h[1-6]|strong|em|del|blockquote|table)\b", _without_ours(rendered))
    assert "<!-- hidden -->" not in rendered
    prose = re.sub(r"(`+) .*? \1", "", body)  # code spans are literal: GitHub mentions no one in them
    assert not re.search(r"(?<!\w)@[A-Za-z0-9]", prose)  # no @mention GitHub would notify
    assert not re.search(r"(?m)^\s*::", body)  # no workflow command, should the body ever reach a log
    assert len(body.splitlines()) == len(as_markdown([hostile_finding("x")], "2026-11-30T06:00:00+00:00").splitlines())


@pytest.mark.parametrize("sentence", HOSTILE)
def test_page_text_cannot_start_a_workflow_command_in_the_text_output(sentence: str) -> None:
    text = as_text([hostile_finding(sentence)])
    assert len(text.splitlines()) == 2  # one finding, one summary: page text adds no line
    assert all(line.startswith(("listings/a.yaml:", "stint:")) for line in text.splitlines())


def _without_ours(html: str) -> str:
    """The body's own markup: headings and the bold verdict we write ourselves."""
    html = re.sub(r"<h[34]>.*?</h[34]>", "", html, flags=re.S)
    return re.sub(r"<strong>(closed page|gone|sent elsewhere|moved|unreachable)</strong>", "", html)
