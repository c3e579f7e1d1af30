"""Employer text made safe to carry in any feed or calendar, whatever a bug let through."""

from __future__ import annotations

import re

# XML 1.0 forbids C0 controls (bar tab and line breaks), U+FFFE/U+FFFF and lone surrogates;
# DEL and C1 controls are allowed but never meant. feedgenerator raises on some (failing the
# build) and writes the others into a feed no reader can parse; a lone surrogate crashes any
# UTF-8 write, and RFC 5545 text allows no control character either.
_NOT_XML = re.compile("[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """Text any XML 1.0 feed (or JSON Feed, or calendar) can carry: forbidden and control characters removed."""
    return _NOT_XML.sub("", text)
