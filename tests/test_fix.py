"""`stint fix`: what a machine can fix is fixed in place, and no other byte of the file changes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import EXAMPLE, check_texts, edited
from stint.commands.cli import main
from stint.commands.fixing import fix_text
from stint.commands.pr_comment import markdown_report
from stint.contract.text_fixes import replacement

# Fixable characters as they arrive from word processors, and where each may stand.
REMOVED = ["\u200b", "\u2060", "\ufeff", "\u00ad"]
ONE_LINE_SPACES = ["\u00a0", "\u202f", "\t"]
TITLE = "Customer interview sprint for a budgeting app"
SUMMARY = "Run and synthesise twelve customer interviews for a student budgeting app."
MENTOR = "A mentor from our product team meets you twice a week."


def insert(text: str, at: int, char: str) -> str:
    return text[:at] + char + text[at:]


@settings(max_examples=60, deadline=None)
@given(
    places=st.lists(
        st.tuples(st.sampled_from([TITLE, SUMMARY, MENTOR]), st.integers(1, 40), st.sampled_from(REMOVED + ONE_LINE_SPACES + ["\x0c"])),
        min_size=1,
        max_size=6,
    )
)
def test_fix_changes_only_the_fixable_characters(places: list[tuple[str, int, str]]) -> None:
    dirty = expected = "# a comment the fix leaves alone: \u200b\n" + EXAMPLE
    spots = sorted(((dirty.index(value) + position, value, char) for value, position, char in places), reverse=True)
    for at, value, char in spots:  # later positions first: earlier ones stay put
        one_line = value != MENTOR
        new = replacement(char, multi_line=not one_line)
        if char == "\x0c" or new is None:  # a raw form feed is unreadable YAML: it becomes a space wherever it is
            new = " " if char == "\x0c" else char
        dirty, expected = insert(dirty, at, char), insert(expected, at, new)
    result = fix_text(dirty, "listings/sample.yaml")
    assert result.refused is None
    assert result.text == expected
    assert all(change.message.startswith(("removed: a ", "replaced with a space: a ")) for change in result.changes)


def test_escapes_in_quoted_strings_are_fixed_where_they_stand() -> None:
    dirty = edited(f"summary: {SUMMARY}", f'summary: "\\u00a0Run\\u200b and\\_synthesise {SUMMARY[20:]}\\f"')
    result = fix_text(dirty, "listings/sample.yaml")
    assert result.text == edited(f"summary: {SUMMARY}", f'summary: "Run and synthesise {SUMMARY[20:]}"')
    assert [(change.line, change.column, change.message) for change in result.changes] == [
        (6, 11, "removed: a no-break space (U+00A0)"),
        (6, 20, "removed: a zero-width space (U+200B)"),
        (6, 30, "replaced with a space: a no-break space (U+00A0)"),
        (6, 97, "removed: a form feed (U+000C)"),
    ]


def test_dangerous_characters_are_not_fixed_and_stay_errors(listings: Path) -> None:
    dirty = edited(TITLE, "Customer interview\u202e sprint")
    assert fix_text(dirty, "x").changes == []
    (problem,) = check_texts(listings, {"sample.yaml": dirty}).problems
    assert problem.code == "bidi-control" and "stint fix" not in problem.message


ATS = """description: |
  <p><span style="font-weight: 400;">We are a&nbsp;small team.</span></p>
  <h3><strong>What you will do</strong></h3>
  <ul>
  <li><span style="font-weight: 400;">Interview twelve students</span></li>
  <li>Write a <a href="https://northwind.example/report" target="_blank">two-page summary</a></li>
  </ul>
  <h3><strong>About you</strong></h3>
  <p>Curious &amp; careful.<script>alert(1)</script></p>
duration_weeks"""


def test_pasted_ats_html_becomes_clean_markdown_that_passes(listings: Path) -> None:
    dirty = EXAMPLE[: EXAMPLE.index("description: |")] + ATS + EXAMPLE[EXAMPLE.index("duration_weeks") + len("duration_weeks") :]
    assert not check_texts(listings, {"sample.yaml": dirty}).ok
    result = fix_text(dirty, "listings/sample.yaml")
    assert [change.message for change in result.changes] == ["converted the HTML to Markdown; removed as unsafe: <script>"]
    description = result.text[result.text.index("description: |") : result.text.index("duration_weeks")]
    assert description == (
        "description: |\n  We are a small team.\n\n  ### What you will do\n\n  - Interview twelve students\n"
        "  - Write a [two-page summary](https://northwind.example/report)\n\n  ### About you\n\n  Curious & careful.\n"
    )
    assert result.text.replace(description, "") == dirty.replace(ATS.removesuffix("duration_weeks"), "")  # nothing else moved
    assert check_texts(listings, {"sample.yaml": result.text}).ok


def test_the_command_fixes_in_place_and_check_only_reports(listings: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dirty = edited(TITLE, "Customer\u200b interview sprint for a budgeting app")
    (listings / "sample.yaml").write_text(dirty, encoding="utf-8")
    assert main(["fix", "--check", "listings"]) == 1
    assert (listings / "sample.yaml").read_text(encoding="utf-8") == dirty
    assert main(["fix", "listings"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "listings/sample.yaml:1:16: title: removed: a zero-width space (U+200B)"
    assert (listings / "sample.yaml").read_text(encoding="utf-8") == EXAMPLE
    assert main(["fix", "--check", "listings"]) == 0


def test_the_validator_and_the_comment_offer_the_one_command(listings: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = check_texts(listings, {"sample.yaml": edited(TITLE, "Customer\u200b interview sprint for a budgeting app")})
    assert "run `stint fix` on the file to remove it" in result.problems[0].message
    assert "```sh\nstint fix listings/sample.yaml\n```" in markdown_report(result)
    main(["validate", "--format", "json", "listings"])
    assert json.loads(capsys.readouterr().out)[0]["severity"] == "error"


def test_a_web_address_without_its_scheme_gets_https(listings: Path) -> None:
    dirty = edited("https://northwind.example/careers/interview-sprint", "www.northwind.example/careers/interview-sprint")
    assert not check_texts(listings, {"sample.yaml": dirty}).ok
    result = fix_text(dirty, "listings/sample.yaml")
    assert result.text == edited(
        "https://northwind.example/careers/interview-sprint", "https://www.northwind.example/careers/interview-sprint"
    )
    assert [(change.field, change.message) for change in result.changes] == [("apply.url", "added https:// before the address")]
    for not_a_bare_address in ("http://northwind.example/a", "javascript:alert(1)", "careers page"):
        assert fix_text(edited("https://northwind.example/careers/interview-sprint", not_a_bare_address), "x").changes == []
