"""The build cache: what a rebuild can reuse, keyed by content.

Kept between builds, in ``STINT_CACHE`` (default ``.stint-cache/``):

- ``values/``: tables such as every posting file's check (keyed by its bytes and name,
  under a key of the code and schema that checked it), file stats and index.json records;
- ``pages/``: every generated file (pages, card shards), named by the hash of all its
  inputs. One whose inputs did not change is hard-linked into the new output
  (``placing``) instead of being made and written again, so unchanged output files keep
  their inode and modification time;
- ``search/``: each search shard's Pagefind bundle, and ``search-sites/``: the folder of
  pages each shard was indexed from.

Anything global (plugin code, theme, schema, settings; not the build date) is part of
every key, so changing it invalidates what it must. After a successful build, cache
entries the build did not use are removed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pickle
import shutil
import zlib
from collections.abc import Iterator
from functools import cached_property
from pathlib import Path
from typing import Any

from stint.writing.placing import LINK_REFUSED, Kept

_VERSION = b"stint-cache-2"
VALUE_BUCKETS = 32


def digest(*parts: str) -> str:
    """One hash of the parts. Their repr keeps the boundaries (no two lists of strings
    print alike), and hashing it in one call is what 13,000 page keys a build can afford."""
    return hashlib.sha256(_VERSION + repr(parts).encode("utf-8")).hexdigest()


def tree_digest(*folders: Path) -> str:
    """Every file's path and bytes under the folders: code, schema, theme."""
    parts: list[str] = []
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                parts += [path.relative_to(folder).as_posix(), hashlib.sha256(path.read_bytes()).hexdigest()]
    return digest(*parts)


def settings_digest(settings: dict[str, Any]) -> str:
    """Settings that can change a page; paths (output folder, cache) cannot."""
    plain = (str, int, float, bool, type(None), list, tuple, dict)
    relevant = {key: value for key, value in settings.items() if key.isupper() and "PATH" not in key and isinstance(value, plain)}
    relevant.pop("STINT_CACHE", None)
    relevant.pop("STINT_TODAY", None)  # the date changes a page only through what it shows: its inputs say so
    return digest(json.dumps(relevant, sort_keys=True, default=str))


