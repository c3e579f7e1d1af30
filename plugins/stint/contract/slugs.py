"""Slugs: a posting's file name and its address, ``/internships/<slug>/``.

The rule, the names the board's own URLs keep, and how a slug is suggested: from a file
name that breaks the rule (``stint validate``) or from the organisation and title
(``stint new``, ``stint from-issue``).
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from stint.board.facets import FACETS

SLUG = re.compile(r"[a-z](?:[a-z0-9]|-(?=[a-z0-9])){2,79}")
SLUG_RULE = "3-80 lower-case letters, digits and single hyphens, starting with a letter"
SUFFIX = ".yaml"
# Slugs the board's own URLs use under /internships/: a posting there would shadow them.
RESERVED_SLUGS = {"closed", "page", "index"} | {facet.name for facet in FACETS}
# Device names Windows refuses as file names: one such posting breaks every Windows clone.
WINDOWS_DEVICES = {"con", "prn", "aux", "nul"} | {f"{port}{n}" for port in ("com", "lpt") for n in range(1, 10)}
SUGGESTED_LENGTH = 60  # a suggestion stays short enough to read, well inside the rule's 80
_STOP_WORDS = {"a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "the", "to", "with"}


def slug_of(path: Path | str) -> str:
    return os.path.basename(path).removesuffix(SUFFIX)


def posting_path(listings: Path, slug: str) -> Path:
    return listings / f"{slug}{SUFFIX}"


def kept_name(slug: str, instead: str) -> str | None:
    """Why the board cannot take ``slug`` even when it follows the rule; ``instead`` names what
    to choose in its place (a slug, a file name)."""
    if slug in WINDOWS_DEVICES:
        return f"{slug} is a device name on Windows, where the file could not be checked out: choose a descriptive name"
    if slug in RESERVED_SLUGS:
        return f"{slug} is a reserved address on the board: choose a more descriptive {instead}"
    return None


def slug_problem(slug: str) -> str | None:
    if kept := kept_name(slug, "slug"):
        return kept
    if not SLUG.fullmatch(slug):
        return f"a slug is {SLUG_RULE}; it becomes the address /internships/<slug>/"
    return None


def slug_from(text: str, skip: Iterable[str] = ()) -> str:
    """``text``'s letters and digits, in ASCII, as hyphenated words that start with a letter,
    cut at a word before ``SUGGESTED_LENGTH``; ``skip`` leaves out words such as "the"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    slug = ""
    for word in (word for word in re.findall(r"[a-z0-9]+", ascii_text) if word not in skip):
        if len(slug) + len(word) + 1 > SUGGESTED_LENGTH:
            break
        slug = f"{slug}-{word}".lstrip("-0123456789")
    return slug


def file_slug(stem: str) -> str:
    """A slug for a posting file whose name breaks the rule."""
    slug = slug_from(stem)
    return slug if len(slug) >= 3 else "my-internship-title"


def suggest_slug(organization: str, title: str, listings: Path) -> str:
    """Organisation and title words, short enough to read, and not taken in ``listings``."""
    slug = slug_from(f"{organization} {title}", _STOP_WORDS)
    if slug_problem(slug):
        slug = f"internship-{slug}".strip("-")
    candidates = (slug if number == 1 else f"{slug}-{number}" for number in range(1, 1000))
    return next(candidate for candidate in candidates if not posting_path(listings, candidate).exists())
