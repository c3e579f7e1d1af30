"""``stint validate``: exit codes, the four output formats, and escaping of posting text."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLE, ROOT, edited
from stint.commands.cli import main
from stint.commands.pr_comment import COMMENT_BUDGET, MARKER, markdown_report
from stint.contract.problems import Problem
from stint.contract.validation import ListingsCheck

TOO_MANY_HOURS = edited("hours_per_week: 15", "hours_per_week: 41")
INJECTION = "%0A::error::x\n::warning file=a::y"  # newline and %0A: either could start a second command


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_valid_set_exits_0(listings: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (listings / "sample.yaml").write_text(EXAMPLE, encoding="utf-8")
    code, out, err = run(["validate", "listings"], capsys)
    assert (code, out) == (0, "")
    assert err.strip() == "stint: 1 posting checked, all valid"


def test_default_folder_is_listings(listings: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (listings / "sample.yaml").write_text(TOO_MANY_HOURS, encoding="utf-8")
    assert run(["validate"], capsys)[0] == 1


def test_invalid_set_exits_1_with_located_problems(listings: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (listings / "sample.yaml").write_text(TOO_MANY_HOURS, encoding="utf-8")
    (listings / "Notes.txt").write_text("stray", encoding="utf-8")
    code, out, err = run(["validate", "listings"], capsys)
    assert code == 1
    assert out.splitlines() == [
        "listings/Notes.txt:1:1: only postings (<slug>.yaml) belong in listings/: move this file elsewhere or remove it [unexpected-file]",
        "listings/sample.yaml:13:17: hours_per_week: 41 is out of range: must be at most 40 [out-of-range]",
    ]
    assert err.strip() == "stint: 2 errors in 2 files"


@pytest.mark.parametrize("argv", [[], ["validate", "--format", "xml"], ["validate", "--no-such-option"], ["frobnicate"]])
def test_misuse_exits_2(argv: list[str], listings: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(argv, capsys)[0] == 2


def test_help_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["validate", "--help"], capsys)
    assert code == 0 and "markdown" in out


def test_json_parses(listings: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (listings / "sample.yaml").write_text(TOO_MANY_HOURS, encoding="utf-8")
    code, out, _ = run(["validate", "--format", "json", "listings"], capsys)
    assert code == 1
    assert json.loads(out) == [
        {
            "file": "listings/sample.yaml",
            "line": 13,
            "column": 17,
            "field": "hours_per_week",
            "code": "out-of-range",
            "message": "41 is out of range: must be at most 40",
            "severity": "error",
        }
    ]


def test_json_of_a_valid_set_is_an_empty_list(listings: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (listings / "sample.yaml").write_text(EXAMPLE, encoding="utf-8")
    assert json.loads(run(["validate", "--format", "json"], capsys)[1]) == []


def test_github_annotation(listings: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (listings / "sample.yaml").write_text(TOO_MANY_HOURS, encoding="utf-8")
    _, out, _ = run(["validate", "--format", "github", "listings"], capsys)
    assert (
        out
        == "::error file=listings/sample.yaml,line=13,col=17,title=out-of-range::hours_per_week: 41 is out of range: must be at most 40\n"
    )


def _hostile_postings(folder: Path) -> None:
    """Posting text that tries to start workflow commands: in a value, in a key, in a file name."""
    quoted = json.dumps(INJECTION)
    (folder / "in-value.yaml").write_text(edited("countries: [US, CA]", f"countries: [{quoted}]"), encoding="utf-8")
    (folder / "in-key.yaml").write_text(edited("hours_per_week: 15", f"{quoted}: 15\nhours_per_week: 15"), encoding="utf-8")
    (folder / "in-title.yaml").write_text(
        edited("title: Customer interview sprint for a budgeting app", f"title: {quoted}"), encoding="utf-8"
    )
    (folder / "new\n::error::line.yaml").write_text(EXAMPLE, encoding="utf-8")


def _as_the_runner_reads(message: str) -> str:
    """How the Actions runner unescapes a workflow command's message."""
    return message.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def test_github_format_cannot_be_injected(listings: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _hostile_postings(listings)
    code, out, _ = run(["validate", "--format", "github", "listings"], capsys)
    problems = json.loads(run(["validate", "--format", "json", "listings"], capsys)[1])
    lines = out.splitlines()
    assert code == 1 and len(problems) >= 4
    # The runner reads one command a line: every line is one of ours, one a problem.
    assert len(lines) == len(problems)
    assert all(line.startswith("::error file=listings/") for line in lines)
    assert "\r" not in out
    # "%0A" written in a posting is escaped to "%250A": the runner reads it back as that text.
    messages = [_as_the_runner_reads(line.split("::", 2)[2]) for line in lines]
    assert any("%0A::error::x" in message for message in messages)


def test_markdown_all_valid(listings: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (listings / "sample.yaml").write_text(EXAMPLE, encoding="utf-8")
    code, out, _ = run(["validate", "--format", "markdown", "listings"], capsys)
    assert code == 0
    assert out.splitlines()[:2] == [MARKER, "### ✅ All postings are valid"]
    assert "1 posting checked" in out


def test_markdown_lists_problems_per_file(listings: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (listings / "sample.yaml").write_text(TOO_MANY_HOURS, encoding="utf-8")
    (listings / "second.yaml").write_text(edited("hours_per_week: 15", "hours_per_week: 0"), encoding="utf-8")
    code, out, _ = run(["validate", "--format", "markdown", "listings"], capsys)
    assert code == 1
    assert out.splitlines()[:2] == [MARKER, "### ❌ 2 errors in 2 files"]
    assert "**listings/sample\\.yaml**" in out and "**listings/second\\.yaml**" in out
    assert "- line 13, column 17: **hours\\_per\\_week**: 41 is out of range\\: must be at most 40 (out\\-of\\-range)" in out


def test_markdown_escapes_posting_text(listings: Path, capsys: pytest.CaptureFixture[str]) -> None:
    hostile = json.dumps("<img src=x onerror=alert(1)> @octocat [x](javascript:alert(1)) `code` | ** \n")
    (listings / "sample.yaml").write_text(edited("hours_per_week: 15", f"{hostile}: 15\nhours_per_week: 15"), encoding="utf-8")
    _, out, _ = run(["validate", "--format", "markdown", "listings"], capsys)
    problem_lines = [line for line in out.splitlines() if line.startswith("- line")]
    assert len(problem_lines) == 1  # the posting's line break stays escaped: one problem, one line
    assert not re.search(r"(?<!\\)[<>`|\[\]]", problem_lines[0])  # every markup character of the posting is escaped
    assert "@octocat" not in out and "@\u2060octocat" in out


def test_markdown_stays_under_githubs_limit() -> None:
    problems = [Problem(f"listings/posting-{n:04d}.yaml", 1, 1, "title", "too-short", "x" * 150) for n in range(2000)]
    report = markdown_report(ListingsCheck(problems=problems))
    assert len(report) < COMMENT_BUDGET + 1000 < 65_536
    assert report.splitlines()[-1].startswith("…and ") and "make validate" in report.splitlines()[-1]


def test_console_script_exit_codes(tmp_path: Path) -> None:
    """The installed command, as CI and pre-commit run it."""
    folder = tmp_path / "listings"
    folder.mkdir()
    (folder / "sample.yaml").write_text(EXAMPLE, encoding="utf-8")
    stint = [sys.executable, "-m", "stint.commands.cli"]
    assert subprocess.run([*stint, "validate", str(folder)], capture_output=True, cwd=ROOT).returncode == 0
    (folder / "sample.yaml").write_text(TOO_MANY_HOURS, encoding="utf-8")
    assert subprocess.run([*stint, "validate", str(folder)], capture_output=True, cwd=ROOT).returncode == 1
    assert subprocess.run([*stint, "validate", "--format", "yaml"], capture_output=True, cwd=ROOT).returncode == 2
