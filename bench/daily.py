"""What issue 17's outputs cost the build the board lives on: the daily one, with the cache.

The publish workflow restores the build cache every day (bench/ci_cache.py), so a posting's
calendar, feeds and pages are remade only when the posting changes or a posting near it
opens or closes. stint and stint without the readers' outputs (bench/without_readers.py)
each build ``DAYS`` days in a row from their own cache, taking turns in a rotating order;
the rows give the median of the days' ratios, as the cold builds' rows do.

The days are an even number, so that each goes first as often as the other: a build pays
for the files the builds before it deleted (their caches' stale pages, their old outputs).
These machines' ext4 has no journal, and without one ext4 reuses no inode freed in the last
minute (five while its table block is unwritten), checking each such inode again for every
file it makes (fs/ext4/ialloc.c, ``recently_deleted``): a file made seconds after a build
cost 0.5 to 1 ms of kernel time, against 0.1 ms a few minutes later (``perf`` shows the
check). A daily build a day after the last pays none of it; builds timed back to back do,
so the cost of each new file the readers' outputs make is over-counted here, not under.
Over six days timed one after another, the readers' outputs cost +3 to +6 % on the days
stint built first, +17 to +19 % on the others.

Sixteen days, as one day's ratio moves by tens of points with nothing changed. On
2026-12-02, six days replayed with nothing else running ranged from -15 to +17 %, and loading
the board, the same work in both kinds, took from 1.1 to 2.0 s of CPU from one build to the
next; later two days in a row came out at +57 and +61 %. The host's other tenants do that,
not the disk: days ranged as widely with a minute's pause before each build (past ext4's
window) as without. Eight days' median moved by several points with any one day (runs S
and T: +10.5 and +13.5 %, the code nearly the same).
"""

from __future__ import annotations

import argparse
import datetime as dt
from functools import partial
from pathlib import Path

from bench.cold import median, ratio, rotated
from bench.generate import write_postings
from bench.measure import TODAY, Row, Run, clear_set_aside, our_build

DAYS = 16


def daily_cost_rows(stint: list[Run], bare: list[Run]) -> list[Row]:
    """The rows of each kind's days (``daily_runs``)."""
    stint_day, bare_day = median(stint), median(bare)
    return [
        Row(f"daily build with the cache: stint, median of {DAYS} days (s)", stint_day.shown()),
        Row(
            "daily build with the cache: stint without the readers' outputs (s)",
            bare_day.shown(),
        ),
        Row("readers' outputs' cost in the daily build: wall time", ratio(stint, bare, as_cost=True)),
        Row("readers' outputs' cost in the daily build: CPU time (all processes)", ratio(stint, bare, cpu=True, as_cost=True)),
    ]


def daily_runs(listings: Path, folder: Path, first_day: dt.date) -> tuple[list[Run], list[Run]]:
    """Each kind's ``DAYS`` builds. ``folder/site`` and ``folder/cache`` hold stint's build of
    the day before ``first_day``; the board without the readers' outputs is brought to that
    day first, untimed."""
    ours = partial(our_build, listings, folder / "site", folder / "cache")
    without = partial(our_build, listings, folder / "site-without-readers", folder / "cache-without-readers", readers=False)
    without(today=first_day - dt.timedelta(days=1))  # in the bench its last build was the cold one, before the edits
    stint: list[Run] = []
    bare: list[Run] = []
    for number in range(DAYS):
        for runs, build in rotated([(stint, ours), (bare, without)], number):
            runs.append(build(today=first_day + dt.timedelta(days=number)))
    return stint, bare


def main() -> None:
    """``python -m bench.daily FOLDER``: these rows alone, with each day's ratios, on the
    bench's postings (six minutes at 10,000, against the whole bench's half hour): the
    measure that moves most, repeated cheaply. ``FOLDER`` keeps the postings and sites."""
    parser = argparse.ArgumentParser(prog="python -m bench.daily", description=main.__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--postings", type=int, default=10000)
    arguments = parser.parse_args()
    folder, first_day = arguments.folder, TODAY + dt.timedelta(days=3)  # the day the bench's own days start
    listings = folder / "listings"
    write_postings(listings, arguments.postings, TODAY)
    our_build(listings, folder / "site", folder / "cache", today=first_day - dt.timedelta(days=1))  # untimed
    stint, bare = daily_runs(listings, folder, first_day)
    for number, (ours, theirs) in enumerate(zip(stint, bare, strict=True), start=1):
        print(f"day {number}: {ours.seconds:.2f} s against {theirs.seconds:.2f} s, {ours.seconds / theirs.seconds - 1:+.1%}")
    for row in daily_cost_rows(stint, bare):
        print(f"| {row.label} | {row.value} |")
    clear_set_aside(folder)


if __name__ == "__main__":
    main()
