"""Eleventy 3.x building the same postings as a peer site, pages at parity with stint's board.

bench/eleventy/ is its own npm project (package.json and its lock pin Eleventy and
js-yaml; 4.1.0, the long-standing release, parses these files about three times faster
than 5.x). Its global data file reads every posting file with js-yaml, as stint reads
them, and its Nunjucks templates write the pages stint writes from them: one per posting
(facts and the Markdown description, by Eleventy's markdown-it), the listing of open
postings and each facet value's listing (facets.py's membership, 20 pages at most), 24
cards a page. Not written: stint's closed list, pay bands, related cards and its few
site pages, so the rows count both tools' pages.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from bench.measure import ROOT, Run, run

PROJECT = ROOT / "bench" / "eleventy"
INSTALLED = PROJECT / "node_modules" / ".installed"
LABELS = (
    "cold build: Eleventy 3.x, same postings, pages at parity, median (s)",
    "cold build: stint / Eleventy, median of the rounds (range)",
    "pages written: stint (postings and listings alone) / Eleventy",
    "peak memory, largest process: Eleventy (MB)",
)


def install() -> str | None:
    """``npm ci`` in bench/eleventy whenever its lock is newer than the last install; why not, if it cannot."""
    if not (shutil.which("node") and shutil.which("npm")):
        return "node and npm are not installed"
    if not (INSTALLED.exists() and INSTALLED.stat().st_mtime > (PROJECT / "package-lock.json").stat().st_mtime):
        npm_ci = ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"]
        subprocess.run(npm_ci, cwd=PROJECT, stdout=sys.stderr, check=True)  # stdout is the bench's table
        INSTALLED.touch()
    return None


def build(listings: Path, output: Path) -> Run:
    eleventy = PROJECT / "node_modules" / "@11ty" / "eleventy" / "cmd.cjs"
    config, source = PROJECT / "eleventy.config.mjs", PROJECT / "site"
    command = ["node", str(eleventy), f"--config={config}", f"--input={source}", f"--output={output}", "--quiet"]
    return run(command, {"STINT_LISTINGS": str(listings), "STINT_TODAY": "2026-11-29"})
