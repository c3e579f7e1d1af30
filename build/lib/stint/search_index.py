"""Full-text search with Pagefind, run over the finished site before it is published.

Pagefind indexes open posting pages and guides (the pages marked ``data-pagefind-body``).
No Pagefind filters are used: in 1.5.2 they make its output differ from run to run, and
a build must be reproducible byte for byte. Postings and guides are told apart by
``internships/search-ids.json``, which maps each posting's fragment id to its place in
``filter.json``: a word query then combines with the filters without the page
downloading the fragments of postings it does not show.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

from stint.board import Board

FRAGMENT_MAGIC = b"pagefind_dcd"
# Only these pages carry data-pagefind-body; the glob spares Pagefind from parsing
# thousands of facet and listing pages it would skip anyway.
INDEXED = "{internships,guides}/*/index.html"


class SearchIndexFailed(Exception):
    pass


class SearchIndex:
    """Runs Pagefind over the written pages in the background for the ``with`` block."""

    def __init__(self, output: Path, board: Board):
        self.output, self.board = output, board

    def __enter__(self) -> SearchIndex:
        command = [sys.executable, "-m", "pagefind", "--site", str(self.output), "--glob", INDEXED, "--force-language", "en", "--silent"]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        return self

    def __exit__(self, *failure: object) -> None:
        out, err = self.process.communicate(timeout=600)
        if failure[0] is None and self.process.returncode != 0:
            raise SearchIndexFailed(f"Pagefind failed: {err.strip() or out.strip()}")
        if failure[0] is None:
            write_id_map(self.output, self.board)


def write_id_map(output: Path, board: Board) -> None:
    position = {f"/{posting.url}": index for index, posting in enumerate(board.open)}
    ids = {}
    for fragment in sorted((output / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        url = json.loads(data[len(FRAGMENT_MAGIC) :] if data.startswith(FRAGMENT_MAGIC) else data)["url"]
        if url in position:
            ids[fragment.stem] = position[url]
    (output / "internships" / "search-ids.json").write_text(json.dumps(ids, separators=(",", ":")), encoding="utf-8")
