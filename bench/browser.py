"""The listing page in Chromium: what it costs to open, and how fast a filter answers."""

from __future__ import annotations

import gzip
import statistics
import sys
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from bench.measure import Row
from browser import chromium, serve

CLICK = """selector => new Promise(resolve => {
  const count = document.querySelector('[data-result-count]');
  const observer = new MutationObserver(() => { observer.disconnect(); resolve(performance.now() - start); });
  observer.observe(count, {childList: true, characterData: true, subtree: true});
  const start = performance.now();
  document.querySelector(selector).click();
})"""
BOXES = ["location-remote", "pay-paid", "international-opt", "hours-11-20", "field-data-analysis", "credit-yes", "duration-3-4-weeks"]


def listing_rows(site: Path) -> list[Row]:
    with serve(site) as base, chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        paths: list[str] = []
        page.on("response", lambda response: paths.append(urlsplit(response.url).path))
        page.goto(f"{base}/internships/")
        page.wait_for_selector("[data-board][data-ready=true]")
        transfer = sum(len(gzip.compress(_file(site, path).read_bytes(), 6)) for path in set(paths))
        latencies = [page.evaluate(CLICK, f"#f-{box}") for box in BOXES + BOXES]  # on, then off again
        html = len(gzip.compress(_file(site, "/internships/").read_bytes(), 6))
    return [
        Row("listing page: initial transfer, gzip (kB)", f"{transfer / 1000:.0f} (HTML {html / 1000:.0f})"),
        Row(
            "listing page: filter click to updated count, median / worst (ms)", f"{statistics.median(latencies):.1f} / {max(latencies):.1f}"
        ),
    ]


def _file(site: Path, path: str) -> Path:
    target = site / path.lstrip("/")
    return target / "index.html" if path.endswith("/") else target
