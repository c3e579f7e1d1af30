"""``stint fix``: rewrite what a machine can fix in a posting file, and nothing else.

Edits are made in the file's own text, at the characters concerned: comments, quoting, key
order and line endings stay byte for byte. Two kinds of fix:

- invisible and control characters that carry no meaning (``text_fixes``), removed or
  replaced where they stand, also when written as escapes in a double-quoted string;
- a description with HTML the page would drop (pasted from an applicant-tracking system),
  converted to the Markdown it means (``description_html``) and written as a ``|`` block.

A file is only written when the result provably reads back as the same values, except for
what was fixed: else it is left alone and the reason is reported.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from stint.commands.posting_file import literal_block, quoted
from stint.contract import description_html, text_fixes
from stint.contract.loading import MAX_BYTES, Loader, decode, load_text
from stint.contract.problems import FieldPath, dotted

_ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)", re.DOTALL)
_SIMPLE_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\r",
                   "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029"}  # fmt: skip
# Characters the YAML reader refuses anywhere in a file: fixed before the file can be parsed.
_UNREADABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")


@dataclass
class Change:
    line: int
    column: int
    field: str
    message: str


@dataclass
class FixResult:
    file: str
    text: str
    changes: list[Change] = field(default_factory=list)
    refused: str | None = None  # why nothing was written
    description: str | None = None  # the Markdown a pasted HTML description became

    def report(self) -> Iterator[str]:
        for change in self.changes:
            where = f"{change.field}: " if change.field else ""
            yield f"{self.file}:{change.line}:{change.column}: {where}{change.message}"
        if self.refused:
            yield f"{self.file}: not changed: {self.refused}"


def fix_text(text: str, file: str) -> FixResult:
    """The fixed text of one posting file, with what changed, or why it was left alone."""
    result = FixResult(file, text)
    readable = _fix_unreadable(text, result)
    try:
        node = yaml.compose(readable, Loader=Loader)  # libyaml, as the board reads postings (tabs in plain text)
    except yaml.YAMLError:
        return _refuse(result, text, "it is not valid YAML apart from the characters a machine can fix")
    before = load_text(readable, file)
    if before.problems or not isinstance(node, yaml.MappingNode):
        return _refuse(result, text, "it does not read as a posting: run `stint validate` to see why")
    edits = list(_scalar_edits(node, (), _Text(readable), result))
    fixed = _apply(readable, edits)
    expected = _expected(before.data, result)
    after = load_text(fixed, file)
    if after.problems or after.data != expected:
        return _refuse(result, text, "the fix would change more than the characters concerned; fix it by hand")
    result.text = fixed
    return result


def _refuse(result: FixResult, text: str, why: str) -> FixResult:
    result.text, result.changes, result.refused, result.description = text, [], why, None
    return result


class _Text(str):
    """The file's text, which also says where a character is (1-based line and column)."""

    @cached_property
    def _line_starts(self) -> list[int]:
        return [0, *(match.end() for match in re.finditer("\n", self))]

    def place(self, index: int) -> tuple[int, int]:
        line = bisect_right(self._line_starts, index)
        return line, index - self._line_starts[line - 1] + 1


def _fix_unreadable(text: str, result: FixResult) -> str:
    """Control characters that stop the file from being read at all: a page break on a line
    of its own leaves a blank line; elsewhere it becomes a space; the rest are removed."""

    def replace(match: re.Match[str]) -> str:
        char, start = match.group(), match.start()
        own_line = text[start - 1 : start] in ("\n", "") and text[start + 1 : start + 2] in ("\n", "")
        new = " " if char in "\x0b\x0c" and not own_line else ""
        action = "removed" if new == "" else "replaced with a space"
        result.changes.append(Change(*source.place(start), "", f"{action}: a {text_fixes.describe(char)}"))
        return new

    source = _Text(text)
    return _UNREADABLE.sub(replace, text)


def _scalar_edits(node: yaml.Node, path: FieldPath, text: _Text, result: FixResult) -> Iterator[tuple[int, int, str]]:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _scalar_edits(value, (*path, key.value), text, result)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield from _scalar_edits(item, (*path, index), text, result)
    elif isinstance(node, yaml.ScalarNode):
        if path == ("description",) and description_html.first_refusal(node.value):
            yield _converted_description(node, text, result)
        else:
            yield from _character_edits(node, path, text, result)
            if path[-1:] == ("url",) and text_fixes.with_scheme(node.value) != node.value:
                yield _added_scheme(node, path, text, result)


def _added_scheme(node: yaml.ScalarNode, path: FieldPath, text: str, result: FixResult) -> tuple[int, int, str]:
    start = node.start_mark.index + (1 if node.style in ("'", '"') else 0)
    result.changes.append(Change(node.start_mark.line + 1, node.start_mark.column + 1, dotted(path), "added https:// before the address"))
    return start, start, "https://"


