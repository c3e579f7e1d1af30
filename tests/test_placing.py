"""Correcting a folder in place: what is right stays (same inode), everything else is made right."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from stint.writing import placing
from stint.writing.cache import BuildCache
from stint.writing.placing import Kept, Placement, sync_folder


def _files(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): path.read_text(encoding="utf-8") if path.is_file() else "folder"
        for path in sorted(folder.rglob("*"))
    }


def _source(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def _old_output(tmp_path: Path, files: dict[str, str]) -> tuple[Path, Path, Path]:
    """The previous output holding ``files``, an empty staging folder and an empty cache."""
    previous, staging, cache = tmp_path / "output", tmp_path / "staging", tmp_path / "cache"
    for folder in (staging, cache):
        folder.mkdir(parents=True)
    for relative, text in files.items():
        (previous / relative).parent.mkdir(parents=True, exist_ok=True)
        (previous / relative).write_text(text, encoding="utf-8")
    return previous, staging, cache


def test_a_folder_is_made_to_hold_exactly_what_is_wanted(tmp_path: Path) -> None:
    cache, site, fresh = tmp_path / "cache", tmp_path / "site", tmp_path / "fresh"
    for folder in (cache, site, fresh):
        folder.mkdir()
    kept = _source(cache, "kept", "kept page")
    changed = _source(cache, "changed", "new page")
    (site / "a").mkdir()
    (site / "a" / "index.html").hardlink_to(kept)
    (site / "b").mkdir()
    (site / "b" / "index.html").write_text("old page", encoding="utf-8")
    (site / "gone" / "deep").mkdir(parents=True)
    (site / "gone" / "deep" / "index.html").write_text("removed posting", encoding="utf-8")
    (site / "was-a-folder" / "x").mkdir(parents=True)
    (site / "was-a-folder" / "x" / "index.html").write_text("a page in a folder that goes", encoding="utf-8")
    (site / "data.json").write_text("old data", encoding="utf-8")
    (site / "was-a-file").write_text("a file where a folder now goes", encoding="utf-8")
    before = (site / "a" / "index.html").stat().st_ino

    sync_folder(
        site,
        {
            "a/index.html": kept,
            "b/index.html": changed,
            "new/page/index.html": changed,
            "was-a-folder": kept,
            "was-a-file/index.html": kept,
            "data.json": kept,
        },
        {"data.json": _source(fresh, "data.json", "new data")},
    )

    assert _files(site) == {
        "a": "folder",
        "a/index.html": "kept page",
        "b": "folder",
        "b/index.html": "new page",
        "data.json": "new data",
        "new": "folder",
        "new/page": "folder",
        "new/page/index.html": "new page",
        "was-a-file": "folder",
        "was-a-file/index.html": "kept page",
        "was-a-folder": "kept page",
    }
    assert (site / "a" / "index.html").stat().st_ino == before, "a right file is left alone"
    assert (site / "b" / "index.html").stat().st_ino == Path(changed).stat().st_ino
    assert not (fresh / "data.json").exists(), "moved, not copied"


def test_an_empty_folder_can_be_filled_and_emptied(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    page = _source(tmp_path, "page", "a page")
    sync_folder(site, {"x/y/index.html": page})
    assert _files(site) == {"x": "folder", "x/y": "folder", "x/y/index.html": "a page"}
    sync_folder(site, {})
    assert _files(site) == {}


def test_a_kept_folder_shares_the_files_it_has_in_common_with_the_one_it_replaces(tmp_path: Path) -> None:
    cache = BuildCache(tmp_path / "cache", "fingerprint")
    for name, changed in (("first", "old fragment"), ("second", "new fragment")):
        bundle = tmp_path / name
        (bundle / "fragment").mkdir(parents=True)
        (bundle / "fragment" / "same.pf_fragment").write_text("unchanged fragment", encoding="utf-8")
        (bundle / "fragment" / "changed.pf_fragment").write_text(changed, encoding="utf-8")
        kept = cache.store_tree(f"search/{name}", bundle, like="search/first" if name == "second" else None)
    first, second = tmp_path / "cache" / "search" / "first", kept
    assert second is not None and _files(second) == {
        ".complete": "",
        "fragment": "folder",
        "fragment/changed.pf_fragment": "new fragment",
        "fragment/same.pf_fragment": "unchanged fragment",
    }
    assert (second / "fragment" / "same.pf_fragment").stat().st_ino == (first / "fragment" / "same.pf_fragment").stat().st_ino
    assert (second / "fragment" / "changed.pf_fragment").stat().st_ino != (first / "fragment" / "changed.pf_fragment").stat().st_ino


def test_publishing_cut_short_leaves_the_output_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A failure while the old output's folders are corrected (a full disk, Ctrl-C) must not
    take a folder away from the live site."""
    previous, staging, cache = _old_output(tmp_path, {"internships/a/index.html": "old page", "pagefind/0/entry.json": "old index"})
    placement = Placement(staging, previous)
    placement.put(_source(cache, "page", "new page"), "internships/a/index.html")
    placement.put(_source(cache, "entry", "new index"), "pagefind/0/entry.json")
    real_sync = placing.sync_folder

    def full_disk_at_pagefind(folder: Path, *arguments: object) -> None:
        if folder.name == "pagefind":
            raise OSError(28, "No space left on device")
        real_sync(folder, *arguments)

    monkeypatch.setattr(placing, "sync_folder", full_disk_at_pagefind)
    with pytest.raises(OSError):
        placement.publish()
    assert _files(previous) == {
        "internships": "folder",
        "internships/a": "folder",
        "internships/a/index.html": "new page",
        "pagefind": "folder",
        "pagefind/0": "folder",
        "pagefind/0/entry.json": "old index",
    }


