"""The build cache is correct: after any kind of change, a rebuild that reuses the cache
gives the same site, byte for byte, as a clean build; and what did not change is not rewritten."""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import ROOT
from sitebuild import built, copy_project, tree


def build(project: Path, output: Path, cache: Path, today: str = "2026-12-01", settings: str = "pelicanconf.py") -> None:
    # Two postings per search shard, so a change re-indexes some shards and reuses the others.
    built(project / "listings", output, today, settings=settings, project=project, cache=cache, STINT_SEARCH_SHARD="2")


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


CHANGES: dict[str, Callable[[Path], None]] = {
    "title edited": lambda p: replace_in(p / "listings" / "last-day-software.yaml", "title: ", "title: Revised "),
    "posting edited": lambda p: replace_in(p / "listings" / "hybrid-hourly-data.yaml", "six ocean buoys", "seven ocean buoys"),
    "posting deadline moved": lambda p: replace_in(
        p / "listings" / "onsite-unpaid-comms.yaml", "apply_by: 2026-12-31", "apply_by: 2026-12-05"
    ),
    "posting removed": lambda p: (p / "listings" / "remote-paid-research.yaml").unlink(),
    "posting renamed": lambda p: (p / "listings" / "remote-paid-research.yaml").rename(p / "listings" / "remote-research-sprint.yaml"),
    "posting added": lambda p: shutil.copy(
        ROOT / "listings" / "saltmarsh-lab-literature-review.yaml", p / "listings" / "saltmarsh-lab-literature-review.yaml"
    ),
    "guide edited": lambda p: replace_in(p / "content" / "guides" / "earning-academic-credit.md", "Title: ", "Title: Updated: "),
    "template edited": lambda p: replace_in(p / "theme" / "templates" / "macros.html", "<dt>Pay</dt>", "<dt>Pay now</dt>"),
    "template options edited": lambda p: replace_in(p / "pelicanconf.py", '"lstrip_blocks": True', '"lstrip_blocks": False'),
    "schema edited": lambda p: replace_in(p / "schema" / "posting.schema.json", '"Who hosts the micro-internship."', '"Who hosts it."'),
    "plugin code edited": lambda p: replace_in(
        p / "plugins" / "stint" / "board" / "posting.py", '"Unpaid, travel costs covered"', '"Unpaid; travel costs covered"'
    ),
}


DAYS = {"next day": "2026-12-02", "build date": "2026-12-16"}  # the last-day posting closes, then the research one


@pytest.mark.parametrize("change", [*CHANGES, *DAYS])
def test_rebuild_with_cache_equals_clean_build(tmp_path: Path, change: str) -> None:
    project = copy_project(tmp_path / "project")
    build(project, tmp_path / "incremental", tmp_path / "cache")
    today = "2026-12-01"
    if change in DAYS:
        today = DAYS[change]
    else:
        CHANGES[change](project)
    build(project, tmp_path / "incremental", tmp_path / "cache", today)
    build(project, tmp_path / "clean", tmp_path / "fresh-cache", today)
    assert tree(tmp_path / "incremental") == tree(tmp_path / "clean")


