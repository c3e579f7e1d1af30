"""A posting file: the posting as YAML, and writing it only when it is valid, never over a file.

The YAML is block style in the contract's order, each value written so that every YAML
reader, 1.1 or 1.2, reads back exactly what was meant (NO stays a string). Before anything is
written, the file is checked by ``check_paths`` in a temporary folder together with the
board's other postings. ``stint new`` and ``stint from-issue`` both write through here.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from stint.commands.answers import Answers
from stint.contract.loading import Document, Loader, load_text, plain_scalar
from stint.contract.problems import Problem
from stint.contract.schema_check import load_schema
from stint.contract.slugs import posting_path
from stint.contract.validation import check_paths, display_name
from stint.dates import calendar_date
from stint.settings import command_listings

HEADER = "# yaml-language-server: $schema=../schema/posting.schema.json\n"
_INDICATORS = tuple("-?:,[]{}#&*!|>'\"%@`")
_DATE_KEYS = {"posted", "apply_by", "start"}


class UsageError(Exception):
    """The command was used wrongly (exit 2): nothing is written."""


class Refused(Exception):
    """An answer that cannot become a posting (exit 1): nothing is written."""


class PostingExists(Refused):
    """The posting's file is already there: stint never overwrites a posting."""

    def __init__(self, path: Path):
        super().__init__(f"{display_name(path)} already exists: stint never overwrites a posting; choose another slug")
        self.path = path


def field_schema(key: str) -> dict[str, Any]:
    """The schema of one dotted posting field, such as ``organization.name``; empty if there is none."""
    node: dict[str, Any] = load_schema()
    for part in key.split("."):
        node = node.get("properties", {}).get(part, {})
    return node


def nested(answers: Answers) -> dict[str, Any]:
    """Dotted answers to the posting mapping; values equal to the schema's default are left out."""
    posting: dict[str, Any] = {}
    for key, value in answers.items():
        if value is None or value == [] or field_schema(key).get("default") == value:
            continue
        *parents, last = key.split(".")
        node = posting
        for parent in parents:
            node = node.setdefault(parent, {})
        node[last] = value
    return posting


def render(posting: dict[str, Any]) -> str:
    """The file's text: the schema comment for editors, then the fields."""
    return HEADER + "".join(_mapping(posting, load_schema(), 0))


def _mapping(mapping: dict[str, Any], schema: dict[str, Any], indent: int) -> Iterator[str]:
    properties = schema.get("properties", {})
    order = list(properties)
    for key in sorted(mapping, key=lambda key: order.index(key) if key in order else len(order)):
        yield from _entry(key, mapping[key], properties.get(key, {}), indent)


def _entry(key: str, value: Any, schema: dict[str, Any], indent: int) -> Iterator[str]:
    pad = " " * indent
    if isinstance(value, dict):
        yield f"{pad}{key}:\n"
        yield from _mapping(value, schema, indent + 2)
    elif isinstance(value, list):
        yield f"{pad}{key}:\n"
        yield from (f"{pad}  - {scalar(item)}\n" for item in value)
    else:
        block = literal_block(value, indent + 2) if isinstance(value, str) and "\n" in value else None
        yield f"{pad}{key}: {block or scalar(value, date=key in _DATE_KEYS)}\n"


def scalar(value: Any, date: bool = False) -> str:
    """One value on one line: plain when that is unambiguous, else double-quoted with escapes."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(int(value)) if isinstance(value, float) and value.is_integer() else repr(value)
    if date and calendar_date(value):
        return value  # unquoted, as the contract's example writes dates; a real date reads as one everywhere
    return value if _plain_is_safe(value) else quoted(value)


def _plain_is_safe(text: str) -> bool:
    if not text or text != text.strip() or not text.isprintable() or text.startswith(_INDICATORS):
        return False
    if ": " in text or " #" in text or text.endswith(":"):
        return False
    return _reads_back(text, text) and plain_scalar(text) == text


def _reads_back(source: str, expected: Any) -> bool:
    """Does a YAML 1.1 reader (the most surprising one) read ``source`` as ``expected``?"""
    try:
        return yaml.load(source, Loader=Loader) == expected
    except (yaml.YAMLError, ValueError, RecursionError):
        return False


def quoted(text: str) -> str:
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif char.isprintable():
            out.append(char)
        else:
            code = ord(char)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
    return '"' + "".join(out) + '"'


def literal_block(text: str, indent: int) -> str | None:
    """A ``|`` block for Markdown, or None when only a quoted string can hold the text."""
    body = text.rstrip("\n")
    if not body.strip() or not all(line.isprintable() for line in body.split("\n")):
        return None
    trailing = len(text) - len(body)
    chomp = "-" if trailing == 0 else "" if trailing == 1 else "+"
    first = next(line for line in body.split("\n") if line.strip())
    header = "|" + ("2" if first.startswith(" ") else "") + chomp
    pad = " " * indent
    lines = [f"{pad}{line}" if line else "" for line in body.split("\n")] + [""] * (trailing - 1 if chomp == "+" else 0)
    block = header + "\n" + "\n".join(lines)
    return block if _reads_back(f"v: {block}\n", {"v": text}) else None


# Writing: never over an existing file, never an invalid one.


def listings_folder(option: Path | None) -> Path:
    """The postings folder to write to: the one named, else the commands' default; it must exist."""
    folder = option or command_listings()
    if not folder.is_dir():
        raise UsageError(f"there is no postings folder at {folder}: run stint in the repository's root, or pass --listings DIR")
    return folder


def write_posting(posting: dict[str, Any], slug: str, listings: Path) -> tuple[Path, list[Problem]]:
    """Write ``listings/<slug>.yaml`` when the board's real check finds no error; return what it found
    (warnings alone do not stop the writing)."""
    target = posting_path(listings, slug)
    if target.exists() or target.is_symlink():
        raise PostingExists(target)
    text = render(posting)
    document = load_text(text, display_name(target))
    if document.data != posting:
        raise RuntimeError("the YAML writer changed a value; please report this")
    problems = trial_problems(text, document)
    if not any(problem.is_error for problem in problems):
        try:
            with target.open("x", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
        except FileExistsError:  # written by someone else since we looked
            raise PostingExists(target) from None
    return target, problems


def trial_problems(text: str, document: Document) -> list[Problem]:
    """Check the file in a temporary folder together with the board's postings: its own problems and its clashes."""
    target = Path(document.file)
    with tempfile.TemporaryDirectory(prefix="stint-new-") as folder:
        trial = Path(folder) / target.name
        trial.write_text(text, encoding="utf-8", newline="\n")
        result = check_paths([trial, target.parent] if target.parent.is_dir() else [trial])
        trial_name = display_name(trial)
    return [
        _as_new(problem, trial_name, document) for problem in result.problems if problem.file == trial_name or trial_name in problem.message
    ]


def _as_new(problem: Problem, trial_name: str, document: Document) -> Problem:
    """A clash is reported on whichever file sorts later; say it of the new posting, naming the other file."""
    if problem.file == trial_name:
        return replace(problem, file=document.file)
    line, column = document.mark(tuple(problem.field.split(".")))
    message = re.sub(re.escape(trial_name) + r" \(line \d+\)", f"{problem.file} (line {problem.line})", problem.message)
    return replace(problem, file=document.file, line=line, column=column, message=message)
