"""The biggest costs of a cold build, from a profiler.

    python -m bench.profile [--postings 10000]

Generates postings into a temporary folder, builds them once in this process with the
cache off and every step on one core (so cProfile sees all the work), and prints the
share of the build each big step took. Jinja's share includes the Markdown rendered
inside templates.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import os
import pstats
import tempfile
import time
from pathlib import Path

from bench.generate import write_postings
from bench.measure import ROOT

STEPS = {  # (file ending, function) -> what it is
    ("jinja2/environment.py", "render"): "Jinja page rendering",
    ("stint/contract/markup.py", "render_description"): "Markdown, inside Jinja rendering",
    ("stint/contract/validation.py", "check_paths"): "validation",
    ("stint/outputs/search_index.py", "__exit__"): "waiting for Pagefind",
    ("stint/outputs/feeds.py", "write_feeds"): "feeds",
}


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.profile")
    parser.add_argument("--postings", type=int, default=10000)
    count = parser.parse_args().postings
    with tempfile.TemporaryDirectory(prefix="stint-profile-") as scratch:
        listings = Path(scratch) / "listings"
        write_postings(listings, count, dt.date(2026, 11, 29))
        os.environ.update(STINT_LISTINGS=str(listings), STINT_TODAY="2026-11-29", STINT_CACHE="")
        seconds, stats = _profiled_build(Path(scratch) / "site")
    print(f"cold build of {count:,} postings under cProfile, one core: {seconds:.1f} s")
    for (ending, function), label in STEPS.items():
        spent = sum(row[3] for (file, _, name), row in stats.stats.items() if file.endswith(ending) and name == function)
        print(f"  {label}: {spent:.1f} s, {spent / seconds:.0%}")


def _profiled_build(output: Path) -> tuple[float, pstats.Stats]:
    import pelican

    from stint.contract import validation
    from stint.writing import page_writer

    page_writer.PARALLEL_PAGES = validation.PARALLEL_FROM = 10**9  # no forked workers: the profiler sees one process
    profile = cProfile.Profile()
    start = time.perf_counter()
    profile.runcall(pelican.main, [str(ROOT / "content"), "-o", str(output), "-s", str(ROOT / "pelicanconf.py")])
    return time.perf_counter() - start, pstats.Stats(profile)


if __name__ == "__main__":
    main()
