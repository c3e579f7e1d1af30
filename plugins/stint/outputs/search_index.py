"""Full-text search with Pagefind, run over the finished pages before the site is published.

Pagefind 1.5.2 cannot update an index, and indexing 10,000 pages takes seconds. So the open
postings are split into about one shard per ``STINT_SEARCH_SHARD`` postings (a thousand,
settings.py), each indexed into its own bundle, ``pagefind/<n>/``, and kept in the build
cache under a digest of its pages: a rebuild re-indexes only the shards whose pages changed.
A posting's shard is the week of its deadline, and a shard's key is what Pagefind reads of
its pages (for a posting page, the posting alone: related cards are outside the indexed
article). So the daily build, whose change is the postings that expired, re-indexes one
shard, not every one, and an added or edited posting re-indexes its own. The guides have a
small shard of their own, after the postings': their pages list postings closing soon, so
their files change with the board. The listing page loads the first shard that
``pagefind/shards.json`` names and merges the others (Pagefind's ``mergeIndex``).

No Pagefind filters are used: in 1.5.2 they make its output differ from run to run, and a
build must be reproducible byte for byte. Postings and guides are told apart by
``internships/search-ids.json``, which maps each posting's fragment id to its place in
``filter.json``, so a word query combines with the filters without downloading fragments.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import math
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pagefind_bin

from stint.board.board import Board
from stint.writing.cache import BuildCache, digest
from stint.writing.placing import Placement, sync_folder

FRAGMENT_MAGIC = b"pagefind_dcd"
MAX_SHARDS = 16
INDEXED = "{internships,guides}/*/index.html"  # the pages that carry data-pagefind-body
PARALLEL = 2  # Pagefind itself uses more than one thread; two at a time keep 2 cores busy
SHARED_MEMORY = "/dev/shm"


class SearchIndexFailed(Exception):
    pass


def shard_count(postings: int, per_shard: int) -> int:
    return max(1, min(MAX_SHARDS, math.ceil(postings / per_shard)))


def shard_of(deadline: dt.date, shards: int) -> int:
    """The deadline's week, round the shards: the postings that close on one day share a shard."""
    return deadline.toordinal() // 7 % shards


