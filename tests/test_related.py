"""Related postings: chosen by likeness, with a bounded fan-out, so one edit touches tens of pages."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from bench.generate import write_postings
from stint.board.board import MAX_RELATED_PAGES, RELATED, Board
from stint.board.posting import Posting
from stint.site.board_loading import load_board

TODAY = dt.date(2026, 11, 29)


@pytest.fixture(scope="module")
def board(tmp_path_factory: pytest.TempPathFactory) -> Board:
    folder = tmp_path_factory.mktemp("related")
    write_postings(folder, 3000, TODAY)
    return load_board(folder, TODAY).board


def test_no_posting_appears_on_more_than_the_stated_number_of_pages(board: Board) -> None:
    appearances = Counter(other.slug for posting in board.open for other in board.related(posting))
    assert max(appearances.values()) <= MAX_RELATED_PAGES == 24
    assert len(appearances) > len(board.open) / 2  # variety: most open postings are shown somewhere


def test_related_postings_share_a_field_and_are_open(board: Board) -> None:
    for posting in board.open:
        related = board.related(posting)
        assert len(related) == RELATED
        assert all(set(other.fields) & set(posting.fields) and other.is_open(TODAY) and other.slug != posting.slug for other in related)


def test_closed_postings_show_no_related_postings(board: Board) -> None:
    assert board.closed and all(board.related(posting) == () for posting in board.closed)


def test_the_choice_is_stable_and_local(board: Board, tmp_path: Path) -> None:
    """Adding one posting changes the related lists of a few postings, not of the board."""
    folder = tmp_path / "listings"
    write_postings(folder, 3000, TODAY)
    again = load_board(folder, TODAY).board
    assert {p.slug: [o.slug for o in board.related(p)] for p in board.open} == {
        p.slug: [o.slug for o in again.related(p)] for p in again.open
    }
    extra = folder / "zz-extra-posting.yaml"
    text = next(folder.glob("*.yaml")).read_text(encoding="utf-8")
    extra.write_text(
        text.replace("title: ", "title: A wholly different project, ", 1).replace("https://org", "https://extra-org", 1), encoding="utf-8"
    )
    grown = load_board(folder, TODAY).board
    changed = [
        p.slug for p in board.open if [o.slug for o in board.related(p)] != [o.slug for o in grown.related(grown_posting(grown, p.slug))]
    ]
    assert len(changed) <= MAX_RELATED_PAGES


def grown_posting(board: Board, slug: str) -> Posting:
    return next(posting for posting in board.open if posting.slug == slug)
