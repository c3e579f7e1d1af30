"""The corpus of real job ads (tests/realdata): reproducible, large and varied enough, and loadable.

What the validator makes of these postings is not asserted here (it changes); run
``.venv/bin/python -m tests.realdata.report`` to see it.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from stint.contract.validation import SLUG, read_document

ROOT = Path(__file__).resolve().parent.parent
REALDATA = ROOT / "tests" / "realdata"
POSTINGS = REALDATA / "postings"
SOURCES = REALDATA / "sources"
HTML_TAG = re.compile(r"<(?:p|span|strong|h[1-6]|ul|li|a|br|div|em)\b[^>]*>", re.I)


def committed() -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(POSTINGS.glob("*.yaml"))}


def source_records() -> dict[str, list[dict[str, object]]]:
    return {folder.name: json.loads((folder / "ads.json").read_text(encoding="utf-8")) for folder in sorted(SOURCES.iterdir())}


def run_converter(out: Path) -> dict[str, bytes]:
    subprocess.run([sys.executable, "-m", "tests.realdata.convert", "--out", str(out)], cwd=ROOT, check=True, capture_output=True)
    return {path.name: path.read_bytes() for path in sorted(out.glob("*.yaml"))}


def test_the_converter_is_deterministic_and_reproduces_the_committed_postings(tmp_path: Path) -> None:
    first = run_converter(tmp_path / "first")
    second = run_converter(tmp_path / "second")
    assert first == second, "two runs of convert.py wrote different files"
    stale = sorted(set(first) ^ set(committed()))
    assert not stale, f"postings differ from a fresh conversion (rerun convert.py): {stale[:5]}"
    changed = [name for name, text in first.items() if committed()[name] != text]
    assert not changed, f"postings differ from a fresh conversion (rerun convert.py): {changed[:5]}"


def test_there_are_at_least_100_real_ads_from_at_least_two_sources() -> None:
    records = source_records()
    counts = Counter({name: len(ads) for name, ads in records.items()})
    assert len([name for name, count in counts.items() if count]) >= 2, counts
    assert sum(counts.values()) >= 100, counts
    assert len(committed()) == sum(counts.values()), "one posting per ad"


def test_every_source_has_its_licence_and_is_recorded_in_sources_md() -> None:
    recorded = (REALDATA / "SOURCES.md").read_text(encoding="utf-8")
    for folder in sorted(SOURCES.iterdir()):
        assert list(folder.glob("LICENSE*")), f"{folder.name} has no licence file"
        assert f"`{folder.name}`" in recorded, f"{folder.name} is not described in SOURCES.md"


def test_at_least_one_source_publishes_html_descriptions() -> None:
    with_html = {
        name
        for name, ads in source_records().items()
        if sum(1 for ad in ads if HTML_TAG.search(str(ad.get("body") or ad.get("description")))) >= 10
    }
    assert with_html, "no source has ten or more ads with HTML descriptions"
    html_postings = [name for name, text in committed().items() if HTML_TAG.search(text.decode("utf-8"))]
    assert len(html_postings) >= 10


def test_the_corpus_keeps_the_real_dirt() -> None:
    """The text was not cleaned: invisible and unusual characters from the ads are still there."""
    text = "".join(json.dumps(ads, ensure_ascii=False) for ads in source_records().values())
    for character in ("\u00a0", "\u00ad", "\u200b"):
        assert character in text, f"U+{ord(character):04X} is gone from the extracts"
    postings = b"".join(committed().values()).decode("utf-8")
    for character in ("\u00a0", "\u00ad", "\u200b"):
        assert character in postings or f"\\u{ord(character):04x}" in postings or f"\\x{ord(character):02x}" in postings


@pytest.mark.parametrize("name", sorted(committed()))
def test_every_posting_loads_with_the_boards_loader(name: str) -> None:
    assert SLUG.fullmatch(name.removesuffix(".yaml")), name
    document = read_document(POSTINGS / name)
    assert not document.problems, [problem.as_text() for problem in document.problems]
    assert isinstance(document.data, dict)
    assert isinstance(document.data["description"], str) and document.data["description"].strip()


def test_slugs_are_unique_and_the_corpus_is_small() -> None:
    names = list(committed())
    assert len(names) == len(set(names))
    size = sum(path.stat().st_size for path in REALDATA.rglob("*") if path.is_file())
    assert size < 5 * 1024 * 1024, f"the corpus is {size:,} bytes"
