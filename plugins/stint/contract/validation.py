"""The one definition of a valid posting, used by ``stint validate`` and the site build.

``check_paths`` reads a set of posting files (folders are listed), and returns the
documents that passed and every problem of every file, sorted. It never raises on
bad input.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from stint.contract import duplicates
from stint.contract.board_rules import board_problems
from stint.contract.employer_checks import employer_warnings
from stint.contract.loading import MAX_BYTES, Document, decode, load_file, quick_load
from stint.contract.problems import Problem, dotted
from stint.contract.schema_check import SCHEMA_PATH, schema_problems, validator
from stint.contract.slugs import SLUG, SLUG_RULE, file_slug, kept_name, slug_of

# Above this many files, checking is spread over the machine's cores: YAML parsing is
# the floor of the cost (libyaml's events alone take about 0.1 ms a posting).
PARALLEL_FROM = 400
SHARED_TEXT = 32  # texts up to this long are interned: codes, modes, dates, short names

Checks = dict[tuple[str, str], tuple[Document, list[Problem]]]
Stats = dict[str, tuple[tuple[int, int, int], str]]


@dataclass
class ListingsCheck:
    """The outcome of checking a set of postings."""

    documents: list[Document] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Every file's own check, by (name, content digest): what a cache may keep.
    checks: dict[tuple[str, str], tuple[Document, list[Problem]]] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [problem for problem in self.problems if not problem.is_error]

    @property
    def ok(self) -> bool:
        """No errors: warnings ask a person to look, they never fail a check."""
        return not self.errors

    def publishable(self) -> list[Document]:
        """The postings that break no rule, cross-file rules included: what a build that
        keeps going publishes, leaving the rest out."""
        broken = {problem.file for problem in self.errors}
        return [document for document in self.documents if document.file not in broken]


def display_name(path: Path) -> str:
    """The path as the employer sees it in the repository: relative to where they run."""
    cwd = os.getcwd()
    absolute = os.path.normpath(os.path.join(cwd, path))  # string work only: no stat per file at 10,000
    inside = absolute.startswith(cwd.rstrip(os.sep) + os.sep)
    return (absolute[len(cwd.rstrip(os.sep)) + 1 :] if inside else absolute).replace(os.sep, "/")


def check_paths(
    paths: Iterable[Path],
    schema: Path = SCHEMA_PATH,
    known: Checks | None = None,
    keep_data: bool = True,
    stats: Stats | None = None,
    repeats: dict[str, duplicates.Repeats] | None = None,
) -> ListingsCheck:
    """Check every posting under ``paths`` (files or folders) as one set.

    ``known`` holds earlier checks of unchanged files (same name, same bytes) to reuse;
    the cross-file checks always cover the whole set. Without ``keep_data`` the documents
    keep only what those checks read (the command line needs no more). ``stats`` remembers
    each file's size, modification time and digest, so unchanged files are not read to be
    hashed; it is updated in place. ``repeats`` keeps the duplicates sweep's findings to
    reuse, likewise (``duplicates.repeat_problems``)."""
    result = ListingsCheck()
    files: list[Path] = []
    for path in paths:
        found, problems = posting_files(path)
        files.extend(found)
        result.problems.extend(problems)
    files = list(dict.fromkeys(files))  # a file named twice is checked once
    result.problems.extend(_clashing_slugs(files))
    names = {path: display_name(path) for path in files}
    result.checks = _check_files(names, schema, known, keep_data, {} if stats is None else stats)
    for document, problems in result.checks.values():
        result.problems.extend(problems)
        if not any(problem.is_error for problem in problems):
            result.documents.append(document)
    sources = {name: path for path, name in names.items()}
    if repeats is None:
        result.problems.extend(duplicates.duplicate_problems(result.documents, sources))
    else:
        digests = dict(result.checks.keys())  # name -> content digest
        result.problems.extend(duplicates.repeat_problems(result.documents, sources, digests, repeats))
    result.problems.sort()
    return result


def _check_files(names: dict[Path, str], schema: Path, known: Checks | None, keep_data: bool, stats: Stats) -> Checks:
    """Each file's check, in file order; ``names`` holds each file's display name."""
    files = list(names)
    # Without earlier checks to match (the CLI), files are not hashed: their bytes are read once.
    keys = {path: (name, _content_digest(path, stats) if known is not None else "") for path, name in names.items()}
    for gone in set(stats) - {str(path) for path in files}:
        del stats[gone]
    known = known or {}
    checks = {keys[path]: known[keys[path]] for path in files if keys[path] in known}
    todo = [path for path in files if keys[path] not in checks]
    workers = min(os.cpu_count() or 1, 8)
    if len(todo) < PARALLEL_FROM or workers < 2:
        checked = [_check_file(path, schema, keep_data) for path in todo]
    else:
        validator(schema)  # build once, before forking, so every worker inherits it
        with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("fork")) as pool:
            checked = list(pool.map(_check_file, todo, [schema] * len(todo), [keep_data] * len(todo), chunksize=200))
    checks.update(zip((keys[path] for path in todo), checked, strict=True))
    return {keys[path]: checks[keys[path]] for path in files}  # in file order


def _content_digest(path: Path, stats: Stats) -> str:
    """The file's digest; a file whose size, modification time and inode are unchanged is not read."""
    try:
        status = path.stat()
        signature = (status.st_size, status.st_mtime_ns, status.st_ino)
        seen = stats.get(str(path))
        if seen is not None and seen[0] == signature:
            return seen[1]
        value = hashlib.sha256(path.read_bytes()[: MAX_BYTES + 1]).hexdigest()
    except OSError:
        return ""  # unreadable: checked (and reported) every time
    stats[str(path)] = (signature, value)
    return value


