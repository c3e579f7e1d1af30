"""YAML to a plain mapping, with the line and column of every key and value.

A posting needs none of YAML's power, and most of it is a trap: anchors and aliases
(billion-laughs bombs), tags, merge keys, several documents, duplicate keys that PyYAML
would silently drop, and YAML 1.1 typing (``NO`` as false, ``0777`` as 511, dates as
objects). We therefore build values from libyaml's event stream ourselves, with YAML
1.2-style plain scalars: only ``true``/``false`` are booleans, only plain decimal
numbers are numbers, and everything else (dates included) stays the text as written.
Nothing here raises on bad input: every failure is a located ``Problem``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from stint.contract.problems import FieldPath, Problem, dotted, shown

MAX_BYTES = 64 * 1024
MAX_DEPTH = 8  # the deepest posting field is three levels down; leave room for mistakes

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_INT = re.compile(r"[-+]?(0|[1-9][0-9]{0,17})")
_FLOAT = re.compile(r"[-+]?((0|[1-9][0-9]*)(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?")
_NULLS = {"", "~", "null"}


@dataclass
class Document:
    """A loaded posting: its values, and where each value and key sits in the file."""

    file: str
    data: Any = None
    marks: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)
    # Texts whose characters sit in the file as written (plain scalars, literal blocks):
    # (line, column) of the first character and the column later lines start at, to
    # place a problem on the very character of a long description.
    origins: dict[FieldPath, tuple[int, int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # What the duplicates sweep compares (``duplicates.Sweep``), worked out when a valid
    # posting is checked and so kept with its check between builds.
    sweep: tuple[Any, ...] | None = None

    def mark(self, path: FieldPath) -> tuple[int, int]:
        """Where a field is, or the nearest enclosing field that exists."""
        while path and path not in self.marks:
            path = path[:-1]
        return self.marks.get(path, (1, 1))

    def position(self, path: FieldPath, offset: int | None) -> tuple[int, int]:
        """Where character ``offset`` of a text value is, when that can be known exactly."""
        line, column = self.mark(path)
        if offset is None or path not in self.origins:
            return line, column
        first_line, first_column, later_column = self.origins[path]
        before = self._value(path)[:offset]
        row, col = before.count("\n"), offset - (before.rfind("\n") + 1)
        return first_line + row, (first_column if row == 0 else later_column) + col

    def _value(self, path: FieldPath) -> Any:
        value = self.data
        for key in path:
            try:
                value = value[key]
            except (KeyError, IndexError, TypeError):
                return None
        return value

    def key_mark(self, path: FieldPath) -> tuple[int, int]:
        return self.key_marks.get(path) or self.mark(path)


class _Refused(Exception):
    """Internal: stop reading at the first structural problem."""

    def __init__(self, mark: yaml.Mark | None, code: str, message: str, path: FieldPath = ()):
        super().__init__(message)
        self.line, self.column = _position(mark)
        self.code, self.message, self.path = code, message, path


def _position(mark: yaml.Mark | None) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def plain_scalar(text: str) -> Any:
    """Type an unquoted scalar the YAML 1.2 way, stricter: no octal, no sexagesimal, no NaN."""
    if text[:1].isalpha() and text not in ("true", "false", "null"):
        return text  # most values: words
    if text in ("true", "false"):
        return text == "true"
    if text in _NULLS:
        return None
    if _INT.fullmatch(text):
        return int(text)
    if _FLOAT.fullmatch(text):
        number = float(text)
        return number if math.isfinite(number) else text
    return text


class _Builder:
    """Turns libyaml events into Python values, refusing what postings never need.

    This is the hot path of validating thousands of postings: it reads events straight
    from the parser and keeps per-value work to a mark and, for text, its origin.
    """

    def __init__(self, document: Document, next_event: Any, lines: list[str]):
        self.document = document
        self.next_event = next_event
        self.lines = lines
        self.marks = document.marks

    def value(self, event: yaml.Event, path: FieldPath) -> Any:
        if event.__class__ is not yaml.ScalarEvent or event.anchor is not None or event.tag is not None:
            return self._collection(event, path)
        mark = event.start_mark
        self.marks[path] = (mark.line + 1, mark.column + 1)
        style = event.style
        if not style:
            if mark.line == event.end_mark.line:
                self.document.origins[path] = (mark.line + 1, mark.column + 1, mark.column + 1)
            return plain_scalar(event.value)
        if style == "|":
            self._note_block(event, path)
        return event.value

    def _collection(self, event: yaml.Event, path: FieldPath) -> Any:
        self._refuse_decorations(event, path)
        self.marks[path] = _position(event.start_mark)
        if len(path) >= MAX_DEPTH:
            raise _Refused(event.start_mark, "too-deep", "nesting is too deep for a posting", path)
        if isinstance(event, yaml.SequenceStartEvent):
            return self._sequence(path)
        return self._mapping(path)

    def _note_block(self, event: yaml.ScalarEvent, path: FieldPath) -> None:
        first = event.start_mark.line + 1  # 0-based index of the first content line
        content = next((text for text in self.lines[first:] if text.strip()), "")
        indent = len(content) - len(content.lstrip(" "))
        self.document.origins[path] = (first + 1, indent + 1, indent + 1)

    def _refuse_decorations(self, event: yaml.Event, path: FieldPath) -> None:
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(event.start_mark, "yaml-alias", "aliases (*name) are not allowed: write the value out", path)
        if event.anchor is not None:
            raise _Refused(event.start_mark, "yaml-anchor", "anchors (&name) are not allowed: write each value out", path)
        if event.tag is not None:
            raise _Refused(event.start_mark, "yaml-tag", f"YAML tags such as {shown(event.tag)} are not allowed", path)

    def _sequence(self, path: FieldPath) -> list[Any]:
        items: list[Any] = []
        event = self.next_event()
        while event.__class__ is not yaml.SequenceEndEvent:
            items.append(self.value(event, (*path, len(items))))
            event = self.next_event()
        return items

    def _mapping(self, path: FieldPath) -> dict[str, Any]:
        mapping: dict[str, Any] = {}
        key_marks = self.document.key_marks
        event = self.next_event()
        while event.__class__ is not yaml.MappingEndEvent:
            key = self._key(event, path)
            here = (*path, key)
            if key in mapping:
                message = f"{shown(key)} appears twice (first on line {key_marks[here][0]}): keep one"
                raise _Refused(event.start_mark, "duplicate-key", message, here)
            key_marks[here] = (event.start_mark.line + 1, event.start_mark.column + 1)
            mapping[key] = self.value(self.next_event(), here)
            event = self.next_event()
        return mapping

    def _key(self, event: yaml.Event, path: FieldPath) -> str:
        if event.__class__ is not yaml.ScalarEvent:
            self._refuse_decorations(event, path)
            raise _Refused(event.start_mark, "non-string-key", "a key must be a plain name", path)
        if event.anchor is not None or event.tag is not None:
            self._refuse_decorations(event, path)
        key = event.value
        if not event.style and key == "<<":
            raise _Refused(event.start_mark, "yaml-merge-key", "merge keys (<<) are not allowed: write the fields out", path)
        if not event.style and not isinstance(plain_scalar(key), str):
            raise _Refused(event.start_mark, "non-string-key", f"the key {shown(key)} must be a name, not a number, boolean or empty", path)
        return key


def decode(raw: bytes, file: str) -> tuple[str | None, Problem | None]:
    """Strict UTF-8 with the size limit applied before any parsing."""
    if len(raw) > MAX_BYTES:
        return None, Problem(file, 1, 1, "", "file-too-large", f"the file is {len(raw):,} bytes; a posting may be at most {MAX_BYTES:,}")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, Problem(file, 1, 1, "", "not-utf8", "the file is UTF-16: save it as UTF-8")
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        before = raw[: error.start].decode("utf-8", "replace")
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        return None, Problem(file, line, column, "", "not-utf8", "the file is not valid UTF-8: save it as UTF-8")


def load_text(text: str, file: str) -> Document:
    """Parse one posting's text. The returned document has data, or problems, never both."""
    document = Document(file)
    loader = Loader(text)
    try:
        document.data = _single_document(document, loader.get_event, text.split("\n"))
    except _Refused as refused:
        document.problems.append(Problem(file, refused.line, refused.column, dotted(refused.path), refused.code, refused.message))
    except yaml.MarkedYAMLError as error:
        line, column = _position(error.problem_mark)
        document.problems.append(Problem(file, line, column, "", "yaml-syntax", _syntax_message(error)))
    except yaml.reader.ReaderError as error:
        line, column = _offset_position(text, error.position)
        document.problems.append(
            Problem(
                file,
                line,
                column,
                "",
                "control-character",
                f"the file contains a character YAML does not allow (U+{error.character:04X}): remove it",
            )
        )
    except yaml.YAMLError as error:
        document.problems.append(Problem(file, 1, 1, "", "yaml-syntax", f"the file is not valid YAML ({type(error).__name__})"))
    finally:
        loader.dispose()
    if document.problems:
        document.data = None
        document.marks.clear()
    return document


