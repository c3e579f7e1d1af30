"""The cold builds the bench compares, run in interleaved rounds.

On these shared machines one build is now and then a quarter slower than the same build a
minute later (seen at 10,000 postings: 40 s, then 52 s, nothing changed). The ratio of two
single builds then says more about the machine than about the tools: one such run priced
issue 17's outputs at +21 %, where eight interleaved pairs put them at a few per cent. So
each kind of cold build runs ``ROUNDS`` times, the kinds taking turns in a rotating order,
and the rows give each kind's median and the median of the per-round ratios.

The kinds: stint, stint without issue 17's readers' outputs, and the peer sites with pages at
parity, Eleventy 3.x (bench/eleventy_peer.py) and Hugo 0.168 (bench/hugo_peer.py), each
skipped with the reason printed when it cannot run here.
"""

from __future__ import annotations

import statistics
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from bench import eleventy_peer, hugo_peer
from bench.measure import Row, Run, our_build, set_aside

T = TypeVar("T")
ROUNDS = 5  # three left one noisy round able to move the median


@dataclass
class ColdBuilds:
    stint: list[Run] = field(default_factory=list)
    bare: list[Run] = field(default_factory=list)  # without issue 17's readers' outputs
    eleventy: list[Run] = field(default_factory=list)  # empty when Eleventy cannot run here
    hugo: list[Run] = field(default_factory=list)  # empty when Hugo cannot run here


def cold_builds(folder: Path, listings: Path, rounds: int = ROUNDS) -> ColdBuilds:
    """Each round builds every kind from nothing. stint's last build stays in ``folder/site``
    and ``folder/cache`` for the warm rows."""
    builds = ColdBuilds()
    kinds: list[tuple[list[Run], list[Path], Callable[[], Run]]] = [
        (builds.stint, [folder / "site", folder / "cache"], lambda: our_build(listings, folder / "site", folder / "cache")),
        (
            builds.bare,
            [folder / "site-without-readers", folder / "cache-without-readers"],
            lambda: our_build(listings, folder / "site-without-readers", folder / "cache-without-readers", readers=False),
        ),
    ]
    if reason := eleventy_peer.install():
        print(f"bench: Eleventy skipped: {reason}", file=sys.stderr)
    else:
        kinds.append((builds.eleventy, [folder / "eleventy-site"], lambda: eleventy_peer.build(listings, folder / "eleventy-site")))
    if reason := hugo_peer.install():
        print(f"bench: Hugo skipped: {reason}", file=sys.stderr)
    else:
        kinds.append((builds.hugo, [folder / "hugo-site"], lambda: hugo_peer.build(listings, folder / "hugo-site")))
    for number in range(rounds):
        for runs, outputs, build in rotated(kinds, number):
            for output in outputs:
                set_aside(output)
            runs.append(build())
    return builds


def rotated(kinds: list[T], number: int) -> list[T]:
    """Round ``number``'s order: each kind goes first in turn, so none always follows the same one."""
    return kinds[number % len(kinds) :] + kinds[: number % len(kinds)]


def median(runs: list[Run]) -> Run:
    """The median time and CPU time; the largest peak; failed if any build failed."""
    return Run(
        statistics.median(run.seconds for run in runs),
        max(run.peak_mb for run in runs),
        all(run.ok for run in runs),
        statistics.median(run.cpu_seconds for run in runs),
    )


def ratio(ours: list[Run], theirs: list[Run], cpu: bool = False, as_cost: bool = False) -> str:
    """The median of the rounds' ratios and their range, ``1.21 (1.15 to 1.30)``; as a cost, ``+4.0 % (...)``."""
    values = sorted((a.cpu_seconds / b.cpu_seconds) if cpu else (a.seconds / b.seconds) for a, b in zip(ours, theirs, strict=True))

    def form(value: float) -> str:
        return f"{value - 1:+.1%}" if as_cost else f"{value:.2f}"

    return f"{form(statistics.median(values))} ({form(values[0])} to {form(values[-1])})"


def peer_rows(labels: tuple[str, ...], theirs: list[Run], ours: list[Run], output: Path, stint_site: Path) -> list[Row]:
    """A peer site's four rows (``labels``): its median cold build, stint's against it round
    by round, the pages each wrote (``output`` holds the peer's last site), its peak memory."""
    if not theirs:
        return [Row(label, "skipped") for label in labels]
    build = median(theirs)
    # The peer sites write stint's kinds of page but its closed list, pay bands, related
    # cards and few site pages (bench/eleventy_peer.py): the pages of those kinds alone too.
    same_kinds = pages(stint_site / "internships", "closed/", "pay-per-hour/")
    return [
        Row(labels[0], build.shown()),
        Row(labels[1], ratio(ours, theirs)),
        Row(labels[2], f"{pages(stint_site):,} ({same_kinds:,}) / {pages(output):,}"),
        Row(labels[3], f"{build.peak_mb:.0f}"),
    ]


def pages(site: Path, *left_out: str) -> int:
    return sum(1 for path in site.rglob("*.html") if not path.relative_to(site).as_posix().startswith(left_out))
