"""Characters that carry no meaning in a posting, and what a machine replaces them with.

Employers paste from word processors and applicant-tracking systems: zero-width spaces,
soft hyphens, form feeds, a byte-order mark in mid-text, no-break spaces in a title. None of
them is visible in an editor, so "remove it" is advice an employer cannot follow. This is the
one list of them (with the one other thing a machine can safely add: ``https://`` before a
web address written without it): the validator offers ``stint fix`` for these, ``stint fix`` rewrites them
in files, and ``stint new`` and ``stint from-issue`` clean answers with it before writing.

Dangerous characters are not here and stay errors: bidirectional controls can disguise text,
and a lone surrogate is a broken character whose intended letter no machine can know.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from stint.contract.problems import FieldPath

MULTI_LINE_FIELDS = {("description",)}

# Removed wherever they are: they draw nothing and join or split nothing a reader would see.
_REMOVED = {
    "\u200b": "zero-width space",
    "\u2060": "word joiner",
    "\ufeff": "byte-order mark",
    "\u00ad": "soft hyphen",
    "\u180e": "Mongolian vowel separator",
}
# Page and line separators: a space on one line, a line break in a description.
_BREAKS = {"\x0b": "vertical tab", "\x0c": "form feed", "\u2028": "line separator", "\u2029": "paragraph separator"}
# Spaces that only matter in long text (a no-break space keeps "10 km" together in a description).
_ONE_LINE_SPACES = {"\u00a0": "no-break space", "\u202f": "narrow no-break space", "\u2007": "figure space", "\t": "tab"}
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")


def replacement(char: str, multi_line: bool) -> str | None:
    """What ``char`` becomes in a one-line field or a description; None: it stays."""
    if char in _REMOVED or _CONTROL.fullmatch(char):
        return ""
    if char in _BREAKS:
        return "\n" if multi_line else " "
    if char in _ONE_LINE_SPACES and not multi_line:
        return " "
    return None


def describe(char: str) -> str:
    """``zero-width space (U+200B)``: the name an employer can search for."""
    names = {**_REMOVED, **_BREAKS, **_ONE_LINE_SPACES}
    name = names.get(char) or unicodedata.name(char, "control character").lower()
    return f"{name} (U+{ord(char):04X})"


def clean_text(text: str, multi_line: bool) -> str:
    """The text with every fixable character replaced; one-line text also loses outer spaces."""
    cleaned = "".join(char if (new := replacement(char, multi_line)) is None else new for char in text)
    return cleaned if multi_line else cleaned.strip(" ")


# A web address written without its scheme, as people say them: www.example.org/careers.
_SCHEMELESS = re.compile(r"(?:www\.)?[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,}(?:[/?#]\S*)?", re.I)


def with_scheme(url: str) -> str:
    """``www.example.org/jobs`` -> ``https://www.example.org/jobs``; anything else as it is."""
    return f"https://{url}" if _SCHEMELESS.fullmatch(url) else url


def clean_value(value: Any, path: FieldPath = ()) -> Any:
    """A posting's values (or any part of them) with every text cleaned by its field's rule,
    and web addresses given the https:// their writer left out."""
    if isinstance(value, str) and path[-1:] == ("url",):
        return with_scheme(clean_text(value, multi_line=False))
    if isinstance(value, str):
        return clean_text(value, path in MULTI_LINE_FIELDS)
    if isinstance(value, dict):
        return {key: clean_value(item, (*path, key)) for key, item in value.items()}
    if isinstance(value, list):
        return [clean_value(item, (*path, index)) for index, item in enumerate(value)]
    return value
