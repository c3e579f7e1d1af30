"""Writing generated files: made anew only when their inputs changed since the last build.

Each file is queued with a key naming everything it shows; ``flush`` links the cached
ones (``placing``) and makes the rest, over all cores when there are many.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

from stint.writing.cache import BuildCache
from stint.writing.placing import Placement

# Below this many pages, forking workers costs more than it saves.
PARALLEL_PAGES = 300
Job = tuple[str, "str | None", "Callable[[], str]"]  # save_as, cache key, what makes the file's text
_SHARED: tuple[PageWriter, list[Job]] | None = None  # what forked workers inherit


class PageWriter:
    """Makes pages (and other generated files), or links them from the cache when the same
    inputs made them before.

    Files are queued and made together by ``flush``, over all cores when there are many:
    workers are forked, so they share the templates, context and board without pickling."""

    def __init__(self, cache: BuildCache, placement: Placement):
        self.cache, self.placement = cache, placement
        self.jobs: list[Job] = []
        self.keys: dict[str, str] = {}  # save_as -> the digest of everything the file shows

    def write(self, save_as: str, inputs: Sequence[str] | None, make: Callable[[], str]) -> None:
        """``inputs`` names everything the file shows beyond the global settings (None: make it
        every time). ``make`` is called only when the file must be made: a cached one costs a link."""
        key = self.cache.page_key(save_as, *inputs) if inputs is not None else None
        if key is not None:
            self.keys[save_as] = key
        self.jobs.append((save_as, key, make))

    def flush(self, fork: bool = True) -> None:
        """Render what the cache does not hold, over all cores when there is much (unless not
        to ``fork``); place every page."""
        global _SHARED
        jobs, self.jobs = self.jobs, []
        todo = [job for job in jobs if not self._place_cached(job)]
        workers = min(os.cpu_count() or 1, 4)
        if not fork or len(todo) < PARALLEL_PAGES or workers < 2:
            for job in todo:
                self.render(job)
            return
        _SHARED = (self, todo)
        try:
            with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("fork")) as pool:
                for used in pool.map(_render_share, range(workers), [workers] * workers):
                    self.cache.used |= used
        finally:
            _SHARED = None

    def _place_cached(self, job: Job) -> bool:
        save_as, key, _ = job
        kept = None if key is None else self.cache.page(key)
        if kept is None:
            return False
        try:
            self.placement.put(kept, save_as)
        except FileNotFoundError:  # pruned by another build (make html, make publish) since this one listed the cache
            self.cache.used.discard(key)
            return False
        return True

    def render(self, job: Job) -> None:
        """Write the file into the staged site, then keep a keyed one in the cache as a hard
        link: a new file costs this disk several times what a link does, so each page is made
        once, where it is published, not in the cache and linked from there."""
        save_as, key, make = job
        data = make().encode("utf-8")
        # A keyed file's inode becomes the cache's: one is only ever made new, never written into.
        with open(self.placement.staged(save_as), "wb" if key is None else "xb") as file:
            file.write(data)
        if key is not None:
            self.cache.keep_page(key, file.name)


def _render_share(index: int, workers: int) -> set[str]:
    """In a forked worker: render every ``workers``-th page, starting at ``index``. Only what
    this worker adds goes back: the parent already has what the worker inherited."""
    writer, jobs = _SHARED
    writer.cache.used = set()
    for job in jobs[index::workers]:
        writer.render(job)
    return writer.cache.used