def test_a_file_the_cache_listed_is_told_by_its_listed_inode(tmp_path: Path) -> None:
    """The cache lists its pages with their inodes (``placing.Kept``): a file of the output
    that is already a link of one is told from that, without a stat of the source (28,000 in
    a warm build at 10,000 postings). So a source listed and gone since costs nothing here;
    a file that is not the listed one is replaced."""
    site = tmp_path / "site"
    site.mkdir()
    page = _source(tmp_path, "page", "a page")
    (site / "linked.html").hardlink_to(page)
    (site / "stale.html").write_text("an old page", encoding="utf-8")
    status = os.stat(page)
    gone = Kept(str(tmp_path / "listed-then-pruned"), status.st_ino, status.st_dev)
    listed = Kept(page, status.st_ino, status.st_dev)
    sync_folder(site, {"linked.html": gone.path, "stale.html": page}, known={gone.path: gone, page: listed})
    assert _files(site) == {"linked.html": "a page", "stale.html": "a page"}
    assert (site / "stale.html").stat().st_ino == status.st_ino


def _write(path: str, text: str) -> None:
    with open(path, "w", encoding="utf-8") as file:
        file.write(text)


def test_files_made_under_a_carried_folder_wait_in_one_folder_and_are_moved_into_place(tmp_path: Path) -> None:
    """A daily build makes a few pages in each of hundreds of folders the old output has:
    it makes none of those folders in the staged site, and publish puts every page where it goes."""
    previous, staging, cache = _old_output(tmp_path, {"internships/a/index.html": "old page", "internships/gone/index.html": "stale"})
    placement = Placement(staging, previous)
    placement.put(_source(cache, "kept", "kept page"), "internships/kept/index.html")
    _write(placement.staged("internships/a/index.html"), "changed page")
    _write(placement.staged("internships/new posting/deadline.ics"), "a new folder's file")
    _write(placement.staged("feeds/internships.ics"), "not carried")
    assert sorted(os.listdir(staging)) == [placing.MADE, "feeds"]  # no folder made under internships/
    assert Path(placement.where("internships/a/index.html")).read_text(encoding="utf-8") == "changed page"
    placement.publish()
    assert _files(staging) == {
        "feeds": "folder",
        "feeds/internships.ics": "not carried",
        "internships": "folder",
        "internships/a": "folder",
        "internships/a/index.html": "changed page",
        "internships/kept": "folder",
        "internships/kept/index.html": "kept page",
        "internships/new posting": "folder",
        "internships/new posting/deadline.ics": "a new folder's file",
    }


def test_a_carried_folder_with_nothing_kept_is_made_of_the_files_made(tmp_path: Path) -> None:
    """After a change of code every page is made anew: nothing is linked from the cache, and
    the made files alone make the folder (the old one goes with the old output)."""
    previous, staging, _ = _old_output(tmp_path, {"internships/old/index.html": "old"})
    placement = Placement(staging, previous)
    _write(placement.staged("internships/index.html"), "listing")
    _write(placement.staged("internships/b/index.html"), "posting")
    placement.publish()
    assert _files(staging / "internships") == {"index.html": "listing", "b": "folder", "b/index.html": "posting"}
    assert not (staging / placing.MADE).exists()


def test_a_made_file_whose_path_is_too_long_for_one_name_waits_in_the_staged_site(tmp_path: Path) -> None:
    """A posting's slug may be as long as a file name: its path, quoted into one name, would be too long."""
    previous, staging, cache = _old_output(tmp_path, {"internships/a/index.html": "old page"})
    placement = Placement(staging, previous)
    placement.put(_source(cache, "kept", "kept page"), "internships/a/index.html")
    long = f"internships/{'s' * 240}/deadline.ics"
    _write(placement.staged(long), "a long slug's calendar")
    placement.publish()
    assert (staging / long).read_text(encoding="utf-8") == "a long slug's calendar"
    assert (staging / "internships" / "a" / "index.html").read_text(encoding="utf-8") == "kept page"
