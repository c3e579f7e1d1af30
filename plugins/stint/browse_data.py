"""The data the listing page's filters run on, shaped for 10,000 postings.

``internships/filter.json`` is loaded with the page: for every facet value a bitset over
the open postings (in newest-first order), plus the sort keys, so filtering and
counting happen in well under a millisecond. The cards of the postings a reader
actually sees come from small shards, ``internships/cards/<n>.json``, fetched on demand:
10,000 open postings never mean 10,000 cards in one download.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from stint.board import Board
from stint.exchange import usd_cents
from stint.facets import FACETS
from stint.page_writer import PageWriter
from stint.posting import Posting

SHARD_SIZE = 50
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


def filter_index(board: Board) -> dict[str, Any]:
    postings = board.open
    epoch = board.today.toordinal()
    bits = bitsets(postings)
    return {
        "version": VERSION,
        "today": board.today.isoformat(),
        "count": len(postings),
        "shard_size": SHARD_SIZE,
        "facets": [
            {
                "name": facet.name,
                "label": facet.question,
                "values": [{"slug": value.slug, "label": value.label, "bits": bits[(facet.name, value.slug)]} for value in facet.values],
            }
            for facet in FACETS
        ],
        # Sort keys, one number per posting: days until the deadline, US cents an hour
        # (-1 unpaid or unknown), shortest duration in weeks.
        "deadline": [posting.apply_by.toordinal() - epoch for posting in postings],
        "pay": [_pay_key(posting) for posting in postings],
        "weeks": [posting.weeks[0] * 100 + posting.weeks[1] for posting in postings],
    }


def _pay_key(posting: Posting) -> int:
    cents = usd_cents(posting.hourly_pay, posting.pay.currency)
    return cents if cents is not None else -1


def card(posting: Posting, today_ordinal: int) -> list[Any]:
    """What a card shows, in the order board.js reads it."""
    return [
        posting.slug,
        posting.title,
        posting.organization,
        posting.host,
        posting.summary,
        posting.pay.text(),
        posting.hourly_pay_text or "",
        f"{posting.duration_text}, {posting.hours_text}",
        posting.location.text(),
        posting.apply_by.isoformat(),
        posting.apply_by.strftime("%-d %b %Y"),
        posting.apply_by.toordinal() - today_ordinal,
        posting.is_on_campus,
    ]


def write_browse_data(output: str, board: Board, files: PageWriter) -> None:
    """filter.json now; the card shards are queued on ``files``, which reuses unchanged ones."""
    folder = Path(output) / "internships"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "filter.json").write_text(json.dumps(filter_index(board), separators=(",", ":")), encoding="utf-8")
    for start in range(0, max(len(board.open), 1), SHARD_SIZE):
        postings = board.open[start : start + SHARD_SIZE]
        files.write(
            f"internships/cards/{start // SHARD_SIZE}.json", [posting.identity for posting in postings], _shard(postings, board.today)
        )


def _shard(postings: Sequence[Posting], today: dt.date) -> Callable[[], str]:
    return lambda: json.dumps([card(posting, today.toordinal()) for posting in postings], ensure_ascii=False, separators=(",", ":"))
