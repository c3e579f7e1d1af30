"""Real job ads from public job boards (tests/realdata), as employers wrote them: what the board
accepts as they are, what `stint fix` makes acceptable, and every remaining refusal with its reason.

The figures are printed with `pytest -s`; `python -m tests.realdata.report` gives the detail.
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from stint.commands.cli import main
from stint.contract.validation import check_paths

CORPUS = Path(__file__).parent / "realdata" / "postings"
# Every refusal left after `stint fix`, and why a reasonable editor would uphold it.
UPHELD = {
    "the-julia-language-technical-writer.yaml": ("duplicate-posting", "the same ad, link and dates twice in the board's history"),
    "unitary-fund-community-manager-2.yaml": ("duplicate-posting", "re-submitted a day later with the same link, both open"),
    "pybamm-pybamm-community-manager.yaml": ("unsafe-link", "a relative link into the employer's own repository: broken on the board"),
    "technology-transformation-services-centers-of-excellence-modernization.yaml": (
        "too-long",
        "20,479 characters after conversion, over the 20,000 a description may hold",
    ),
}


def refused(folder: Path) -> dict[str, set[str]]:
    result = check_paths([folder])
    by_file: dict[str, set[str]] = {}
    for problem in result.errors:
        by_file.setdefault(problem.file.rsplit("/", 1)[-1], set()).add(problem.code)
    return by_file


@pytest.fixture(scope="module")
def fixed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("realdata") / "postings"
    shutil.copytree(CORPUS, folder)
    assert main(["fix", str(folder)]) == 0  # every file it touches, it can prove it fixed
    return folder


def test_most_real_ads_pass_as_written() -> None:
    before = refused(CORPUS)
    total = len(list(CORPUS.glob("*.yaml")))
    print(
        f"\nas written: {total - len(before)}/{total} accepted; refusals by code: {Counter(c for codes in before.values() for c in codes)}"
    )
    assert total >= 100 and total - len(before) >= 0.8 * total


def test_after_stint_fix_98_percent_pass_and_every_refusal_is_one_an_editor_upholds(fixed: Path) -> None:
    after = refused(fixed)
    total = len(list(fixed.glob("*.yaml")))
    print(f"\nafter stint fix: {total - len(after)}/{total} accepted ({(total - len(after)) / total:.1%})")
    assert {name: codes for name, codes in after.items()} == {name: {code} for name, (code, _) in UPHELD.items()}
    assert total - len(after) >= 0.98 * total


def test_stint_fix_changes_nothing_a_second_time(fixed: Path) -> None:
    assert main(["fix", "--check", str(fixed)]) == 0
