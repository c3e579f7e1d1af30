"""The rebuilds a board lives on, after a cold build with the cache: an edit of the posting
that closes soonest (its title, then its description), the next day with nothing edited,
and the next day once postings have expired. For each: the wall time and the pages written
anew (placing keeps an unchanged page's file, so a page written anew is a newer file).
Also the most pages any one posting appears on, counted in the output, and the day after
as the publish workflow builds it, from the Actions cache (bench/ci_cache.py)."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from bench.ci_cache import ci_day_rows
from bench.measure import Row, Run, our_build

_SLUG = re.compile(rb'data-slug="([a-z0-9-]+)"')
_APPLY_BY = re.compile(r"apply_by: '(\d{4}-\d{2}-\d{2})'")


def incremental_rows(listings: Path, site: Path, cache: Path, today: dt.date, hugo: Run | None = None) -> list[Row]:
    """``hugo``: Hugo's cold build of the same postings in this run, the yardstick issue 16 sets
    these rebuilds (on a machine whose speed changes from hour to hour, a ratio, not seconds)."""
    soonest = min(listings.glob("*.yaml"), key=lambda path: (_apply_by(path) < today, _apply_by(path), path.name))
    same_day = lambda: our_build(listings, site, cache, today=today)  # noqa: E731
    title_edit = lambda: _edit(soonest, "title: ", "title: Revised ")  # noqa: E731
    rows = _step("title of the posting closing soonest edited", site, same_day, title_edit, hugo)
    rows += _step(
        "its description edited", site, same_day, lambda: _edit(soonest, "We meet twice a week", "We meet three times a week"), hugo
    )
    tomorrow = today + dt.timedelta(days=1)
    expired = sum(1 for path in listings.glob("*.yaml") if _apply_by(path) == today)
    rows += _step(
        f"the next day, nothing edited ({expired} postings expired)",
        site,
        lambda: our_build(listings, site, cache, today=tomorrow),
        lambda: None,
        hugo,
    )
    rows.append(Row("the most pages any one posting's card appears on", f"{max(_appearances(site).values()):,}"))
    return rows + ci_day_rows(site, cache, lambda: our_build(listings, site, cache, today=tomorrow + dt.timedelta(days=1)))


def _step(label: str, site: Path, rebuild: Callable[[], Run], change: Callable[[], None], hugo: Run | None) -> list[Row]:
    change()
    before = _newest(site)
    result = rebuild()
    # Guide articles are Pelican's own pages, which its writer writes on every build: not counted.
    written = sum(1 for path in site.rglob("*.html") if path.stat().st_mtime_ns > before and not _is_guide(site, path))
    against_hugo = f"{result.seconds / hugo.seconds:.2f}" if hugo else "skipped"
    return [
        Row(f"warm rebuild: {label} (s)", result.shown()),
        Row(f"warm rebuild: {label} / Hugo's cold build (target: at most 1)", against_hugo),
        Row(f"board pages written anew: {label}", f"{written:,}"),
    ]


def _is_guide(site: Path, path: Path) -> bool:
    parts = path.relative_to(site).parts
    return parts[0] == "guides" and len(parts) == 3


def _newest(site: Path) -> int:
    return max(path.stat().st_mtime_ns for path in site.rglob("*.html"))


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.utime(path)


def _apply_by(path: Path) -> dt.date:
    found = _APPLY_BY.search(path.read_text(encoding="utf-8"))
    assert found, path
    return dt.date.fromisoformat(found.group(1))


def _appearances(site: Path) -> Counter[str]:
    """On how many pages each posting's card is shown (a posting's own page not counted)."""
    counts: Counter[str] = Counter()
    for page in site.rglob("*.html"):
        own = page.parent.name
        counts.update(slug.decode() for slug in set(_SLUG.findall(page.read_bytes())) if slug.decode() != own)
    return counts
