"""The pull-request comment of ``stint validate --format markdown``: errors first (they block the
merge), then warnings, within GitHub's size limit. Problems quote posting text, so everything
from a posting is escaped: it renders as the characters written, never as Markdown, HTML or an
@mention. Light to import: the publish job's report script shares its escaping and budget.
"""

from __future__ import annotations

import re
from itertools import groupby
from typing import TYPE_CHECKING

from stint.contract.problems import Problem, markdown_text, plural

if TYPE_CHECKING:
    from stint.contract.validation import ListingsCheck

MARKER = "<!-- stint-validate -->"
COMMENT_BUDGET = 60_000  # GitHub refuses comments and pull-request bodies over 65,536 characters
_POSTING_FILE = re.compile(r"[\w./-]+\.yaml")  # safe to quote in a shell command as it is


def markdown_report(result: ListingsCheck) -> str:
    """The pull-request comment: errors first (they block the merge), then warnings for the editor."""
    if result.ok:
        checked = f"{plural(len(result.documents), 'posting')} checked against the posting contract: no errors."
        heading = f"### ✅ All postings are valid\n\n{checked}"
    else:
        heading = (
            f"### ❌ {summary(result).removeprefix('stint: ')}\n\n"
            "Every posting in `listings/` is checked, not only the ones this pull request changes. "
            "Fix the errors listed below and push again: this comment is updated after every push."
        )
    lines = [MARKER, heading]
    budget = _Budget(COMMENT_BUDGET - sum(len(line) + 1 for line in lines), len(result.problems))
    if result.errors:
        lines += ["", f"#### Errors ({len(result.errors)}): the pull request cannot be merged until they are fixed"]
        lines += _problem_lines(result.errors, budget)
    if result.warnings:
        lines += [
            "",
            f"#### Warnings ({len(result.warnings)}): for the editor to look at before merging; they do not block it",
        ]
        lines += _problem_lines(result.warnings, budget)
    if not result.warnings and result.ok:
        lines += ["", "No warnings either. An editor reviews the content next."]
    if budget.cut:
        lines += ["", f"…and {budget.left} more. Run `make validate` to see every problem."]
    fixable = sorted(
        {problem.file for problem in result.problems if "`stint fix`" in problem.message and _POSTING_FILE.fullmatch(problem.file)}
    )
    if fixable:
        command = " ".join(["stint fix", *fixable]) if len(" ".join(fixable)) < 1000 else "stint fix listings"
        lines += ["", "Some of these a machine can fix. Run this, check the result and push it:", "", "```sh", command, "```"]
    return "\n".join(lines)


class _Budget:
    """What is left of GitHub's comment size once the lines so far are counted."""

    def __init__(self, characters: int, problems: int):
        self.characters, self.left, self.cut = characters, problems, False

    def take(self, line: str) -> bool:
        if self.cut or len(line) + 1 > self.characters:
            self.cut = True
            return False
        self.characters -= len(line) + 1
        return True


def _problem_lines(problems: list[Problem], budget: _Budget) -> list[str]:
    lines: list[str] = []
    for file, in_file in groupby(problems, key=lambda problem: problem.file):
        title = ["", f"**{markdown_text(file)}**", ""]
        if not budget.take("\n".join(title)):
            return lines
        lines += title
        for problem in in_file:
            where = f"**{markdown_text(problem.field)}**: " if problem.field else ""
            entry = (
                f"- line {problem.line}, column {problem.column}: {where}{markdown_text(problem.message)} ({markdown_text(problem.code)})"
            )
            if not budget.take(entry):
                return lines
            lines.append(entry)
            budget.left -= 1
    return lines


def summary(result: ListingsCheck) -> str:
    warnings = f", {plural(len(result.warnings), 'warning')}" if result.warnings else ""
    if result.ok:
        return f"stint: {plural(len(result.documents), 'posting')} checked, all valid{warnings}"
    files = len({problem.file for problem in result.errors})
    return f"stint: {plural(len(result.errors), 'error')} in {plural(files, 'file')}{warnings}"
