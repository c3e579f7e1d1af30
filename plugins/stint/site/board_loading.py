"""Loading the board for a build: the postings checked (reusing earlier checks kept in the
build cache), turned into ``Posting`` values, and the problems the editor must see."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from stint.board.board import Board
from stint.board.posting import Posting
from stint.contract.loading import Document
from stint.contract.problems import Problem
from stint.contract.validation import check_paths, slug_of
from stint.writing.cache import BuildCache


class BoardInvalid(Exception):
    """The postings break the contract: the build stops before writing anything."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = list(problems)
        super().__init__(f"{len(self.problems)} problem(s) in the postings or guides (listed above); the site was not changed")


@dataclass(frozen=True)
class LoadedBoard:
    """The board a build shows, and what it tells the editor about the postings."""

    board: Board
    # The errors of postings a build that keeps going left out (and of stray files).
    left_out: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = ()  # for the editor: the build shows them and goes on


def load_board(folder: Path, today: dt.date, cache: BuildCache | None = None, code: str = "", keep_going: bool = False) -> LoadedBoard:
    """Check and load the postings; unchanged files reuse their earlier check from the cache.

    One broken posting fails the build (the editor's loop), unless ``keep_going``: then
    it is left out, its errors are kept in ``left_out``, and every other posting is
    published, so the daily build on main still closes expired postings."""
    checks_name = f"checks-{code[:16]}"  # checks made by other code or schema are never reused
    repeats_name = f"repeats-{code[:16]}"
    known = cache.load_value(checks_name) if cache else {}
    stats = cache.load_value("stats") if cache else {}
    repeats = cache.load_value(repeats_name) if cache else {}
    result = check_paths([folder], known=known, stats=stats, repeats=repeats)
    del known  # the earlier checks are in the result now, where they can be let go
    if cache:
        cache.save_value(checks_name, result.checks)
        cache.save_value("stats", stats)
        cache.save_value(repeats_name, repeats)
    if not result.ok and not keep_going:
        raise BoardInvalid(result.problems)
    digests = {name: content for name, content in result.checks}
    documents, errors, warnings = result.publishable(), tuple(result.errors), tuple(result.warnings)
    del result  # its table of checks holds every document too
    board = Board.as_of(today, _postings(documents, digests))
    if cache:
        _reuse_related(board, cache, code)
    return LoadedBoard(board, errors, warnings)


def _reuse_related(board: Board, cache: BuildCache, code: str) -> None:
    """Give the board the related postings of an earlier build by the same code whose open
    postings were alike in all that choosing them reads, or keep this choice for later
    builds (a title or description edit, the usual change, chooses nothing: choosing takes
    0.7 to 0.9 s at 10,000 postings on these machines, reusing 0.1 s)."""
    name, key = f"related-{code[:16]}", board.likeness_key
    chosen = cache.load_value(name).get(key)
    if chosen is None:
        chosen = board.related_slugs()
        cache.save_value(name, {key: chosen})
    board.reuse_related(chosen)


def _postings(documents: list[Document], digests: dict[str, str]) -> Iterator[Posting]:
    """The postings of the checked documents. Each document is let go as soon as it is a
    Posting: its parsed mapping is three times the Posting's size, and at 100,000 postings
    holding both was most of the build's peak memory. (``documents`` is emptied.)"""
    while documents:
        document = documents.pop()
        yield Posting.from_mapping(slug_of(document.file), document.data, document.file, digests[document.file])