def _check_file(path: Path, schema: Path, keep_data: bool = True) -> tuple[Document, list[Problem]]:
    document, problems = _quick_check(path, schema)
    if document is None:  # something to report: read again, with every value's place
        document = read_document(path)
        problems = check_document(document, schema)
    if not any(problem.is_error for problem in problems):
        document.sweep = duplicates.sweep_of(document.data)
    if not keep_data and isinstance(document.data, dict):
        document.data = {key: document.data[key] for key in duplicates.FIELDS if key in document.data}
    # Only what later stages read travels back: the data and the marks the cross-file check points at.
    document.marks = {mark: place for mark, place in document.marks.items() if mark in duplicates.MARKS}
    document.key_marks, document.origins = {}, {}
    document.data = _shared(document.data)
    return document, problems


def _shared(value: Any) -> Any:
    """The same data, its keys and short texts (``remote``, ``USD``) interned: every posting
    repeats them, and one object each, kept through pickling, is half a posting's memory."""
    if isinstance(value, dict):
        return {sys.intern(key) if type(key) is str else key: _shared(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_shared(item) for item in value]
    if type(value) is str and len(value) <= SHARED_TEXT:
        return sys.intern(value)
    return value


def _quick_check(path: Path, schema: Path) -> tuple[Document | None, list[Problem]]:
    """A valid posting, read without marks (they are read later only if a duplicate is found)."""
    try:
        text, problem = decode(path.read_bytes()[: MAX_BYTES + 1], "")
    except OSError:
        return None, []
    data = quick_load(text) if problem is None else None
    if data is None:
        return None, []
    document = Document(display_name(path), data)
    return (document, []) if not check_document(document, schema) else (None, [])


def read_document(path: Path) -> Document:
    name = display_name(path)
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as error:
        return Document(name, problems=[Problem(name, 1, 1, "", "unreadable-file", f"cannot be read: {error.strerror}")])
    return load_file(raw, name)


def check_document(document: Document, schema: Path = SCHEMA_PATH) -> list[Problem]:
    """Every problem of one loaded posting: loading, schema, then the board's rules."""
    if document.problems:
        return list(document.problems)
    problems = []
    failed = set()
    for found in schema_problems(document.data, schema):
        failed.add(found.path)
        line, column = document.key_mark(found.path) if found.at_key else document.mark(found.path)
        problems.append(Problem(document.file, line, column, dotted(found.path), found.code, found.message))
    for finding in board_problems(document.data, failed):
        line, column = document.position(finding.path, finding.offset)
        problems.append(Problem(document.file, line, column, dotted(finding.path), finding.code, finding.message))
    return problems or employer_warnings(document)  # who the employer is, asked only of a posting that keeps every rule


def posting_files(path: Path) -> tuple[list[Path], list[Problem]]:
    """The posting files at ``path`` (a file, or a folder listed), and a problem for anything else there."""
    if path.is_symlink():
        return [], [_stray(path, "symbolic links are not accepted: add the posting itself as a file")]
    if path.is_file():
        problem = _name_problem(path)
        return ([], [problem]) if problem else ([path], [])
    if not path.is_dir():
        return [], [_stray(path, "does not exist")]
    files, problems = [], []
    for entry in sorted(os.scandir(path), key=lambda entry: entry.name):
        child = Path(entry.path)
        if entry.is_symlink():
            problems.append(_stray(child, "symbolic links are not accepted: add the posting itself as a file"))
        elif entry.is_dir():
            problems.append(_stray(child, "folders are not read: put each posting directly in listings/ as <slug>.yaml"))
        else:
            problem = _name_problem(child)
            problems.extend([problem] if problem else [])
            files.extend([] if problem else [child])
    return files, problems


def _name_problem(path: Path) -> Problem | None:
    name = path.name
    stem, _, extension = name.rpartition(".")
    if extension.lower() in ("yaml", "yml") and stem:
        suggestion = file_slug(stem)
        if extension == "yaml" and (kept := kept_name(stem, "file name")):
            return _stray(path, kept, "reserved-slug")
        if extension == "yaml" and SLUG.fullmatch(stem):
            return None
        if extension != "yaml" or stem != stem.lower():
            return _stray(path, f"posting files are named <slug>.yaml in lower case: rename it to {suggestion}.yaml", "bad-file-name")
        return _stray(
            path,
            f"the file name must be {SLUG_RULE}: for example {suggestion}.yaml",
            "bad-file-name",
        )
    if extension.lower() == "json":
        return _stray(path, "postings are YAML files: convert it to <slug>.yaml (see /submit/)")
    return _stray(path, "only postings (<slug>.yaml) belong in listings/: move this file elsewhere or remove it")


def _stray(path: Path, message: str, code: str = "unexpected-file") -> Problem:
    return Problem(display_name(path), 1, 1, "", code, message)


def _clashing_slugs(files: list[Path]) -> list[Problem]:
    first: dict[str, Path] = {}
    problems = []
    for path in files:
        slug = slug_of(path)
        if slug in first and first[slug].resolve() != path.resolve():
            problems.append(
                _stray(
                    path,
                    f"another posting already has the slug {slug} ({display_name(first[slug])}): choose another file name",
                    "duplicate-slug",
                )
            )
        first.setdefault(slug, path)
    return problems
