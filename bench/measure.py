"""The measurements behind `make bench`, one scale at a time."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bench.generate import write_postings
from bench.plain import write_plain_content

if TYPE_CHECKING:
    from bench.scaling import ScaleRow

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
# Runs a command and prints its wall time and the largest resident size of any process it started.
PEAK = Path(__file__).parent / "peak.py"  # a fresh interpreter per command: its peak alone


@dataclass
class Row:
    label: str
    value: str


@dataclass
class Run:
    seconds: float
    peak_mb: float
    ok: bool
    cpu_seconds: float = 0.0

    def shown(self, digits: int = 1) -> str:
        """The seconds as a row shows them, marked when the command failed."""
        return f"{self.seconds:.{digits}f}{'' if self.ok else ' (failed)'}"


SET_ASIDE = ".set-aside"


def set_aside(path: Path) -> None:
    """Move ``path`` out of the way, to be deleted once nothing is timed (``clear_set_aside``).

    On this machine's disk (ext4 mounted with ``discard``), making files just after tens of
    thousands were deleted costs up to ten times the system time, for a minute or more:
    7,500 small files took 0.55 s of it on a quiet disk and 5 to 8 s after the last build's
    output was deleted. A bench that deleted its last build's output before each build
    timed its own deleting, and charged it to whichever build wrote more files."""
    if path.exists():
        aside = path.parent / SET_ASIDE
        aside.mkdir(exist_ok=True)
        path.rename(tempfile.mkdtemp(prefix=f"{path.name}-", dir=aside) + "/" + path.name)


def clear_set_aside(root: Path) -> None:
    for aside in [root / SET_ASIDE, *root.glob(f"*/{SET_ASIDE}")]:
        shutil.rmtree(aside, ignore_errors=True)


def run(command: list[str], env: dict[str, str] | None = None) -> Run:
    # Every timed command starts with the disk flushed: the last one's writing back must
    # not be charged to this one (plain Pelican leaves some 200 MB behind it).
    os.sync()
    # Python's default, writing compiled modules, whatever the shell says: with
    # PYTHONDONTWRITEBYTECODE (set on these sandboxes) every build compiled stint's 40
    # modules again, 0.3 s of each warm rebuild, a cost no user's machine pays.
    inherited = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    out = subprocess.run(
        [sys.executable, str(PEAK), *command], env={**inherited, **(env or {})}, capture_output=True, text=True, check=True
    )
    seconds, peak_kb, cpu, code = out.stdout.split()
    return Run(float(seconds), int(peak_kb) / 1024, code == "0", float(cpu))


TODAY = dt.date(2026, 11, 29)  # the day the generated postings are built on


def our_build(listings: Path, output: Path, cache: Path, readers: bool = True, today: dt.date = TODAY) -> Run:
    """A build of ``listings`` on ``today``; without ``readers``, as if issue 17's outputs did not exist (bench/without_readers.py)."""
    env = {"STINT_LISTINGS": str(listings), "STINT_TODAY": today.isoformat(), "STINT_CACHE": str(cache)}
    pelican = [str(BIN / "pelican")] if readers else [sys.executable, str(Path(__file__).parent / "without_readers.py")]
    return run([*pelican, str(ROOT / "content"), "-o", str(output), "-s", str(ROOT / "pelicanconf.py")], env)


def measure_scale(folder: Path, count: int, today: dt.date, browser: bool) -> tuple[list[Row], ScaleRow]:
    """The comparison rows, and the cold build's row of the scaling table."""
    print(f"== {count:,} postings in {folder}", file=sys.stderr)
    listings = folder / "listings"
    write_postings(listings, count, today)
    plain_content = write_plain_content(listings, folder / "plain-content")
    rows = validation_rows(listings)
    build, scale = build_rows(folder, listings, plain_content, count)
    rows += build
    if browser:
        from bench.browser import listing_rows

        rows += listing_rows(folder / "site")
    return rows, scale


