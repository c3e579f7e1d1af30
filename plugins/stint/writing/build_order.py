"""The order a build makes the board's files in, kept by one function so no caller can get it wrong.

Pagefind indexes the posting pages in the background while the other files are made. So
the posting pages are queued first and all made (flushed) before the index starts; each
later step's files are made before the next step begins; and the index is waited for
only once every file is made, so none is left queued.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from typing import Protocol

Step = Callable[[], None]  # queues files on the page writer


class Queue(Protocol):
    """What this order needs of the page writer."""

    def flush(self) -> None: ...


def make_files(
    pages: Queue, posting_pages: Step, search_index: Callable[[], AbstractContextManager[object]], later: Sequence[Step]
) -> None:
    """Make the posting pages, then every ``later`` step's files while ``search_index`` runs."""
    posting_pages()
    pages.flush()
    with search_index():
        for step in later:
            step()
            pages.flush()
