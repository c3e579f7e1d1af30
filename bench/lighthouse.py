"""`make bench`, Lighthouse: the four category scores, mobile, on the pages readers open.

    python -m bench.lighthouse [--runs 3]

Builds the board from listings/ as `make publish` does (publishconf.py, absolute URLs, here
the local server's origin), serves it over http://127.0.0.1, and runs Lighthouse (pinned in
package-lock.json, installed by `npm ci` in tools/install-test-deps) in Debian's Chromium with
its defaults: the mobile form factor and simulated throttling. Performance is noisy on a shared machine,
so each page runs up to --runs times and the table shows each category's median, stopping
early once every median is settled. Below 100, the row names the audits that cost points.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from bench.measure import BIN, ROOT
from bench.scaling import BENCH_DAY
from browser import CHROMIUM, serve

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PAGES = (
    "/",
    "/internships/",
    "/internships/?field=research&location=remote",  # a shared filter link: issue 17, item 5
    "/internships/saltmarsh-lab-literature-review/",
    "/guides/what-is-a-micro-internship/",
    "/stats/",
)
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"


@dataclass
class Report:
    scores: dict[str, int]  # category: 0-100
    failing: dict[str, list[str]]  # category: its weighted audits below a full score, with their values


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.lighthouse")
    parser.add_argument("--runs", type=int, default=3, help="runs per page at most; the table shows the median (default 3)")
    arguments = parser.parse_args()
    missing = [str(tool) for tool in (Path(CHROMIUM), LIGHTHOUSE) if not tool.exists()]
    if missing or not shutil.which("node"):
        print(
            f"lighthouse: skipped, missing {', '.join(missing) or 'node'}: `make browser-deps` (tools/install-test-deps)"
            " installs Chromium, and Lighthouse from package-lock.json with npm ci",
            file=sys.stderr,
        )
        return
    with tempfile.TemporaryDirectory(prefix="stint-lighthouse-") as scratch, serve(Path(scratch) / "site") as base:
        build(Path(scratch), base)
        rows = {page: measure(base + page, arguments.runs) for page in PAGES}
    print_table(rows)


def build(scratch: Path, base: str) -> None:
    """The production build, its URLs on the server that is already listening on ``base``."""
    print(f"== Lighthouse: building listings/ for {base}", file=sys.stderr)
    env = {**os.environ, "STINT_SITEURL": base, "STINT_TODAY": BENCH_DAY.isoformat(), "STINT_CACHE": str(scratch / "cache")}
    command = [str(BIN / "pelican"), str(ROOT / "content"), "-o", str(scratch / "site"), "-s", str(ROOT / "publishconf.py")]
    subprocess.run(command, env=env, check=True, capture_output=True)


def measure(url: str, runs: int) -> tuple[Report, int]:
    """The median report of up to ``runs`` runs, and how many runs it took."""
    reports: list[Report] = []
    while len(reports) < runs and not settled(reports, runs):
        print(f"== Lighthouse: {url} (run {len(reports) + 1})", file=sys.stderr)
        reports.append(lighthouse(url))
    return median(reports), len(reports)


def settled(reports: list[Report], runs: int) -> bool:
    """Whether more runs can no longer move any category's median: a majority already agrees."""
    return bool(reports) and all(
        max(scores.count(score) for score in scores) > runs // 2 for scores in ([r.scores[c] for r in reports] for c in CATEGORIES)
    )


def median(reports: list[Report]) -> Report:
    """Each category's median score, with the failing audits of a run that scored exactly that."""
    scores = {category: int(statistics.median_low(r.scores[category] for r in reports)) for category in CATEGORIES}
    failing = {category: next(r.failing[category] for r in reports if r.scores[category] == scores[category]) for category in CATEGORIES}
    return Report(scores, failing)


def lighthouse(url: str) -> Report:
    command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", "--output-path=stdout", f"--chrome-flags={CHROME_FLAGS}"]
    command.append("--only-categories=" + ",".join(CATEGORIES))
    out = subprocess.run(command, env={**os.environ, "CHROME_PATH": CHROMIUM}, check=True, capture_output=True, text=True)
    result = json.loads(out.stdout)
    if result.get("runtimeError"):
        raise RuntimeError(f"Lighthouse could not load {url}: {result['runtimeError']}")
    audits = result["audits"]
    scores, failing = {}, {}
    for category in CATEGORIES:
        entry = result["categories"][category]
        scores[category] = round(entry["score"] * 100)
        weighted = (audits[ref["id"]] for ref in entry["auditRefs"] if ref["weight"] > 0)
        failing[category] = [_named(audit) for audit in weighted if audit["score"] is not None and audit["score"] < 1]
    return Report(scores, failing)


def _named(audit: dict) -> str:
    return f"{audit['id']} ({audit['displayValue']})" if audit.get("displayValue") else audit["id"]


def print_table(rows: dict[str, tuple[Report, int]]) -> None:
    print("\n| page (Lighthouse, mobile) | " + " | ".join(CATEGORIES) + " | runs | below 100 |")
    print("| --- | " + " | ".join("---" for _ in CATEGORIES) + " | --- | --- |")
    for page, (report, runs) in rows.items():
        below = "; ".join(f"{category}: {', '.join(report.failing[category])}" for category in CATEGORIES if report.scores[category] < 100)
        print(f"| `{page}` | " + " | ".join(str(report.scores[c]) for c in CATEGORIES) + f" | {runs} | {below or '-'} |")


if __name__ == "__main__":
    main()
