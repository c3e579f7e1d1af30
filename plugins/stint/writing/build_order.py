"""The order a build makes the board's files in, kept by one function so no caller can get it wrong.

Pagefind indexes the posting pages in the background while the other files are made. So
the posting pages are queued first and all made (flushed) before the index starts; each
later step's files are made before the next step begins; and the index is waited for
only once every file is made, so none is left queued.

The data files (feeds, calendars, card shards) are made in this process, never by forked
workers: they are a few hundred; they share what this process caches (a feed item's XML, a
posting's event, made once for every feed and calendar that lists it); and by then Pagefind
has the cores. Forked workers made them with nearly twice the CPU for the same wall time
(at 10,000 postings: 0.75 to 0.88 s of the workers' against 0.44 to 0.71 s here).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Protocol

Step = Callable[[], None]  # queues files on the page writer


class Queue(Protocol):
    """What this order needs of the page writer."""

    def flush(self, fork: bool = True) -> None: ...


def make_files(
    pages: Queue, posting_pages: Step, search_index: Callable[[], AbstractContextManager[object]], site_pages: Step, data_files: Step
) -> None:
    """Make the posting pages, then, while ``search_index`` runs, the other pages and the data files."""
    posting_pages()
    pages.flush()
    with search_index():
        site_pages()
        pages.flush()
        data_files()
        pages.flush(fork=False)
