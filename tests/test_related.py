"""Related postings: chosen by likeness, with a bounded fan-out, so one edit touches tens of pages."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bench.generate import write_postings
from stint.board import board as board_module
from stint.board.board import MAX_RELATED_PAGES, RELATED, Board
from stint.board.posting import Posting
from stint.site.board_loading import load_board
from stint.writing.cache import BuildCache

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


def _related_slugs(board: Board) -> dict[str, list[str]]:
    return {posting.slug: [other.slug for other in board.related(posting)] for posting in board.open}


def test_the_build_cache_keeps_the_choice_across_a_title_edit_and_chooses_again_when_likeness_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build reuses the related lists of the last build by the same code when no open posting
    changed in what the choice reads (a title edit), and chooses again when one did or the
    code changed; either way the lists are those of a build without a cache."""
    folder = tmp_path / "listings"
    write_postings(folder, 600, TODAY)
    cache_root = tmp_path / "cache"
    choices = []
    choose = Board.related_slugs
    monkeypatch.setattr(Board, "related_slugs", lambda board: choices.append(board.today) or choose(board))

    def cached(code: str = "code") -> tuple[Board, int]:
        before = len(choices)
        board = load_board(folder, TODAY, BuildCache(cache_root, code), code).board
        lists = _related_slugs(board)
        assert lists == _related_slugs(load_board(folder, TODAY).board)  # that one chooses, uncounted below
        return board, len(choices) - before - 1

    first, chosen = cached()
    assert chosen == 1
    open_slugs = {posting.slug for posting in first.open}
    posting = next(path for path in sorted(folder.glob("*.yaml")) if path.stem in open_slugs)
    text = posting.read_text(encoding="utf-8")
    posting.write_text(text.replace("title: ", "title: Revised ", 1), encoding="utf-8")
    titled, chosen = cached()
    assert chosen == 0 and _related_slugs(titled) == _related_slugs(first)
    assert cached("other code")[1] == 1
    field = grown_posting(first, posting.stem).fields[0]
    other = next(name for name in sorted({name for p in first.open for name in p.fields}) if name not in text)
    posting.write_text(text.replace(f"fields: [{field}", f"fields: [{other}", 1), encoding="utf-8")
    refielded, chosen = cached()
    assert chosen == 1 and _related_slugs(refielded) != _related_slugs(first)


def test_a_board_made_from_another_chooses_its_own_related_postings() -> None:
    """A board copied with other postings does not show the lists chosen for the first one."""
    board = load_board(Path(__file__).parent.parent / "listings", TODAY).board
    open_posting = board.open[0]
    board.reuse_related({posting.slug: (open_posting.slug,) for posting in board.open})
    kept = dataclasses.replace(board, postings=(open_posting,))
    assert kept.related(open_posting) == ()


NAMES = st.lists(st.sampled_from(["data", "design", "research", "writing", "python"]), max_size=4)
TRAITS = st.tuples(NAMES, NAMES, st.sampled_from(["remote", "hybrid", "on-site"]), NAMES)


@given(st.lists(TRAITS, min_size=1, max_size=14))
def test_the_chosen_are_those_a_plain_sort_by_likeness_then_the_pair_hash_puts_first(postings: list[tuple]) -> None:
    """Choosing works on bits and skips candidates that cannot make the cut: it must give
    what the rule says, worked out the plain way, with sets, for every candidate."""
    shown = [
        SimpleNamespace(slug=f"p{index}", fields=fields, tags=tags, location=SimpleNamespace(mode=mode), levels=levels)
        for index, (fields, tags, mode, levels) in enumerate(postings)
    ]
    bits: dict[str, int] = {}
    traits = {posting.slug: board_module._traits(posting, bits) for posting in shown}  # type: ignore[arg-type]

    def likeness(one: SimpleNamespace, other: SimpleNamespace) -> int:
        shared = len(set(one.fields) & set(other.fields)) * 8 + len(set(one.tags) & set(other.tags)) * 4
        return shared + (one.location.mode == other.location.mode) * 2 + len(set(one.levels) & set(other.levels))

    me, others = shown[0], shown[1:]
    plain = sorted(others, key=lambda other: (-likeness(me, other), board_module._spread(me.slug, other.slug)))
    assert board_module._most_alike(me.slug, [other.slug for other in others], traits) == tuple(other.slug for other in plain[:RELATED])
