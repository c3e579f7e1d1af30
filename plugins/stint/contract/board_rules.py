"""The rules a JSON Schema cannot say: calendars, ranges, text hygiene, safe links.

Each rule reads one posting's data and yields ``(path, code, message)``. Rules only
see fields whose schema check passed, so they can trust types.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

from stint.contract.description_html import first_refusal
from stint.contract.page_budget import budget_rules
from stint.contract.plain_text import markup_offset
from stint.contract.problems import FieldPath, shown
from stint.contract.text_fixes import MULTI_LINE_FIELDS, describe, replacement
from stint.contract.urls import email_problem, url_problem
from stint.dates import calendar_date


class Finding(NamedTuple):
    """One broken rule; ``offset`` points at the character inside a text value, when known."""

    path: FieldPath
    code: str
    message: str
    offset: int | None = None


MAX_DEADLINE_DAYS = 180
FIX_HINT = "run `stint fix` on the file to {}"
# Fields that are machine values, not prose: the schema already pins them down.
_NOT_PROSE = {"url", "email", "currency", "country", "countries", "mode", "type", "per", "posted", "apply_by", "start"}

# Letters that draw nothing (Hangul fillers, the blank braille pattern): an all-blank title.
_BLANK_LETTERS = set("\u180e\u115f\u1160\u2800\u3164\uffa0")
_BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# One regex finds every suspicious character fast; the slow classification runs only on a hit.
_SUSPECT = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\ufeff\ufff9-\ufffb\ufffe\uffff\ud800-\udfff\U000e0000-\U000e007f"
    "\u115f\u1160\u2800\u3164\uffa0]"
)
_CODE = re.compile(r"(?ms)^ {0,3}(```|~~~).*?^ {0,3}\1|(?<!\\)`[^`\n]*`")
_ESCAPED_BACKTICK = re.compile(r"\\`")
# Inline links, reference definitions (also inside quotes and list items) and autolinks.
_LINK_TARGETS = re.compile(
    r"\]\(\s*<?([^\s)>]*)|^[ \t]*(?:>[ \t]*)*(?:(?:[*+-]|\d+[.)])[ \t]+)?\[[^\]]+\]:\s*<?([^\s>]*)|<([a-zA-Z][a-zA-Z0-9+.-]*:[^\s>]*)>",
    re.M,
)
_IMAGE = re.compile(r"!\[[^\]]{0,1000}\]\s*[(\[]")  # bounded: unbounded, 10,000 "![" were quadratic
_SAFE_LINK = re.compile(r"(https?://|mailto:)", re.IGNORECASE)


def board_problems(data: dict[str, Any], skip: set[FieldPath]) -> list[Finding]:
    """Every board-rule finding for one posting, except on fields in ``skip``."""
    findings: list[Finding] = []
    for rule in RULES:
        findings.extend(Finding(*finding) for finding in rule(data) if not _covered(finding[0], skip))
    return findings


def _covered(path: FieldPath, skip: set[FieldPath]) -> bool:
    return any(path[: len(bad)] == bad for bad in skip)


def date_rules(data: dict[str, Any]) -> Iterator[Finding]:
    posted, apply_by = calendar_date(data.get("posted")), calendar_date(data.get("apply_by"))
    start = data.get("start")
    if isinstance(start, str) and start != "flexible" and calendar_date(start) is None:
        yield ("start",), "invalid-date", f"{shown(start)} is not a real calendar date"
    if posted is None or apply_by is None:
        return
    if apply_by < posted:
        yield ("apply_by",), "deadline-before-posted", f"the deadline {apply_by} is before the posting date {posted}"
    elif (apply_by - posted).days > MAX_DEADLINE_DAYS:
        yield (
            ("apply_by",),
            "deadline-too-far",
            f"the deadline is {(apply_by - posted).days} days after posted; at most {MAX_DEADLINE_DAYS} days are allowed",
        )


def range_rules(data: dict[str, Any]) -> Iterator[Finding]:
    for key in ("duration_weeks", "hours_per_week"):
        value = data.get(key)
        yield from _whole_numbers(key, value)
        bounds = (value.get("min"), value.get("max")) if isinstance(value, dict) else (None, None)
        if all(isinstance(bound, int) for bound in bounds) and bounds[0] > bounds[1]:
            yield (key, "min"), "range-reversed", f"min ({value['min']}) is larger than max ({value['max']})"


def _whole_numbers(key: str, value: Any) -> Iterator[Finding]:
    """JSON Schema's "integer" admits 15.0; the board shows whole weeks and hours."""
    parts = value.items() if isinstance(value, dict) else [(None, value)]
    for part, number in parts:
        if isinstance(number, float):
            path = (key, part) if part else (key,)
            yield path, "wrong-type", f"must be a whole number: write {int(number)}, not {number}"


