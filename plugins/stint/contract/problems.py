"""Problems are values with a location: the library returns them, the CLI formats them."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

FieldPath = tuple[str | int, ...]
Severity = Literal["error", "warning"]
ERROR: Severity = "error"
WARNING: Severity = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file, at 1-based ``line`` and ``column``.

    An *error* breaks the posting contract: the posting cannot be published. A *warning*
    asks a person to look (a possible duplicate, say) and never fails a check.
    """

    file: str
    line: int
    column: int
    field: str
    code: str
    message: str
    severity: Severity = ERROR

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def as_text(self) -> str:
        where = f"{self.field}: " if self.field else ""
        mark = "" if self.is_error else "warning: "
        return f"{self.file}:{self.line}:{self.column}: {mark}{where}{self.message} [{self.code}]"

    def as_dict(self) -> dict[str, str | int]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "field": self.field,
            "code": self.code,
            "message": self.message,
            "severity": self.severity,
        }


def dotted(path: FieldPath) -> str:
    """``("tasks", 2, "x")`` -> ``tasks[2].x``: the way an employer reads a field name."""
    text = ""
    for part in path:
        name = part if isinstance(part, int) else visible(str(part)[:60])
        text += f"[{name}]" if isinstance(part, int) else (f".{name}" if text else name)
    return text


def visible(text: str) -> str:
    """``text`` with every control, format or separator character but the space (line breaks,
    bidi overrides, zero-width spaces) written as an escape, so that it cannot act on a terminal or page."""
    return "".join(f"\\u{ord(char):04x}" if unicodedata.category(char)[0] in "CZ" and char != " " else char for char in text)


# Markdown's punctuation: escaped, posting text renders as the characters written, never as markup.
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~&:])")


def markdown_text(text: str) -> str:
    """Plain text in Markdown (pull-request comments, issues): no markup, no HTML, no @mention."""
    return _MARKDOWN.sub(r"\\\1", visible(text)).replace("@", "@\u2060")


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' if count != 1 else ''}"


def shown(value: object, limit: int = 60) -> str:
    """Quote a value from a posting for a message: bounded, one line, no live control codes.

    Employer text ends up in terminals, annotations and review comments, so every
    character that is not plainly visible is written as an escape.
    """
    if isinstance(value, int | float) and not isinstance(value, bool):
        return repr(value)
    text = value if isinstance(value, str) else repr(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return '"' + visible(text) + '"'
