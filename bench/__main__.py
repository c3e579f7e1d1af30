"""`make bench`: times stint against the tools a team would otherwise use, in one run.

    python -m bench --postings 10000 [--scales 1000] [--keep DIR] [--scaling]

Generates postings into a temporary folder and prints a Markdown table: validation
against check-jsonschema, a cold build against plain Pelican and against Eleventy 3.x and
Hugo 0.168 (bench/eleventy/ and bench/hugo/, pages at parity), a warm rebuild after one
posting changes, the search index, peak memory, and in Chromium the listing page's
transfer size and the time from a filter click to the updated count. Ratios matter more
than seconds: these machines are shared and noisy. Then the scaling table (see
bench/scaling.py); ``--scaling`` (``make bench SCALE=1``) adds its long rows, 50,000 and
100,000 postings, which take many minutes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
from pathlib import Path

from bench.measure import Row, clear_set_aside, measure_scale
from bench.scaling import LONG_SCALES, measure_long_scale, print_scaling


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--postings", type=int, default=10000, help="the largest board to measure (default 10000)")
    parser.add_argument("--scales", type=int, nargs="*", default=[1000], help="smaller boards to measure too, for scaling")
    parser.add_argument("--keep", type=Path, help="keep the generated data and sites in this folder")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium measurements")
    parser.add_argument("--scaling", action="store_true", help="add 50,000 and 100,000 postings (95%% closed) to the scaling table")
    arguments = parser.parse_args()
    today = dt.date(2026, 11, 29)
    scales = sorted({*arguments.scales, arguments.postings})
    with tempfile.TemporaryDirectory(prefix="stint-bench-") as scratch:
        root = arguments.keep or Path(scratch)
        measured = {count: measure_scale(root / f"n{count}", count, today, browser=not arguments.no_browser) for count in scales}
        results = {count: rows for count, (rows, _) in measured.items()}
        scaling = [scale for _, scale in measured.values()]
        if arguments.scaling:
            scaling += [measure_long_scale(root / f"s{count}", count, share, today) for count, share in LONG_SCALES]
        clear_set_aside(root)
    print_table(results)
    print_scaling(scaling)


def print_table(results: dict[int, list[Row]]) -> None:
    counts = sorted(results)
    print("\n| measure | " + " | ".join(f"{count:,} postings" for count in counts) + " |")
    print("| --- | " + " | ".join("---" for _ in counts) + " |")
    for index, row in enumerate(results[counts[0]]):
        print(f"| {row.label} | " + " | ".join(results[count][index].value for count in counts) + " |")


if __name__ == "__main__":
    main()
