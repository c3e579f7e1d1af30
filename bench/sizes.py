"""What a built site spends its bytes on, by kind of file.

    python -m bench.sizes OUTPUT_FOLDER

Bytes are the files' sizes (what a host such as GitHub Pages counts), not the disk blocks
they occupy. Each kind is also given per posting of the board, so that growth is visible:
a kind whose bytes per posting rise with the board is not linear.
"""

from __future__ import annotations

import os
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

# The first pattern that matches a path (relative, posix) names its kind.
KINDS = (
    ("closed list pages", re.compile(r"internships/closed/")),
    ("listing pages", re.compile(r"internships/(page/\d+/)?index\.html$")),
    ("facet listing pages", re.compile(r"internships/[a-z]+/[a-z0-9-]+/(page/\d+/)?index\.html$")),
    ("posting pages", re.compile(r"internships/[^/]+/index\.html$")),
    ("posting calendars", re.compile(r"internships/[^/]+/[^/]+\.ics$")),
    ("search index", re.compile(r"pagefind/")),
    ("feeds", re.compile(r"feeds/")),
    ("filter data", re.compile(r"internships/.*\.json$|browse/")),
    ("sitemap", re.compile(r"sitemap")),
)


@dataclass(frozen=True)
class Usage:
    files: int
    bytes: int


def bytes_by_kind(site: Path) -> dict[str, Usage]:
    """Files and bytes of each kind in ``site``; what no pattern names is "other"."""
    files: Counter[str] = Counter()
    sizes: Counter[str] = Counter()
    for folder, _, names in os.walk(site):
        for name in names:
            path = os.path.join(folder, name)
            relative = os.path.relpath(path, site).replace(os.sep, "/")
            kind = next((label for label, pattern in KINDS if pattern.match(relative)), "other")
            files[kind] += 1
            sizes[kind] += os.stat(path).st_size
    return {kind: Usage(files[kind], sizes[kind]) for kind in sorted(sizes, key=sizes.get, reverse=True)}


def total(usage: dict[str, Usage]) -> Usage:
    return Usage(sum(entry.files for entry in usage.values()), sum(entry.bytes for entry in usage.values()))


def print_usage(usage: dict[str, Usage], postings: int) -> None:
    print("| kind | files | MB | bytes per posting |")
    print("| --- | --- | --- | --- |")
    for kind, entry in [*usage.items(), ("all", total(usage))]:
        print(f"| {kind} | {entry.files:,} | {entry.bytes / 1e6:.1f} | {entry.bytes / max(postings, 1):,.0f} |")


def main() -> None:
    site = Path(sys.argv[1])
    postings = sum(1 for path in (site / "internships").glob("*/index.html") if "closed" not in path.parts)
    print_usage(bytes_by_kind(site), postings)


if __name__ == "__main__":
    main()
