"""How the board's validator takes the real-ads corpus: the share accepted, and every problem by code.

Run from the repository root::

    .venv/bin/python -m tests.realdata.report [--examples N]

A posting counts as accepted when the validator reports no problem for its file (or, once
problems carry a severity, none of severity "error"). Nothing here asserts a rate: the
validator changes, and this report is how to see what it makes of real text.

Mind that a field which fails the schema (a description over 10,000 characters, say) is
not given to the board's own rules, so those rules say nothing about it: most 18F pages
are over the limit, so their HTML is mostly not reported as HTML.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from stint.contract.problems import Problem
from stint.contract.validation import check_paths, read_document
from tests.realdata.convert import POSTINGS, slugged

WIDTH = 320
HTML = re.compile(r"<(?:p|span|strong|h[1-6]|ul|ol|li|a|br|div|em)\b[^>]*>", re.I)


def is_error(problem: Problem) -> bool:
    return getattr(problem, "severity", "error") == "error"


def shorten(text: str) -> str:
    return text if len(text) <= WIDTH else text[: WIDTH - 1] + "…"


def report(folder: Path, examples: int) -> str:
    result = check_paths([folder])
    source_of = {slug: ad.source for slug, ad in slugged()}
    files = sorted(path.stem for path in folder.glob("*.yaml"))
    rejected = {Path(problem.file).stem for problem in result.problems if is_error(problem)}
    lines = [f"postings: {len(files)} in {folder}"]
    per_source: dict[str, list[str]] = defaultdict(list)
    for slug in files:
        per_source[source_of.get(slug, "unknown")].append(slug)
    accepted = [slug for slug in files if slug not in rejected]
    lines.append(f"accepted: {len(accepted)}/{len(files)} ({100 * len(accepted) / max(len(files), 1):.1f}%)")
    for source, slugs in sorted(per_source.items()):
        ok = sum(1 for slug in slugs if slug not in rejected)
        lines.append(f"  {source}: {ok}/{len(slugs)} accepted ({100 * ok / len(slugs):.1f}%)")
    with_html = Counter(source_of.get(slug, "unknown") for slug in files if HTML.search(_description(folder / f"{slug}.yaml")))
    lines.append("descriptions with HTML tags: " + ", ".join(f"{source} {count}" for source, count in sorted(with_html.items())))
    by_code: dict[str, list[Problem]] = defaultdict(list)
    for problem in result.problems:
        by_code[problem.code].append(problem)
    lines.append(f"problems: {len(result.problems)} in {len({problem.file for problem in result.problems})} files, {len(by_code)} codes")
    for code, found in sorted(by_code.items(), key=lambda item: (-len(item[1]), item[0])):
        sources = Counter(source_of.get(Path(problem.file).stem, "unknown") for problem in found)
        spread = ", ".join(f"{source} {count}" for source, count in sorted(sources.items()))
        severity = getattr(found[0], "severity", "error")
        lines.append(f"\n[{code}] {len(found)} problems in {len({problem.file for problem in found})} files ({severity}; {spread})")
        lines.extend(f"  {shorten(problem.as_text())}" for problem in _spread(found, examples))
    return "\n".join(lines)


def _description(path: Path) -> str:
    document = read_document(path)
    return document.data.get("description", "") if isinstance(document.data, dict) else ""


def _spread(found: list[Problem], examples: int) -> list[Problem]:
    """Examples from different files and sources where there are any: the first of each file, evenly spaced."""
    firsts = list({problem.file: problem for problem in reversed(found)}.values())[::-1]
    if len(firsts) <= examples:
        return firsts
    step = len(firsts) / examples
    return [firsts[int(index * step)] for index in range(examples)]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--examples", type=int, default=3, help="example lines per problem code")
    parser.add_argument(
        "folder", nargs="?", type=Path, default=POSTINGS.relative_to(Path.cwd()) if POSTINGS.is_relative_to(Path.cwd()) else POSTINGS
    )
    arguments = parser.parse_args(argv)
    print(report(arguments.folder, arguments.examples))


if __name__ == "__main__":
    main(sys.argv[1:])
