"""Is a one-line field plain text, as a browser would read it?

Other sites put our titles and summaries into their pages (``index.json`` is documented as
data for them), so "plain text" has to mean what the HTML standard's tokeniser means, not
what a looser regular expression guesses:

- ``<`` opens markup only before an ASCII letter (a tag), ``/`` (an end tag), ``!``
  (comments, doctypes, CDATA) or ``?`` (a bogus comment). ``a < b`` and ``I <3 data`` are text.
- ``&`` starts a character reference when it is followed by ``#`` and a digit, ``#x`` and a
  hex digit, or a name. In text content, browsers decode the legacy names of the HTML5 table
  (``&lt``, ``&amp``, ``&copy``...) even without their ``;`` and even inside a longer word
  (``&notes`` reads as "¬es"). Any ``&name;`` is refused too: it is never meant in plain text.

Every pattern here is linear: no two adjacent repeats can trade characters.
"""

from __future__ import annotations

import re
from html.entities import html5

TAG_OPEN = re.compile(r"<[A-Za-z/!?]")
_AMPERSAND = re.compile(r"&(?:#[0-9]|#[xX][0-9A-Fa-f]|([A-Za-z][A-Za-z0-9]*)(;?))")
# Names a browser decodes without a semicolon ("lt", "amp", "not", "frac12"...): 106 of them.
LEGACY_NAMES = frozenset(name for name in html5 if not name.endswith(";"))
_LONGEST_LEGACY = max(map(len, LEGACY_NAMES))


def markup_offset(text: str) -> int | None:
    """Where the first tag opener or character reference starts in ``text``, or None."""
    if "<" not in text and "&" not in text:
        return None  # nearly every value: two substring scans, no pattern
    tag = TAG_OPEN.search(text)
    end = tag.start() if tag else len(text)
    for match in _AMPERSAND.finditer(text, 0, end):
        if _is_reference(match):
            return match.start()
    return tag.start() if tag else None


def _is_reference(match: re.Match[str]) -> bool:
    name, semicolon = match.group(1), match.group(2)
    if name is None or semicolon:
        return True  # numeric, or any &name;
    # The tokeniser takes the longest legacy name that prefixes the letters: check each prefix.
    return any(name[:length] in LEGACY_NAMES for length in range(2, min(len(name), _LONGEST_LEGACY) + 1))