def _converted(description: str) -> str:
    return text_fixes.clean_text(description_html.as_markdown(description), multi_line=True)


def _converted_description(node: yaml.ScalarNode, text: str, result: FixResult) -> tuple[int, int, str]:
    markdown = result.description = _converted(node.value)
    block = literal_block(markdown, _key_indent(text, node.start_mark.index) + 2) or quoted(markdown)
    removed = description_html.removed_by_conversion(node.value)
    dropped = f"; removed as unsafe: {', '.join(removed)}" if removed else ""
    change = Change(node.start_mark.line + 1, node.start_mark.column + 1, "description", f"converted the HTML to Markdown{dropped}")
    result.changes.append(change)
    end = node.end_mark.index
    if node.style in ("|", ">") and text[end - 1 : end] == "\n":
        end -= 1  # the block's last line break belongs to the file, not the value
    return node.start_mark.index, end, block


def _key_indent(text: str, index: int) -> int:
    line_start = text.rfind("\n", 0, index) + 1
    line = text[line_start:index]
    return len(line) - len(line.lstrip(" "))


def _character_edits(node: yaml.ScalarNode, path: FieldPath, text: _Text, result: FixResult) -> Iterator[tuple[int, int, str]]:
    multi_line = path in text_fixes.MULTI_LINE_FIELDS
    units = [(start, end, char, text_fixes.replacement(char, multi_line)) for start, end, char in _characters(node, text)]
    outer = set() if multi_line or not node.style else _outer_spaces(units)  # YAML trims plain text itself
    for index, (start, end, char, new) in enumerate(units):
        if index in outer:
            new = ""
        if new is None:
            continue
        action = "removed" if new == "" else "replaced with a line break" if new == "\n" else "replaced with a space"
        what = "a space at the start or end" if char == " " else f"a {text_fixes.describe(char)}"
        result.changes.append(Change(*text.place(start), dotted(path), f"{action}: {what}"))
        yield start, end, _written(new, node.style)


def _outer_spaces(units: list[tuple[int, int, str, str | None]]) -> set[int]:
    """The units of a quoted one-line value that are, or become, spaces at its start or end."""
    blank = [(char if new is None else new) in (" ", "") for _, _, char, new in units]
    leading = next((index for index, is_blank in enumerate(blank) if not is_blank), len(units))
    trailing = next((index for index in range(len(units) - 1, -1, -1) if not blank[index]), -1)
    return set(range(leading)) | set(range(trailing + 1, len(units)))


def _characters(node: yaml.ScalarNode, text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, character) for each character of a scalar as it is written in the file."""
    start, end = node.start_mark.index, node.end_mark.index
    if node.style != '"':
        for offset, char in enumerate(text[start:end]):
            yield start + offset, start + offset + 1, char
        return
    index = start + 1
    while index < end - 1:
        escape = _ESCAPE.match(text, index) if text[index] == "\\" else None
        if escape:
            yield index, escape.end(), _unescaped(escape.group(1))
            index = escape.end()
        else:
            yield index, index + 1, text[index]
            index += 1


def _unescaped(body: str) -> str:
    if body[0] in "xuU" and len(body) > 1:
        return chr(int(body[1:], 16))
    return _SIMPLE_ESCAPES.get(body, body)


def _written(new: str, style: str | None) -> str:
    return "\\n" if new == "\n" and style == '"' else new


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    """The text with every edit made, in one pass: thousands of edits to a 64 KiB file must
    not copy the file thousands of times."""
    pieces, done = [], 0
    for start, end, new in sorted(edits):
        pieces += [text[done:start], new]
        done = end
    return "".join([*pieces, text[done:]])


def _expected(data: dict[str, Any], result: FixResult) -> dict[str, Any]:
    """The values the fixed file must read as: the same, with each fixable character fixed."""
    expected = text_fixes.clean_value(data)
    if result.description is not None:
        expected["description"] = result.description
    return expected


def fix_file(path: Path, file: str, write: bool = True) -> FixResult:
    raw = path.read_bytes()[: MAX_BYTES + 1]
    text, problem = decode(raw, file)
    if text is None:
        return FixResult(file, "", refused=problem.message if problem else "it cannot be read")
    result = fix_text(text, file)
    if write and result.changes and result.text != text:
        bom = "\ufeff" if raw.startswith(b"\xef\xbb\xbf") else ""
        temporary = path.with_name(f".{path.name}.stint-fix")
        temporary.write_bytes((bom + result.text).encode("utf-8"))
        temporary.replace(path)
    return result