def validation_rows(listings: Path) -> list[Row]:
    ours = run([str(BIN / "stint"), "validate", str(listings)])
    files = sorted(str(path) for path in listings.glob("*.yaml"))
    theirs = run([str(BIN / "check-jsonschema"), "--schemafile", str(ROOT / "schema" / "posting.schema.json"), *files])
    return [
        Row("validate: stint validate (s)", ours.shown(2)),
        Row("validate: check-jsonschema, same schema and files (s)", theirs.shown(2)),
        Row("validate: speed-up over check-jsonschema", f"{theirs.seconds / ours.seconds:.1f}x"),
    ]


def build_rows(folder: Path, listings: Path, plain_content: Path, count: int) -> tuple[list[Row], ScaleRow]:
    from bench import eleventy_peer, hugo_peer
    from bench.cold import cold_builds, median, peer_rows, ratio  # it builds with this module's runner
    from bench.scaling import scale_row  # it builds on this module

    cache, site = folder / "cache", folder / "site"
    builds = cold_builds(folder, listings)
    cold, bare = median(builds.stint), median(builds.bare)
    scale = scale_row(count, site, cold)  # before the warm rebuild changes the site
    plain = run(
        [str(BIN / "pelican"), str(plain_content), "-o", str(folder / "plain-site"), "-s", str(ROOT / "bench" / "plain_pelicanconf.py")]
    )
    eleventy = peer_rows(eleventy_peer.LABELS, builds.eleventy, builds.stint, folder / "eleventy-site", site)
    hugo = peer_rows(hugo_peer.LABELS, builds.hugo, builds.stint, folder / "hugo-site", site)
    changed = sorted(listings.glob("*.yaml"))[len(list(listings.glob("*.yaml"))) // 2]
    changed.write_text(changed.read_text(encoding="utf-8").replace("clear deliverable", "clear, agreed deliverable", 1), encoding="utf-8")
    warm = our_build(listings, site, cache)
    from bench.incremental import incremental_rows  # it builds with this module's runner

    incremental = incremental_rows(listings, site, cache, TODAY, median(builds.hugo) if builds.hugo else None)
    from bench.daily import daily_cost_rows, daily_runs  # it builds with this module's runner

    daily = daily_cost_rows(*daily_runs(listings, folder, TODAY + dt.timedelta(days=3)))  # the incremental rows reached the day after next
    search = time_search_index(site)
    return [
        Row(
            f"cold build: stint, median of {len(builds.stint)} interleaved rounds (s)",
            cold.shown(),
        ),
        Row("cold build: plain Pelican, same postings as Markdown (s)", plain.shown()),
        Row("cold build: stint / plain Pelican", f"{cold.seconds / plain.seconds:.2f}"),
        *eleventy,
        *hugo,
        Row("cold build: stint without issue 17's readers' outputs (s)", bare.shown()),
        Row("readers' outputs' cost: wall time", ratio(builds.stint, builds.bare, as_cost=True)),
        Row("readers' outputs' cost: CPU time (all processes)", ratio(builds.stint, builds.bare, cpu=True, as_cost=True)),
        Row("warm rebuild after one posting changed (s)", f"{warm.seconds:.1f}"),
        Row("warm rebuild / cold build", f"{warm.seconds / cold.seconds:.0%}"),
        Row("search index, all pages in one Pagefind run, for scale (s)", f"{search:.1f}"),
        Row("peak memory, largest process: stint / plain Pelican (MB)", f"{cold.peak_mb:.0f} / {plain.peak_mb:.0f}"),
        Row("pages written by stint", f"{sum(1 for _ in site.rglob('*.html')):,}"),
        *incremental,
        *daily,
    ], scale


def time_search_index(site: Path) -> float:
    copy = site.parent / "search-copy"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns("pagefind"))
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(copy), "--glob", "{internships,guides}/*/index.html", "--silent"], check=True
    )
    elapsed = time.perf_counter() - start
    shutil.rmtree(copy)
    return elapsed
