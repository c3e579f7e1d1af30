"""The data the listing page's filters run on, shaped for 10,000 postings.

``internships/filter.json`` is loaded with the page: for every facet value a bitset over
the open postings (in newest-first order), plus the sort keys, so filtering and
counting happen in well under a millisecond. It also carries the page size
(``STINT_PER_PAGE``), so the filtered view shows as many cards at a time as a page of the
list. The cards of the postings a reader actually sees come from small shards,
``internships/cards/<n>.json``, fetched on demand: 10,000 open postings never mean 10,000
cards in one download.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from stint.board.board import Board
from stint.board.facets import FACETS
from stint.board.posting import Posting
from stint.outputs.cards import Cards
from stint.writing.page_writer import PageWriter

SHARD_SIZE = 50
EPOCH = dt.date(2000, 1, 1).toordinal()
VERSION = 1


def bitsets(postings: Sequence[Posting]) -> dict[tuple[str, str], str]:
    """For every facet value, bit i set when posting i belongs: little-endian 32-bit words, base64."""
    size = ((len(postings) + 31) // 32) * 4
    sets = {(facet.name, value.slug): bytearray(size) for facet in FACETS for value in facet.values}
    for index, posting in enumerate(postings):
        for name, slugs in posting.facets.items():
            for slug in slugs:
                sets[(name, slug)][index >> 3] |= 1 << (index & 7)
    return {key: base64.b64encode(bytes(data)).decode("ascii") for key, data in sets.items()}


def filter_index(board: Board, per_page: int) -> dict[str, Any]:
    postings = board.open
    bits = bitsets(postings)
    return {
        "version": VERSION,
        "count": len(postings),
        "per_page": per_page,
        "shard_size": SHARD_SIZE,
        "facets": [
            {
                "name": facet.name,
                "label": facet.question,
                "values": [{"slug": value.slug, "label": value.label, "bits": bits[(facet.name, value.slug)]} for value in facet.values],
            }
            for facet in FACETS
        ],
        # Sort keys, one number per posting: the deadline (days since 2000-01-01), US cents an
        # hour (-1 unpaid or unknown), shortest duration in weeks.
        "deadline": [posting.apply_by.toordinal() - EPOCH for posting in postings],
        "pay": [_pay_key(posting) for posting in postings],
        "weeks": [posting.weeks[0] * 100 + posting.weeks[1] for posting in postings],
    }


def _pay_key(posting: Posting) -> int:
    cents = posting.hourly_usd_cents
    return cents if cents is not None else -1


def write_browse_data(output: str, board: Board, files: PageWriter, cards: Cards, per_page: int) -> None:
    """filter.json now; the card shards are queued on ``files``, which reuses unchanged ones.
    A shard holds its postings' cards as the server draws them for the listing (h2 titles)."""
    folder = Path(output) / "internships"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "filter.json").write_text(json.dumps(filter_index(board, per_page), separators=(",", ":")), encoding="utf-8")
    for start in range(0, max(len(board.open), 1), SHARD_SIZE):
        postings = board.open[start : start + SHARD_SIZE]
        files.write(f"internships/cards/{start // SHARD_SIZE}.json", [cards.key(posting) for posting in postings], _shard(postings, cards))


def _shard(postings: Sequence[Posting], cards: Cards) -> Callable[[], str]:
    html = [str(cards.html(posting, "h2")) for posting in postings]  # drawn now, in this process: workers keep nothing
    return lambda: json.dumps(html, ensure_ascii=False, separators=(",", ":"))
