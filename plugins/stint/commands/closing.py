"""Closing a posting by editing its file as little as possible.

Only the ``closed`` and ``closed_reason`` lines change (replaced in place, a comment after
the value kept) or are appended; every other byte stays as the employer wrote it. The edited
text must pass the board's whole check before it is written, so a file this cannot edit
safely (a flow-style top level, say) is refused, never broken.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from stint.contract.loading import load_text
from stint.contract.validation import check_document, display_name
from stint.contract.vocabulary import CLOSED_NOTES

REASONS = tuple(CLOSED_NOTES)  # the schema's closed_reason values


class CannotClose(Exception):
    """The file could not be closed safely; the message says why."""


def close_posting(path: Path, reason: str) -> bool:
    """Set ``closed: true`` and ``closed_reason`` in ``path``; False when it already said so."""
    if reason not in REASONS:
        raise CannotClose(f"the reason must be one of {', '.join(REASONS)}")
    raw = path.read_bytes()
    text = raw.decode("utf-8")
    edited = with_top_level(with_top_level(text, "closed", "true"), "closed_reason", reason)
    if edited == text:
        return False
    _check(edited, path)
    _write(path, edited.encode("utf-8"))
    return True


def with_top_level(text: str, key: str, value: str) -> str:
    """``text`` with the top-level ``key: value``: its line's value replaced, or a line appended."""
    line = re.compile(rf"(?m)^{re.escape(key)}[ \t]*:[ \t]*(?P<value>[^#\r\n]*?)(?P<rest>[ \t]+#[^\r\n]*)?(?=\r?$)")
    found = line.search(text)
    if found:
        if not found.group("value"):
            raise CannotClose(f"{key} holds a block, not a value: edit it by hand")
        return text[: found.start("value")] + value + text[found.end("value") :]
    newline = "\r\n" if "\r\n" in text else "\n"
    if text and not text.endswith("\n"):
        text += newline
    return f"{text}{key}: {value}{newline}"


def _check(text: str, path: Path) -> None:
    document = load_text(text, display_name(path))
    errors = [problem for problem in check_document(document) if problem.is_error]
    if errors:
        raise CannotClose(f"the edited posting would not be valid ({errors[0].as_text()}): close it by hand")
    if not isinstance(document.data, dict) or document.data.get("closed") is not True:
        raise CannotClose("the edit did not close the posting: close it by hand")


def _write(path: Path, content: bytes) -> None:
    """Replace the file whole or not at all."""
    with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False, suffix=".tmp") as handle:
        handle.write(content)
    os.chmod(handle.name, path.stat().st_mode & 0o777)
    os.replace(handle.name, path)
