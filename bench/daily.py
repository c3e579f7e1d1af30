"""What issue 17's outputs cost the build the board lives on: the daily one, with the cache.

The publish workflow restores the build cache every day (bench/ci_cache.py), so a posting's
calendar, feeds and pages are remade only when the posting changes or a posting near it
opens or closes. stint and stint without the readers' outputs (bench/without_readers.py)
each build ``DAYS`` days in a row from their own cache, taking turns in a rotating order;
the rows give the median of the days' ratios, as the cold builds' rows do.

The days are an even number, so that each goes first as often as the other: on this disk
(ext4 mounted with ``discard``) a build pays for the files the build before it deleted
(its cache's stale pages, its old output). Over six days timed one after another, the
readers' outputs cost +3 to +6 % on the days stint built first, +17 to +19 % on the others.
Eight days, as one day's ratio moves by ten points or more with nothing changed (run Q's four
days ranged from -7.4 to +17.0 %): a median of four moved with any one of them.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path

from bench.cold import median, ratio, rotated
from bench.measure import Row, Run, our_build

DAYS = 8


def daily_cost_rows(listings: Path, folder: Path, first_day: dt.date) -> list[Row]:
    """``folder/site`` and ``folder/cache`` hold stint's build of the day before ``first_day``;
    the board without the readers' outputs is brought to that day first, untimed."""
    ours = partial(our_build, listings, folder / "site", folder / "cache")
    without = partial(our_build, listings, folder / "site-without-readers", folder / "cache-without-readers", readers=False)
    without(today=first_day - dt.timedelta(days=1))  # its last build was the cold one, before the edits
    stint: list[Run] = []
    bare: list[Run] = []
    for number in range(DAYS):
        for runs, build in rotated([(stint, ours), (bare, without)], number):
            runs.append(build(today=first_day + dt.timedelta(days=number)))
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
