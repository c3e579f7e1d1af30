"""Shared fixtures: the contract's example posting, and folders of postings to check."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from browser import chromium, serve
from sitebuild import built
from stint.contract.validation import ListingsCheck, check_paths

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = (ROOT / "schema" / "example-posting.yaml").read_text(encoding="utf-8")


def edited(old: str, new: str, text: str = EXAMPLE) -> str:
    """The example posting with one piece of text replaced (which must be there)."""
    assert old in text, f"{old!r} is not in the posting"
    return text.replace(old, new, 1)


@pytest.fixture
def listings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty listings/ folder, with the working directory set so paths read listings/<file>."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "listings"
    folder.mkdir()
    return folder


def check_texts(folder: Path, postings: dict[str, str | bytes]) -> ListingsCheck:
    for name, content in postings.items():
        target = folder / name
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return check_paths([folder])


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture board (tests/fixtures/board) built once, for real, as of 2026-12-01."""
    return built(FIXTURES / "board", tmp_path_factory.mktemp("board") / "output", "2026-12-01")


@pytest.fixture(scope="module")
def base(site: Path) -> Iterator[str]:
    """The fixture board served over http://127.0.0.1, for the browser tests."""
    with serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Headless Chromium, one per test module (Playwright's sync API allows one at a time)."""
    with chromium() as instance:
        yield instance