def _single_document(document: Document, next_event: Any, lines: list[str]) -> Any:
    next_event()  # StreamStart
    start = next_event()
    if isinstance(start, yaml.StreamEndEvent):
        raise _Refused(start.start_mark, "empty-file", "the file is empty: a posting is a mapping of fields")
    root = next_event()
    if not isinstance(root, yaml.MappingStartEvent):
        raise _Refused(
            root.start_mark, "not-a-mapping", "a posting must be a mapping of fields (key: value), starting at the top of the file"
        )
    data = _Builder(document, next_event, lines).value(root, ())
    next_event()  # DocumentEnd
    after = next_event()
    if isinstance(after, yaml.DocumentStartEvent):
        raise _Refused(after.start_mark, "multiple-documents", "the file holds more than one YAML document (---): one posting per file")
    return data


def _syntax_message(error: yaml.MarkedYAMLError) -> str:
    problem = (error.problem or "").strip()
    context = (error.context or "").strip()
    detail = f"{context}: {problem}" if context else problem
    return f"this is not valid YAML ({detail}); check indentation, colons and quotes"


def _offset_position(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def load_file(raw: bytes, file: str) -> Document:
    """Bytes of one posting file to a ``Document``."""
    text, problem = decode(raw, file)
    if problem is not None:
        return Document(file, problems=[problem])
    return load_text(text, file)


class _Unusual(Exception):
    """The quick reader met something only the careful one can describe."""


def quick_load(text: str) -> Any:
    """The values only, without marks, or None when anything at all is unusual.

    Most postings are valid, and a valid posting needs no line numbers: reading it without
    them is about twice as fast. Whatever this refuses, ``load_text`` reads again and reports."""
    loader = Loader(text)
    try:
        get = loader.get_event
        get()  # StreamStart
        if get().__class__ is not yaml.DocumentStartEvent:
            return None
        root = get()
        if root.__class__ is not yaml.MappingStartEvent or root.anchor is not None or root.tag is not None:
            return None
        data = _quick_mapping(get, 0)
        get()  # DocumentEnd
        return data if get().__class__ is yaml.StreamEndEvent else None
    except (yaml.YAMLError, _Unusual):
        return None
    finally:
        loader.dispose()


def _quick_value(event: Any, get: Any, depth: int) -> Any:
    kind = event.__class__
    if kind is yaml.AliasEvent or event.anchor is not None or event.tag is not None:
        raise _Unusual
    if kind is yaml.ScalarEvent:
        return event.value if event.style else plain_scalar(event.value)
    if depth >= MAX_DEPTH:
        raise _Unusual
    if kind is yaml.MappingStartEvent:
        return _quick_mapping(get, depth)
    items = []
    item = get()
    while item.__class__ is not yaml.SequenceEndEvent:
        items.append(_quick_value(item, get, depth + 1))
        item = get()
    return items


def _quick_mapping(get: Any, depth: int) -> dict[str, Any]:
    mapping: dict[str, Any] = {}
    event = get()
    while event.__class__ is not yaml.MappingEndEvent:
        if event.__class__ is not yaml.ScalarEvent or event.anchor is not None or event.tag is not None:
            raise _Unusual
        key = event.value
        if key in mapping or (not event.style and (key == "<<" or not isinstance(plain_scalar(key), str))):
            raise _Unusual
        mapping[key] = _quick_value(get(), get, depth + 1)
        event = get()
    return mapping