class SearchIndex:
    """Indexes the written pages in the background for the ``with`` block; reuses unchanged shards."""

    def __init__(
        self,
        output: Path,
        board: Board,
        cache: BuildCache,
        placement: Placement,
        per_shard: int,
        keys: dict[str, str] | None = None,
    ):
        self.output, self.board, self.cache, self.placement = output, board, cache, placement
        self.keys = keys or {}  # a key naming what Pagefind reads of a page: such a page need not be read
        self.shards = shard_count(len(board.open), per_shard)

    def __enter__(self) -> SearchIndex:
        _sweep_leftovers(self.output.parent, ".search-")
        self.scratch = Path(tempfile.mkdtemp(prefix=f".search-{os.getpid()}-", dir=self.output.parent))
        # Pagefind writes its bundles to memory where it can: the cache then keeps only
        # what changed as new files (``BuildCache.store_tree``).
        self.bundles = self.scratch
        if _roomy(SHARED_MEMORY):
            _sweep_leftovers(Path(SHARED_MEMORY), "stint-search-")
            self.bundles = Path(tempfile.mkdtemp(prefix=f"stint-search-{os.getpid()}-", dir=SHARED_MEMORY))
        self.running: list[tuple[subprocess.Popen[str], int, str]] = []
        try:
            self._begin()
        except BaseException:
            self._stop()
            raise
        return self

    def _begin(self) -> None:
        self.earlier: dict[int, str] = self.cache.load_value("search-shards")  # shard -> its key in the last build
        self.plan = [(number, key, pages) for number, key, pages in self._plan() if pages]  # Pagefind refuses an empty site
        # Each shard's folder of pages, as links, kept from build to build (even while the
        # shard is reused): making a thousand folders anew costs more than Pagefind's own run.
        self.sites = {number: self.cache.workspace(f"search-sites/{number}", self.scratch) for number, _, _ in self.plan}
        self.indexed = [number for number, _, _ in self.plan]
        todo = [(number, key, pages) for number, key, pages in self.plan if not self._reuse(number, key)]
        # Largest first: deadline weeks make shards of unequal size, and the build waits for the last one.
        todo.sort(key=lambda job: len(job[2]), reverse=True)
        self.waiting = todo[PARALLEL:]
        for job in todo[:PARALLEL]:
            self.running.append(self._start(*job))

    def __exit__(self, *failure: object) -> None:
        if failure[0] is not None:  # the build failed: keep nothing half-made
            self._stop()
            return
        try:
            while self.running:
                process, number, key = self.running.pop(0)
                _, err = process.communicate(timeout=600)
                if process.returncode != 0:
                    raise SearchIndexFailed(f"Pagefind failed on search shard {number}: {err.strip()}")
                self._keep(number, key)
                if self.waiting:
                    self.running.append(self._start(*self.waiting.pop(0)))
        finally:
            self._stop()
        self.cache.save_value("search-shards", {number: key for number, key, _ in self.plan})
        (self.output / "pagefind").mkdir(exist_ok=True)
        (self.output / "pagefind" / "shards.json").write_text(json.dumps({"shards": self.indexed}), encoding="utf-8")
        listings = [Path(self.placement.where(f"pagefind/{number}/fragment-urls.json")) for number in self.indexed]
        write_id_map(self.output, self.board, listings)

    def _stop(self) -> None:
        """Stop any Pagefind still running and remove the scratch folders."""
        for process, _, _ in self.running:
            process.kill()
            process.communicate()
        self.running = []
        shutil.rmtree(self.scratch, ignore_errors=True)
        shutil.rmtree(self.bundles, ignore_errors=True)

    def _plan(self) -> list[tuple[int, str, list[str]]]:
        """Each shard's pages (paths in the output), and a key naming exactly what they contain."""
        pages: list[list[str]] = [[] for _ in range(self.shards + 1)]
        for posting in self.board.open:
            pages[shard_of(posting.apply_by, self.shards)].append(f"{posting.url}index.html")
        pages[self.shards] += sorted(path.relative_to(self.output).as_posix() for path in self.output.glob("guides/*/index.html"))
        plan = []
        for number, shard in enumerate(pages):
            shard.sort()
            parts = [str(number)]
            for name in shard:
                parts += [name, self.keys.get(name) or hashlib.sha256((self.output / name).read_bytes()).hexdigest()]
            plan.append((number, digest(*parts), shard))
        return plan

    def _reuse(self, number: int, key: str) -> bool:
        kept = self.cache.tree(f"search/{key}")
        if kept is not None:
            self._place(kept, number)
        return kept is not None

    def _start(self, number: int, key: str, pages: list[str]) -> tuple[subprocess.Popen[str], int, str]:
        site = self.sites[number]
        sync_folder(site, {page: self.placement.where(page) for page in pages}, known=self.placement.known)
        bundle = self.bundles / f"bundle-{number}"
        command = [
            str(pagefind_bin.get_executable()),  # not `python -m pagefind`: one interpreter start less per shard
            "--site",
            str(site),
            "--output-path",
            str(bundle),
            "--force-language",
            "en",
            "--silent",
        ]
        return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True), number, key

    def _keep(self, number: int, key: str) -> None:
        bundle = self.bundles / f"bundle-{number}"
        (bundle / "fragment-urls.json").write_text(json.dumps(fragment_urls(bundle), sort_keys=True), encoding="utf-8")
        earlier = self.earlier.get(number)
        kept = self.cache.store_tree(f"search/{key}", bundle, like=f"search/{earlier}" if earlier else None)
        if kept is None:  # no cache: the bundle itself is the output
            shutil.copytree(bundle, self.output / "pagefind" / str(number))
        else:
            self._place(kept, number)
        shutil.rmtree(bundle, ignore_errors=True)  # memory is scarcer than disk

    def _place(self, kept: Path, number: int) -> None:
        for folder, _, files in os.walk(kept):
            inside = os.path.relpath(folder, kept)
            prefix = f"pagefind/{number}/" if inside == "." else f"pagefind/{number}/{Path(inside).as_posix()}/"
            for name in files:
                if name != ".complete":
                    self.placement.put(os.path.join(folder, name), prefix + name)


def _sweep_leftovers(folder: Path, prefix: str) -> None:
    """Remove scratch folders left by builds that were killed (their process is gone)."""
    for path in folder.glob(f"{prefix}*-*"):
        pid = path.name.removeprefix(prefix).partition("-")[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def _roomy(folder: str, needed: int = 256 * 2**20) -> bool:
    """A writable folder with room for a few bundles (a container's /dev/shm may have 64 MB)."""
    try:
        status = os.statvfs(folder)
    except OSError:
        return False
    return os.access(folder, os.W_OK) and status.f_bavail * status.f_frsize >= needed


def fragment_urls(bundle: Path) -> dict[str, str]:
    """Each fragment id of a Pagefind bundle and the page it stands for (kept with the bundle)."""
    urls = {}
    for fragment in sorted(bundle.glob("fragment/*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        urls[fragment.stem] = json.loads(data[len(FRAGMENT_MAGIC) :] if data.startswith(FRAGMENT_MAGIC) else data)["url"]
    return urls


def write_id_map(output: Path, board: Board, listings: list[Path]) -> None:
    """``listings``: each indexed shard's fragment-urls.json."""
    position = {f"/{posting.url}": index for index, posting in enumerate(board.open)}
    ids = {}
    for listing in listings:
        for fragment, url in json.loads(listing.read_text(encoding="utf-8")).items():
            if url in position:
                ids[fragment] = position[url]
    (output / "internships" / "search-ids.json").write_text(json.dumps(ids, sort_keys=True, separators=(",", ":")), encoding="utf-8")
