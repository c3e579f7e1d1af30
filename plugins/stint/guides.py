"""Guides are Pelican articles; this links each one to the open postings of its topic.

A guide names its topic in front matter as facet=value pairs:
``Postings: international=cpt, international=opt``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from stint.board import Board


def topic_pairs(guide: Any) -> list[tuple[str, str]]:
    text = getattr(guide, "postings", "") or ""
    pairs = (item.strip().partition("=") for item in str(text).split(","))
    return [(facet.strip(), value.strip()) for facet, _, value in pairs if facet.strip() and value.strip()]


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
