"""What issue 17's outputs cost the build the board lives on: the daily one, with the cache.

The publish workflow restores the build cache every day (bench/ci_cache.py), so a posting's
calendar, feeds and pages are remade only when the posting changes or a posting near it
opens or closes. stint and stint without the readers' outputs (bench/without_readers.py)
each build ``DAYS`` days in a row from their own cache, taking turns in a rotating order;
the rows give the median of the days' ratios, as the cold builds' rows do.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from bench.cold import median, ratio
from bench.measure import Row, Run, our_build

DAYS = 3


def daily_cost_rows(listings: Path, folder: Path, first_day: dt.date) -> list[Row]:
    """``folder/site`` and ``folder/cache`` hold stint's build of the day before ``first_day``;
    the board without the readers' outputs is brought to that day first, untimed."""
    kinds = [
        lambda day: our_build(listings, folder / "site", folder / "cache", today=day),
        lambda day: our_build(listings, folder / "site-without-readers", folder / "cache-without-readers", readers=False, today=day),
    ]
    kinds[1](first_day - dt.timedelta(days=1))  # its last build was the cold one, before the edits
    stint: list[Run] = []
    bare: list[Run] = []
    for number in range(DAYS):
        day = first_day + dt.timedelta(days=number)
        order = [0, 1] if number % 2 == 0 else [1, 0]
        runs = {kind: kinds[kind](day) for kind in order}
        stint.append(runs[0])
        bare.append(runs[1])
    ours, theirs = median(stint), median(bare)
    return [
        Row(f"daily build with the cache: stint, median of {DAYS} days (s)", f"{ours.seconds:.1f}{'' if ours.ok else ' (failed)'}"),
        Row(
            "daily build with the cache: stint without the readers' outputs (s)", f"{theirs.seconds:.1f}{'' if theirs.ok else ' (failed)'}"
        ),
        Row("readers' outputs' cost in the daily build: wall time", ratio(stint, bare, as_cost=True)),
        Row("readers' outputs' cost in the daily build: CPU time (all processes)", ratio(stint, bare, cpu=True, as_cost=True)),
    ]