def text_rules(data: dict[str, Any]) -> Iterator[Finding]:
    for path, text in _strings(data, ()):
        yield from _hygiene(path, text)
        if path in MULTI_LINE_FIELDS:
            yield from _markdown_rules(path, text)
        elif not (set(path) & _NOT_PROSE):
            yield from _plain_text_rules(path, text)


def _strings(value: Any, path: FieldPath) -> Iterator[tuple[FieldPath, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))


def _hygiene(path: FieldPath, text: str) -> Iterator[Finding]:
    multi_line = path in MULTI_LINE_FIELDS
    if not multi_line and ("\n" in text or "\r" in text):
        where = "ends with a line break" if text.rstrip("\n") != text and "\n" not in text.rstrip("\n") else "spans several lines"
        yield path, "not-one-line", f"{where}: write it on one line (use a plain quoted string, not | or >)"
        return
    if not multi_line and "\t" in text:
        yield path, "not-one-line", f"contains a tab: write a space ({FIX_HINT.format('do it')})", text.index("\t")
        return
    match = _SUSPECT.search(text)
    if match:
        yield path, *_classify(match.group(), match.start(), multi_line), match.start()


def _classify(char: str, offset: int, multi_line: bool) -> tuple[str, str]:
    code_point = f"U+{ord(char):04X}"
    fix = replacement(char, multi_line)
    if fix is not None:
        code = "invisible-character" if unicodedata.category(char) == "Cf" else "control-character"
        action = "remove it" if fix == "" else "replace it with a line break" if fix == "\n" else "replace it with a space"
        return code, f"contains a {describe(char)} at character {offset + 1}, invisible in most editors: {FIX_HINT.format(action)}"
    if char in _BIDI:
        return (
            "bidi-control",
            f"contains an invisible text-direction control ({code_point}) at character {offset + 1}, which can disguise text: remove it",
        )
    if unicodedata.category(char) == "Cs":
        return "lone-surrogate", f"contains a broken character ({code_point}) at character {offset + 1}: remove it"
    if unicodedata.category(char) == "Cf" or char in _BLANK_LETTERS:
        return "invisible-character", f"contains an invisible character ({code_point}) at character {offset + 1}: remove it"
    return "control-character", f"contains a control character ({code_point}) at character {offset + 1}: remove it"


def _plain_text_rules(path: FieldPath, text: str) -> Iterator[Finding]:
    if not text.strip():
        yield path, "blank-text", "is blank: write words a reader can see"
        return
    offset = markup_offset(text)
    if offset is not None:
        message = "is plain text: HTML tags and entities such as &amp; are not allowed; write the characters themselves"
        yield path, "html-in-text", message, offset


def _markdown_rules(path: FieldPath, text: str) -> Iterator[Finding]:
    # Blank out code (same length keeps offsets right); an escaped backtick opens no code span.
    prose = _CODE.sub(lambda code: " " * len(code.group()), _ESCAPED_BACKTICK.sub("  ", text))
    refusal = first_refusal(text)
    if refusal:
        yield path, refusal.code, refusal.message, refusal.offset
    image = _IMAGE.search(prose)
    if image:
        yield path, "image-in-description", "contains an image: images are not shown; link to the page instead", image.start()
    for match in _LINK_TARGETS.finditer(prose):
        index = next(i for i, group in enumerate(match.groups(), 1) if group is not None)
        target = match.group(index)
        if not _SAFE_LINK.match(target):
            message = f"links must be full https://, http:// or mailto: addresses; {shown(target)} is not"
            yield path, "unsafe-link", message, match.start(index)
            return


def link_rules(data: dict[str, Any]) -> Iterator[Finding]:
    for path in (("organization", "url"), ("apply", "url")):
        url = _get(data, path)
        problem = url_problem(url) if isinstance(url, str) else None
        if problem:
            yield path, *problem
    email = _get(data, ("apply", "email"))
    problem = email_problem(email) if isinstance(email, str) else None
    if problem:
        yield ("apply", "email"), *problem


def _get(data: dict[str, Any], path: FieldPath) -> Any:
    value: Any = data
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    return value


def closing_rules(data: dict[str, Any]) -> Iterator[Finding]:
    if "closed_reason" in data and data.get("closed") is not True:
        yield (
            ("closed_reason",),
            "reason-without-closed",
            "says why the posting closed, but closed is not true: add closed: true to close it, or remove closed_reason",
        )


RULES: list[Callable[[dict[str, Any]], Iterator[Finding]]] = [date_rules, range_rules, text_rules, link_rules, closing_rules, budget_rules]