def test_unchanged_pages_are_not_rewritten(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    output, cache = tmp_path / "output", tmp_path / "cache"
    build(project, output, cache)
    untouched = output / "internships" / "remote-paid-research" / "index.html"
    edited = output / "internships" / "hybrid-hourly-data" / "index.html"
    before = {path: (path.stat().st_ino, path.stat().st_mtime_ns) for path in (untouched, edited)}
    replace_in(project / "listings" / "hybrid-hourly-data.yaml", "six ocean buoys", "seven ocean buoys")
    build(project, output, cache)
    assert (untouched.stat().st_ino, untouched.stat().st_mtime_ns) == before[untouched], "same file, not written again"
    assert edited.stat().st_ino != before[edited][0] and "seven ocean buoys" in edited.read_text(encoding="utf-8")


def identities(output: Path) -> dict[str, int]:
    return {path.relative_to(output).as_posix(): path.stat().st_ino for path in output.rglob("*.html")}


def _is_article(page: str) -> bool:
    return page.startswith("guides/") and page.count("/") == 2


def test_a_description_edit_rewrites_only_its_posting_page(tmp_path: Path) -> None:
    """No listing, related card or /stats/ shows a description. Guide articles are left out:
    Pelican's own writer writes them on every build."""
    project = copy_project(tmp_path / "project")
    output, cache = tmp_path / "output", tmp_path / "cache"
    build(project, output, cache)
    before = identities(output)
    replace_in(project / "listings" / "hybrid-hourly-data.yaml", "six ocean buoys", "seven ocean buoys")
    build(project, output, cache)
    rewritten = {page for page, inode in identities(output).items() if before.get(page) != inode and not _is_article(page)}
    assert rewritten == {"internships/hybrid-hourly-data/index.html"}


def test_the_next_day_rewrites_only_the_pages_of_postings_that_closed(tmp_path: Path) -> None:
    """The page of a posting still open, and the guides, are the same files the next day."""
    project = copy_project(tmp_path / "project")
    output, cache = tmp_path / "output", tmp_path / "cache"
    build(project, output, cache, "2026-12-01")
    before = identities(output)
    showing = {page for page in before if 'data-slug="last-day-software"' in (output / page).read_text(encoding="utf-8")}
    build(project, output, cache, "2026-12-02")  # last-day-software has closed; nothing else changed
    rewritten = {page for page, inode in identities(output).items() if before.get(page) != inode}
    assert "internships/last-day-software/index.html" in rewritten
    assert "internships/remote-paid-research/index.html" in before and "guides/earning-academic-credit/index.html" in before
    # Cards print no days left: of the postings' and guides' own pages, only those that showed the
    # closed posting's card change (listing pages change too: their facet counts moved by one).
    own_pages = {page for page in before if page.count("/") == 2 and page.startswith(("internships/", "guides/"))}
    assert (rewritten & own_pages) - showing == {"internships/last-day-software/index.html", "internships/closed/index.html"}


def search_runs(cache: Path) -> set[str]:
    """The search shards kept in the cache, by key: a key not kept before is a Pagefind run."""
    return {path.name for path in (cache / "search").iterdir()}


SAMPLE_CHANGES: dict[str, tuple[str, Callable[[Path], None]]] = {
    # Harbourlight and bramblepath close in the same week.
    "postings closed": ("2026-12-16", lambda project: None),
    # Its card is a related posting on pages in other shards, outside what Pagefind reads.
    "title edited": ("2026-12-14", lambda p: replace_in(p / "listings" / "kestrel-api-docs-sprint.yaml", "title: ", "title: Revised ")),
}


@pytest.mark.parametrize("change", SAMPLE_CHANGES)
def test_a_change_reindexes_only_the_search_shard_it_touches(tmp_path: Path, change: str) -> None:
    """Shards follow the deadline's week, and a shard's key is what Pagefind reads of its
    pages: the daily build and a card's edit index one shard of postings, not every one (the
    sample postings: three shards, and the guides')."""
    project = copy_project(tmp_path / "project")
    shutil.rmtree(project / "listings")
    shutil.copytree(ROOT / "listings", project / "listings")
    output, cache = tmp_path / "output", tmp_path / "cache"
    sharded = {"settings": "pelicanconf.py", "project": project, "cache": cache, "STINT_SEARCH_SHARD": "5"}
    built(project / "listings", output, "2026-12-14", **sharded)
    before = search_runs(cache)
    today, edit = SAMPLE_CHANGES[change]
    edit(project)
    built(project / "listings", output, today, **sharded)
    assert len(json.loads((output / "pagefind" / "shards.json").read_text())["shards"]) == len(before) == 4
    indexed = [set(json.loads((cache / "search" / key / "fragment-urls.json").read_text()).values()) for key in search_runs(cache) - before]
    # One shard of postings, and the guides' own five pages, which list postings closing soon.
    assert sorted(all(url.startswith("/guides/") for url in urls) for urls in indexed) == [False, True]


def test_the_publish_build_corrects_the_last_site_in_place(tmp_path: Path) -> None:
    """CI restores the last site with the cache: unchanged pages keep their files."""
    project = copy_project(tmp_path / "project")
    output, cache = tmp_path / "output", tmp_path / "cache"
    build(project, output, cache, settings="publishconf.py")
    before = identities(output)
    replace_in(project / "listings" / "hybrid-hourly-data.yaml", "six ocean buoys", "seven ocean buoys")
    build(project, output, cache, settings="publishconf.py")
    after = identities(output)
    assert after["internships/remote-paid-research/index.html"] == before["internships/remote-paid-research/index.html"]
    assert after["internships/hybrid-hourly-data/index.html"] != before["internships/hybrid-hourly-data/index.html"]


def test_stray_files_in_the_old_output_do_not_survive_a_rebuild(tmp_path: Path) -> None:
    """The old output's big folders are reused in place: whatever else is in them goes."""
    project = copy_project(tmp_path / "project")
    output, cache = tmp_path / "output", tmp_path / "cache"
    build(project, output, cache)
    (output / "internships" / "stray").mkdir()
    (output / "internships" / "stray" / "index.html").write_text("left by hand", encoding="utf-8")
    (output / "internships" / "remote-paid-research" / "notes.txt").write_text("left by hand", encoding="utf-8")
    (output / "pagefind" / "0" / "extra.js").write_text("left by hand", encoding="utf-8")
    page = output / "internships" / "hybrid-hourly-data" / "index.html"
    page.unlink()
    build(project, output, cache)
    build(project, tmp_path / "clean", tmp_path / "fresh-cache")
    assert tree(output) == tree(tmp_path / "clean")


def test_a_rebuild_compiles_no_template(tmp_path: Path) -> None:
    """Compiled templates are kept in the cache: a second build loads them, writing none."""
    project = copy_project(tmp_path / "project")
    build(project, tmp_path / "output", tmp_path / "cache")
    compiled = {path: path.stat().st_mtime_ns for path in (tmp_path / "cache" / "templates").rglob("*.cache")}
    assert len(compiled) >= len(list((project / "theme" / "templates").glob("*.html")))
    CHANGES["posting edited"](project)
    build(project, tmp_path / "output", tmp_path / "cache")
    assert {path: path.stat().st_mtime_ns for path in (tmp_path / "cache" / "templates").rglob("*.cache")} == compiled


def test_a_cache_on_another_file_system_is_copied_from_not_linked(tmp_path: Path) -> None:
    """Hard links cannot cross file systems: a cache in /dev/shm and the site on disk still work."""
    memory = Path("/dev/shm")
    if not memory.is_dir() or memory.stat().st_dev == tmp_path.stat().st_dev:
        pytest.skip("no second file system here")
    project = copy_project(tmp_path / "project")
    with tempfile.TemporaryDirectory(dir=memory) as cache:
        build(project, tmp_path / "output", Path(cache))
        CHANGES["posting edited"](project)
        build(project, tmp_path / "output", Path(cache))
    build(project, tmp_path / "clean", tmp_path / "fresh-cache")
    # Pagefind numbers pages in the order the file system lists them, and tmpfs lists a
    # folder in another order than ext4: its bundles match in what they index, not in bytes.
    indexed = ("fragment-urls.json", "shards.json")
    site, clean = tree(tmp_path / "output"), tree(tmp_path / "clean")
    assert {k: v for k, v in site.items() if not k.startswith("pagefind/") or k.endswith(indexed)} == {
        k: v for k, v in clean.items() if not k.startswith("pagefind/") or k.endswith(indexed)
    }
