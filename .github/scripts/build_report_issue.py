"""The body of the one issue that lists postings `make publish` left out of the site.

Reads ``build-report.json`` (``{"version": 1, "left_out": [{"file", "problems": [...]}]}``)
and writes the issue's Markdown, or an empty file when nothing was left out. Every value from
the report is escaped as the pull-request comment escapes posting text: a posting's file name
or a quoted value cannot become Markdown, HTML or an @mention. Prints ``left_out=N`` for
$GITHUB_OUTPUT; the workflow reads the body from the file, never through an expression.

Usage: python build_report_issue.py build-report.json OUT.md
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "plugins"))  # the publish job does not install stint

from stint.commands.pr_comment import COMMENT_BUDGET
from stint.contract.problems import markdown_text  # the same escaping as the pull-request comment

MARKER = "<!-- stint-build-report -->"
VERSION = 1


class BadReport(Exception):
    """The report is not one this script understands: say so rather than guess."""


def left_out(report: Any) -> list[dict[str, Any]]:
    if not isinstance(report, dict) or report.get("version") != VERSION or not isinstance(report.get("left_out"), list):
        raise BadReport(f'expected {{"version": {VERSION}, "left_out": [...]}}')
    entries = report["left_out"]
    if not all(isinstance(entry, dict) and isinstance(entry.get("problems", []), list) for entry in entries):
        raise BadReport("each left-out posting must be an object with a list of problems")
    return entries


def _problem_line(problem: Any) -> str:
    problem = problem if isinstance(problem, dict) else {"message": str(problem)}
    severity = markdown_text(str(problem.get("severity", "error")))
    field = f"**{markdown_text(str(problem['field']))}**: " if problem.get("field") else ""
    where = f"line {markdown_text(str(problem.get('line', '?')))}, column {markdown_text(str(problem.get('column', '?')))}"
    return f"- {severity}, {where}: {field}{markdown_text(str(problem.get('message', '')))} ({markdown_text(str(problem.get('code', '')))})"


def issue_body(entries: list[dict[str, Any]]) -> str:
    """The issue's Markdown; empty when every posting is on the site."""
    if not entries:
        return ""
    lines = [
        MARKER,
        f"### {len(entries)} posting{'s' if len(entries) != 1 else ''} left out of the site",
        "",
        "The last build on `main` published every other posting and left these out because they break the posting contract.",
        "Fix them in a pull request; this issue is updated by every build and closed by the first one that leaves nothing out.",
    ]
    size = sum(len(line) + 1 for line in lines)  # kept as lines are added: recounting them all was quadratic
    for entry in entries:
        block = ["", f"**{markdown_text(str(entry.get('file', '?')))}**", "", *map(_problem_line, entry.get("problems", []))]
        size += sum(len(line) + 1 for line in block)
        if size > COMMENT_BUDGET:
            lines += ["", "…and more: run `make validate` to see every problem."]
            break
        lines += block
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        entries = left_out(json.loads(Path(argv[1]).read_text(encoding="utf-8")))
    except (OSError, ValueError, BadReport) as error:
        print(f"::error::the build report {argv[1]} cannot be read: {error}", file=sys.stderr)
        return 1
    Path(argv[2]).write_text(issue_body(entries), encoding="utf-8")
    print(f"left_out={len(entries)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
