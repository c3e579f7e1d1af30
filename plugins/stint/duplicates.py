"""The same posting submitted twice: one apply link, or one organisation and one job.

Re-posting a role for a later season is fine, so two postings only clash when the
windows between ``posted`` and ``apply_by`` overlap.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import Any

from stint.loading import Document
from stint.problems import Problem
from stint.urls import normalized_apply_target

TITLE_SIMILARITY = 0.9
# Each posting is compared with at most this many earlier ones of its organisation: the
# exact ratio is quadratic in title length, and an organisation's posting count is unbounded.
MAX_COMPARISONS = 20
_WORDS = re.compile(r"[^a-z0-9]+")


def duplicate_problems(documents: list[Document]) -> Iterator[Problem]:
    """Report each later file (in name order) against the first one it repeats."""
    documents = sorted(documents, key=lambda document: document.file)
    yield from _same_apply_target(documents)
    yield from _same_job(documents)


def _keys(document: Document) -> tuple[str | None, str | None, str | None]:
    """(apply target, organisation, title), normalised; kept on the document for the next build."""
    if document.dedup is None:
        data = document.data
        apply = data.get("apply") or {}
        target, organization, title = (
            apply.get("url") or apply.get("email"),
            (data.get("organization") or {}).get("name"),
            data.get("title"),
        )
        document.dedup = (
            normalized_apply_target(target) if isinstance(target, str) else None,
            _simplified(organization) if isinstance(organization, str) else None,
            _simplified(title) if isinstance(title, str) else None,
        )
    return document.dedup


def _same_apply_target(documents: list[Document]) -> Iterator[Problem]:
    seen: dict[str, list[Document]] = defaultdict(list)
    for document in documents:
        key = _keys(document)[0]
        if key is None:
            continue
        apply = document.data.get("apply") or {}
        first = next((other for other in seen[key] if _overlap(other.data, document.data)), None)
        if first is not None:
            field = "apply.url" if "url" in apply else "apply.email"
            line, column = document.mark(("apply", "url" if "url" in apply else "email"))
            message = f"the same application link as {first.file} (line {first.mark(('apply',))[0]}): is this posting a duplicate?"
            yield Problem(document.file, line, column, field, "duplicate-apply-link", message)
        seen[key].append(document)


def _same_job(documents: list[Document]) -> Iterator[Problem]:
    by_organization: dict[str, list[tuple[str, Document]]] = defaultdict(list)
    for document in documents:
        _, organization, simple = _keys(document)
        if organization is None or simple is None:
            continue
        group = by_organization[organization]
        recent = group[-MAX_COMPARISONS:]
        first = next((other for seen, other in recent if _overlap(other.data, document.data) and _similar(seen, simple)), None)
        if first is not None:
            line, column = document.mark(("title",))
            message = f"{first.file} (line {first.mark(('title',))[0]}) has a near-identical title from the same organisation: is this posting a duplicate?"
            yield Problem(document.file, line, column, "title", "duplicate-posting", message)
        group.append((simple, document))


def _simplified(text: str) -> str:
    return _WORDS.sub(" ", text.casefold()).strip()


def _similar(a: str, b: str) -> bool:
    """Simplified titles that are the same, or nearly (difflib's ratio)."""
    if a == b:
        return True
    if 2 * min(len(a), len(b)) < TITLE_SIMILARITY * (len(a) + len(b)):
        return False  # the ratio can never reach the bar
    # The characters in common bound the ratio from above (difflib's quick_ratio): they
    # rule out almost every pair before the exact, costlier ratio.
    if 2 * (_letters(a) & _letters(b)).total() < TITLE_SIMILARITY * (len(a) + len(b)):
        return False
    return difflib.SequenceMatcher(None, a, b).ratio() >= TITLE_SIMILARITY


@functools.lru_cache(maxsize=4096)
def _letters(text: str) -> Counter[str]:
    return Counter(text)


def _overlap(first: dict[str, Any], second: dict[str, Any]) -> bool:
    """Date strings in YYYY-MM-DD compare like dates; valid postings have both."""
    return str(first.get("posted")) <= str(second.get("apply_by")) and str(second.get("posted")) <= str(first.get("apply_by"))
