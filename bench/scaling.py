"""The scaling table of `make bench`: what a cold build costs as the board grows.

For each board: the cold build's time and peak memory, the pages and bytes it wrote, and
the time and bytes per posting, with those per-posting figures as a multiple of the 10,000
board's (the issue's bar for linear growth is 1.3). `python -m bench --scaling` adds the
long rows: 50,000 open postings, and 100,000 of which 95 % have closed, a board that has
lived for years. To measure only the scaling table, with cold builds alone:

    python -m bench.scaling 1000 10000 50000 100000:0.95   # postings[:closed share]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bench.generate import write_postings
from bench.measure import Run, our_build, set_aside
from bench.sizes import bytes_by_kind, total

LONG_SCALES = ((50_000, 0.0), (100_000, 0.95))  # (postings, closed share)
BENCH_DAY = dt.date(2026, 11, 29)  # as in bench/__main__.py
BASELINE = 10_000  # per-posting figures are compared with this board's


@dataclass(frozen=True)
class ScaleRow:
    postings: int
    open: int
    seconds: float
    peak_mb: float
    pages: int
    files: int
    bytes: int
    kinds: dict[str, int]  # bytes by kind of file

    @property
    def ms_per_posting(self) -> float:
        return self.seconds * 1000 / self.postings

    @property
    def bytes_per_posting(self) -> float:
        return self.bytes / self.postings


def scale_row(postings: int, site: Path, cold: Run) -> ScaleRow:
    """The figures of a cold build into ``site`` (read before anything changes the site)."""
    usage = bytes_by_kind(site)
    opened = json.loads((site / "internships" / "index.json").read_text(encoding="utf-8"))["count"]
    pages = sum(1 for _ in site.rglob("*.html"))
    everything = total(usage)
    return ScaleRow(
        postings, opened, cold.seconds, cold.peak_mb, pages, everything.files, everything.bytes, {k: v.bytes for k, v in usage.items()}
    )


def measure_long_scale(folder: Path, postings: int, closed_share: float, today: dt.date) -> ScaleRow:
    """A cold build alone (no comparison builds, no browser): these boards take minutes.
    The folder is set aside afterwards, to be deleted when the bench ends (``set_aside``)."""
    print(f"== {postings:,} postings, {closed_share:.0%} closed, in {folder}", file=sys.stderr)
    listings = folder / "listings"
    write_postings(listings, postings, today, closed_share=closed_share)
    row = scale_row(postings, folder / "site", our_build(listings, folder / "site", folder / "cache"))
    set_aside(folder)
    return row


def print_scaling(rows: list[ScaleRow]) -> None:
    rows = sorted(rows, key=lambda row: row.postings)
    base = next((row for row in rows if row.postings == BASELINE), rows[0])
    print(
        "\n| postings (open) | cold build (s) | peak memory (MB) | HTML pages | files | written (MB) | ms per posting | bytes per posting |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for row in rows:
        time_ratio, byte_ratio = row.ms_per_posting / base.ms_per_posting, row.bytes_per_posting / base.bytes_per_posting
        print(
            f"| {row.postings:,} ({row.open:,}) | {row.seconds:.1f} | {row.peak_mb:.0f} | {row.pages:,} | {row.files:,} | "
            f"{row.bytes / 1e6:.0f} | {row.ms_per_posting:.2f} ({time_ratio:.2f}x) | {row.bytes_per_posting:,.0f} ({byte_ratio:.2f}x) |"
        )
    print(f"\n(x: per posting, as a multiple of the {base.postings:,} board's.) Bytes per posting by kind of file:\n")
    kinds = sorted({kind for row in rows for kind in row.kinds}, key=lambda kind: -rows[-1].kinds.get(kind, 0))
    print("| kind | " + " | ".join(f"{row.postings:,}" for row in rows) + " |")
    print("| --- | " + " | ".join("---" for _ in rows) + " |")
    for kind in kinds:
        print(f"| {kind} | " + " | ".join(f"{row.kinds.get(kind, 0) / row.postings:,.0f}" for row in rows) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.scaling")
    parser.add_argument("boards", nargs="+", help="postings, or postings:closed share (100000:0.95)")
    boards = [(int(count), float(share or 0)) for count, _, share in (board.partition(":") for board in parser.parse_args().boards)]
    with tempfile.TemporaryDirectory(prefix="stint-scaling-") as scratch:
        rows = [measure_long_scale(Path(scratch) / f"s{count}", count, share, BENCH_DAY) for count, share in boards]
    print_scaling(rows)


if __name__ == "__main__":
    main()
