"""Writing a page: made once, in the staged site, and kept in the cache as that very file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from stint.writing.cache import BuildCache
from stint.writing.page_writer import PARALLEL_PAGES, PageWriter
from stint.writing.placing import Placement

PAGE = "internships/a/index.html"


def _writer(tmp_path: Path) -> tuple[PageWriter, BuildCache, Path]:
    staging = tmp_path / "staging"
    staging.mkdir()
    cache = BuildCache(tmp_path / "cache", "code")
    return PageWriter(cache, Placement(staging, None)), cache, staging


def _next_build(tmp_path: Path) -> BuildCache:
    """The cache as the next build finds it (a build lists the kept pages once)."""
    return BuildCache(tmp_path / "cache", "code")


def test_a_made_page_is_kept_in_the_cache_as_the_same_file(tmp_path: Path) -> None:
    pages, cache, staging = _writer(tmp_path)
    pages.write(PAGE, ["a"], lambda: "page a")
    pages.flush()
    kept = _next_build(tmp_path).page(cache.page_key(PAGE, "a"))
    assert kept is not None
    assert (staging / PAGE).read_text(encoding="utf-8") == "page a"
    assert os.stat(kept.path).st_ino == (staging / PAGE).stat().st_ino  # linked, not written twice


def test_a_page_whose_making_fails_leaves_nothing_to_reuse(tmp_path: Path) -> None:
    pages, cache, staging = _writer(tmp_path)

    def broken() -> str:
        raise RuntimeError("a template error")

    pages.write(PAGE, ["a"], broken)
    with pytest.raises(RuntimeError):
        pages.flush()
    assert not (staging / PAGE).exists()
    assert _next_build(tmp_path).page(cache.page_key(PAGE, "a")) is None


def test_a_page_is_never_written_into_a_file_the_cache_holds(tmp_path: Path) -> None:
    """A staged file may be the cache's own (a hard link): writing into it would change a
    page kept for other builds, so a page is only ever made as a new file."""
    pages, cache, _ = _writer(tmp_path)
    pages.write(PAGE, ["first"], lambda: "first text")
    pages.flush()
    pages.write(PAGE, ["second"], lambda: "second text")
    with pytest.raises(FileExistsError):
        pages.flush()
    kept = _next_build(tmp_path).page(cache.page_key(PAGE, "first"))
    assert kept is not None
    assert Path(kept.path).read_text(encoding="utf-8") == "first text"


def test_a_kept_page_pruned_by_another_build_meanwhile_is_made_again(tmp_path: Path) -> None:
    """Builds share the cache (make html, make publish): one may prune a page after another
    listed the cache, before it linked the page. The page is then made again; the build goes on."""
    pages, _, _ = _writer(tmp_path)
    pages.write(PAGE, ["a"], lambda: "page a")
    pages.flush()
    later = _next_build(tmp_path)
    kept = later.page(later.page_key(PAGE, "a"))  # the listing is made here
    assert kept is not None
    os.unlink(kept.path)  # the other build's prune
    staging = tmp_path / "staging-2"
    staging.mkdir()
    again = PageWriter(later, Placement(staging, None))
    again.write(PAGE, ["a"], lambda: "page a, made again")
    again.flush()
    assert (staging / PAGE).read_text(encoding="utf-8") == "page a, made again"
    assert _next_build(tmp_path).page(later.page_key(PAGE, "a")) is not None


def _makers(pages: PageWriter, folder: str) -> list[str]:
    """Queue more pages than make forking pay, each naming the process that made it; flush
    them, and say which processes did."""
    count = PARALLEL_PAGES + 10
    for number in range(count):
        pages.write(f"{folder}/{number}.txt", [folder, str(number)], lambda: str(os.getpid()))
    return [f"{folder}/{number}.txt" for number in range(count)]


def test_files_flushed_without_forking_are_all_made_in_this_process(tmp_path: Path) -> None:
    """The data files share this process's caches: they are made here however many there are,
    while as many pages are made by forked workers when the machine has cores to spare."""
    pages, _, staging = _writer(tmp_path)
    made_here = _makers(pages, "data")
    pages.flush(fork=False)
    assert {(staging / path).read_text(encoding="utf-8") for path in made_here} == {str(os.getpid())}
    forked = _makers(pages, "pages")
    pages.flush()
    makers = {(staging / path).read_text(encoding="utf-8") for path in forked}
    assert str(os.getpid()) not in makers if (os.cpu_count() or 1) > 1 else makers == {str(os.getpid())}
