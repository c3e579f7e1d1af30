"""`make bench`: times stint against the tools a team would otherwise use, in one run.

    python -m bench --postings 10000 [--scales 1000] [--keep DIR]

Generates postings into a temporary folder and prints a Markdown table: validation
against check-jsonschema, a cold build against plain Pelican, a warm rebuild after one
posting changes, the search index, peak memory, and in Chromium the listing page's
transfer size and the time from a filter click to the updated count. Ratios matter
more than seconds: these machines are shared and noisy.
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
from pathlib import Path

from bench.measure import Row, measure_scale


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--postings", type=int, default=10000, help="the largest board to measure (default 10000)")
    parser.add_argument("--scales", type=int, nargs="*", default=[1000], help="smaller boards to measure too, for scaling")
    parser.add_argument("--keep", type=Path, help="keep the generated data and sites in this folder")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium measurements")
    arguments = parser.parse_args()
    today = dt.date(2026, 11, 29)
    scales = sorted({*arguments.scales, arguments.postings})
    with tempfile.TemporaryDirectory(prefix="stint-bench-") as scratch:
        root = arguments.keep or Path(scratch)
        results = {count: measure_scale(root / f"n{count}", count, today, browser=not arguments.no_browser) for count in scales}
    print_table(results)


def print_table(results: dict[int, list[Row]]) -> None:
    counts = sorted(results)
    print("\n| measure | " + " | ".join(f"{count:,} postings" for count in counts) + " |")
    print("| --- | " + " | ".join("---" for _ in counts) + " |")
    for index, row in enumerate(results[counts[0]]):
        print(f"| {row.label} | " + " | ".join(results[count][index].value for count in counts) + " |")


if __name__ == "__main__":
    main()
