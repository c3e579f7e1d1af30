"""Guides are Pelican articles; this checks their front matter and links each one to the
open postings of its topic.

A guide names its topic in front matter as facet=value pairs:
``Postings: international=cpt, international=opt``.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from stint.board.board import Board
from stint.board.facets import FACETS_BY_NAME
from stint.contract.problems import Problem, shown
from stint.contract.validation import display_name
from stint.dates import calendar_date

REQUIRED = ("title", "date", "summary")
ALLOWED = (*REQUIRED, "modified", "slug", "status", "postings")
STATUSES = ("published", "draft", "hidden")
_META = re.compile(r"(?P<key>[A-Za-z][A-Za-z0-9_-]*)\s*:\s*(?P<value>.*)")


def check_guides(folder: Path) -> list[Problem]:
    """Every front-matter problem of every guide, as ``file:line:column`` problems."""
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.md")):
        problems.extend(_check_guide(path))
    return problems


def _front_matter(path: Path) -> dict[str, tuple[int, str]]:
    """Pelican's Markdown metadata: ``Key: value`` lines up to the first blank line."""
    found: dict[str, tuple[int, str]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = _META.fullmatch(line.strip())
        if not line.strip() or (match is None and number > 1):
            break
        if match:
            found.setdefault(match["key"].lower(), (number, match["value"].strip()))
    return found


def _check_guide(path: Path) -> Iterator[Problem]:
    name = display_name(path)
    try:
        meta = _front_matter(path)
    except (OSError, UnicodeDecodeError):
        yield Problem(name, 1, 1, "", "unreadable-file", "cannot be read as UTF-8 text")
        return
    for key in REQUIRED:
        if not meta.get(key, (0, ""))[1]:
            yield Problem(name, 1, 1, key, "missing-field", f"required front matter is missing: add a line {key.title()}: ...")
    for key, (line, value) in meta.items():
        yield from _check_value(name, key, line, value)


def _check_value(name: str, key: str, line: int, value: str) -> Iterator[Problem]:
    if key not in ALLOWED:
        close = difflib.get_close_matches(key, ALLOWED, n=1)
        hint = f"did you mean {close[0].title()}?" if close else "allowed: " + ", ".join(k.title() for k in ALLOWED)
        yield Problem(name, line, 1, key, "unknown-field", f"unknown front matter {shown(key)}: {hint}")
    elif key in ("date", "modified") and not _is_date(value):
        yield Problem(name, line, len(key) + 3, key, "invalid-date", f"{shown(value)} is not a date written YYYY-MM-DD")
    elif key == "status" and value.lower() not in STATUSES:
        yield Problem(name, line, len(key) + 3, key, "not-allowed-value", f"{shown(value)} is not one of {', '.join(STATUSES)}")
    elif key == "postings":
        for facet, slug in topic_pairs_from(value):
            if facet not in FACETS_BY_NAME or slug not in {v.slug for v in FACETS_BY_NAME[facet].values}:
                yield Problem(
                    name,
                    line,
                    len(key) + 3,
                    key,
                    "not-allowed-value",
                    f"{shown(f'{facet}={slug}')} is not a facet value such as field=research",
                )


def _is_date(value: str) -> bool:
    """A day, or a day and a time as Pelican reads it (``2026-03-01 09:30``)."""
    return calendar_date(value[:10]) is not None and (len(value) in (10, 16, 19) or value[10:11] in (" ", "T"))


def topic_pairs_from(text: str) -> list[tuple[str, str]]:
    pairs = (item.strip().partition("=") for item in str(text).split(","))
    return [(facet.strip(), value.strip()) for facet, _, value in pairs if facet.strip() or value.strip()]


def topic_pairs(guide: Any) -> list[tuple[str, str]]:
    return topic_pairs_from(getattr(guide, "postings", "") or "")


def attach_postings(guides: Sequence[Any], board: Board) -> None:
    """Give every guide its matching open postings and two guides to read next."""
    for index, guide in enumerate(guides):
        guide.matching_postings = board.matching(topic_pairs(guide))
        others = [*guides[index + 1 :], *guides[:index]]
        guide.read_next = others[:2]


def drop_drafts(generator: Any) -> None:
    """``article_generator_finalized``: a draft guide is not published anywhere, not even
    at a hidden URL (and Pelican cannot write drafts without category pages)."""
    generator.drafts = []
    generator.drafts_translations = []
    generator.context["drafts"] = []