class BuildCache:
    """Validation results and rendered pages from earlier builds. ``root=None`` disables it."""

    def __init__(self, root: Path | None, fingerprint: str):
        self.root = root
        self.fingerprint = fingerprint
        self.used: set[str] = set()
        self.used_trees: set[str] = set()
        self.used_values: set[str] = set()
        self._buckets: dict[str, dict[int, dict[Any, Any]]] = {}  # as loaded or last saved
        self._folders: set[str] = set()

    # ---- tables kept between builds (checked postings, file stats, records) ----
    # Each table is kept in buckets by a stable hash of the entry's key, and only buckets
    # that changed are written again: one edited posting rewrites 1/32 of a table.
    def load_value(self, name: str) -> dict[Any, Any]:
        self.used_values.add(name)
        buckets = self._buckets.setdefault(name, {})
        folder = self._value_folder(name)
        for path in sorted(folder.glob("*.pickle")) if folder is not None and folder.is_dir() else []:
            try:
                buckets[int(path.stem)] = pickle.loads(path.read_bytes())
            except (OSError, ValueError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
                path.unlink(missing_ok=True)  # a damaged bucket costs its entries' work again, never a wrong answer
        return {key: value for bucket in buckets.values() for key, value in bucket.items()}

    def save_value(self, name: str, value: dict[Any, Any]) -> None:
        folder = self._value_folder(name)
        if folder is None:
            return
        self.used_values.add(name)
        buckets: dict[int, dict[Any, Any]] = {number: {} for number in range(VALUE_BUCKETS)}
        for key, entry in value.items():
            buckets[zlib.crc32(repr(key).encode("utf-8", "surrogatepass")) % VALUE_BUCKETS][key] = entry
        # What was loaded is compared once, then let go: a table of 100,000 checked postings
        # held here for the rest of the build was half of its peak memory. (A second save
        # of the same table in one build rewrites every bucket: correct, and never done.)
        kept = self._buckets.pop(name, {})
        for number, bucket in buckets.items():
            if bucket != kept.get(number, {}):  # unchanged entries are the very objects loaded: cheap to compare
                self._atomic_write(folder / f"{number}.pickle", pickle.dumps(bucket, protocol=pickle.HIGHEST_PROTOCOL))

    def _value_folder(self, name: str) -> Path | None:
        return None if self.root is None else self.root / "values" / name

    # ---- pages ---------------------------------------------------------------
    def page_key(self, save_as: str, *inputs: str) -> str:
        """A hash of the fingerprint and the page's inputs, their repr keeping the boundaries (as in ``digest``)."""
        key = self._pages_hash.copy()
        key.update(repr((save_as, *inputs)).encode("utf-8"))
        return key.hexdigest()

    @cached_property
    def _pages_hash(self) -> Any:
        """The fingerprint hashed once, for each page key to continue: a build makes some 25,000
        keys at 10,000 postings, at 0.7 µs each this way and 2.7 µs hashing it again in each."""
        return hashlib.sha256(_VERSION + self.fingerprint.encode("utf-8") + b"\0")

    def page(self, key: str) -> Kept | None:
        """The file of the page rendered under ``key`` by an earlier build, if it was kept when
        this build first looked (a page this build makes is not looked up again)."""
        entries, device = self._kept_pages
        entry = entries.get(key)
        if entry is None:
            return None
        self.used.add(key)
        return Kept(entry.path, entry.inode(), device)

    @cached_property
    def _kept_pages(self) -> tuple[dict[str, os.DirEntry[str]], int]:
        """Every page kept before this build, by key (its directory entry tells its inode),
        and their device: listed once, where a stat of each page looked up (26,000 in a
        warm build at 10,000 postings) cost several times more."""
        pages = None if self.root is None else self.root / "pages"
        if pages is None or not pages.is_dir():
            return {}, 0
        return {entry.name: entry for entry in _entries_in(pages)}, pages.stat().st_dev

    def keep_page(self, key: str, made: str) -> None:
        """Keep the file ``made``, just written whole, as the page rendered under ``key``: a
        hard link, made only once the file is whole, so the cache never holds half a page."""
        source = self._page_path(key)
        if source is None:
            return
        self._folder(os.path.dirname(source))
        try:
            os.link(made, source)
        except FileExistsError:
            pass  # kept by a build that ran at the same time: the same key, the same bytes
        except OSError as error:
            if error.errno not in LINK_REFUSED:
                raise
            with open(made, "rb") as file:  # the cache is on another file system, or takes no links
                self._atomic_write(Path(source), file.read())
        self.used.add(key)

    # ---- whole folders (search index shards) ----------------------------------
    def tree(self, name: str) -> Path | None:
        """A folder kept earlier under ``name``, if it is kept whole."""
        source = None if self.root is None else self.root / name
        if source is None or not (source / ".complete").exists():
            return None
        self.used_trees.add(name)
        return source

    def store_tree(self, name: str, folder: Path, like: str | None = None) -> Path | None:
        """Keep a copy of ``folder`` under ``name``; None when the cache is off. Files the
        same, byte for byte, as the same-named file in the folder kept as ``like`` become
        hard links to it: a search shard re-indexed for one changed page shares 999 of its
        1,000 fragments with the shard it replaces, and new files are what this disk is slow at."""
        if self.root is None:
            return None
        source = self.root / name
        shutil.rmtree(source, ignore_errors=True)
        earlier = self.root / like if like is not None else None
        if earlier is not None and earlier.is_dir():
            _copy_sharing(folder, source, earlier)
        else:
            source.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(folder), str(source))
        (source / ".complete").touch()  # only a finished folder is ever reused
        return self.tree(name)

    def workspace(self, name: str, fallback: Path) -> Path:
        """A folder kept between builds for work that is cheaper to correct than to redo
        (under ``fallback`` when the cache is off)."""
        folder = fallback / name if self.root is None else self.root / name
        folder.mkdir(parents=True, exist_ok=True)
        self.used_trees.add(name)
        return folder

    def prune(self) -> None:
        """Forget pages and folders this build did not use (call only after a successful build)."""
        if self.root is None:
            return
        for key, entry in self._kept_pages[0].items():  # the pages this build made are all used
            if key not in self.used:
                with contextlib.suppress(FileNotFoundError):  # pruned by a build that ran at the same time
                    os.unlink(entry.path)
        values = self.root / "values"
        for path in values.iterdir() if values.exists() else []:
            if path.name not in self.used_values:
                shutil.rmtree(path, ignore_errors=True)
        for group in ("search", "search-sites"):
            folder = self.root / group
            for path in folder.iterdir() if folder.exists() else []:
                if f"{group}/{path.name}" not in self.used_trees:
                    shutil.rmtree(path, ignore_errors=True)

    def _page_path(self, key: str) -> str | None:
        return None if self.root is None else f"{self.root}/pages/{key[:2]}/{key}"

    def _folder(self, folder: str) -> None:
        if folder not in self._folders:
            os.makedirs(folder, exist_ok=True)
            self._folders.add(folder)

    def _atomic_write(self, path: Path, data: bytes) -> None:
        """Write beside, then rename: a build killed mid-write never leaves half a page to reuse."""
        self._folder(str(path.parent))
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temporary.write_bytes(data)
        os.replace(temporary, path)


def _copy_sharing(folder: Path, target: Path, earlier: Path) -> None:
    """Copy ``folder`` to ``target``, linking the files that ``earlier`` already holds, the same."""
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            relative = path.relative_to(folder)
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            twin = earlier / relative
            if twin.is_file() and twin.stat().st_size == path.stat().st_size and twin.read_bytes() == path.read_bytes():
                os.link(twin, target / relative)
            else:
                shutil.copyfile(path, target / relative)


def _entries_in(pages: Path) -> Iterator[os.DirEntry[str]]:
    """Every kept page: os.scandir, not Path.glob, as this lists some 20,000 files every
    build (0.1 s with a Path made for each)."""
    for bucket in os.scandir(pages):
        if bucket.is_dir(follow_symlinks=False):
            yield from os.scandir(bucket.path)
