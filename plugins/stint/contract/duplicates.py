"""The same posting submitted twice, and look-alikes an editor should see before merging.

Two postings can only clash while their windows (``posted`` to ``apply_by``) overlap:
re-posting a role for a later season is fine. Within overlapping windows, and why each
finding has the severity it has:

- error ``duplicate-posting``: the same organisation, the same role (a near-identical title
  with the same level and role words) and the same apply target. Nothing legitimate looks
  like that; it is a double submission, and publishing it shows readers one role twice.
- warning ``duplicate-apply-link``: the same apply target, but another role or another
  organisation. Sibling roles share one careers page or one ``jobs@`` address all the time,
  so it cannot block; a person checks that the link is the employer's own.
- warning ``similar-title``: the same organisation and role, another apply target. Often a
  resubmission with a new link, sometimes a second cohort: a person decides.

Titles that differ in a level word (junior, senior, lead, II, intern, graduate ...), in
the role noun (scientist, engineer ...) or in a number (a cohort, a year) name different roles and never clash, however
close their letters. The check sweeps postings in ``posted`` order, keeping only the
windows still open, so its cost grows with the postings, not with their pairs.
"""

from __future__ import annotations

import hashlib
import heapq
import re
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any, NamedTuple

from rapidfuzz import fuzz, process

from stint.contract.loading import Document, load_file
from stint.contract.problems import ERROR, WARNING, FieldPath, Problem
from stint.contract.urls import normalized_apply_target

# What this check reads of a document, and the places it points at: all that a document
# must keep when it crosses a process boundary (``validation`` keeps these and no more).
FIELDS = ("title", "organization", "apply", "posted", "apply_by")
MARKS = frozenset({("title",), ("apply",), ("apply", "url"), ("apply", "email")})
TITLE_SIMILARITY = 90  # rapidfuzz's ratio, 0-100: "Data Analyst Intern" vs "Data Analyst Intern!" and typos
# Each posting's title is compared with at most this many open ones of the same organisation
# and role, newest first, and as many with the identical title: so one posting costs a bounded
# number of comparisons however many share its organisation, role or window.
MAX_COMPARISONS = 1000

_WORDS = re.compile(r"[^\w]+")
LEVEL_WORDS = frozenset(
    [
        "junior",
        "jr",
        "senior",
        "sr",
        "lead",
        "principal",
        "staff",
        "head",
        "chief",
        "associate",
        "assistant",
        "intern",
        "interns",
        "internship",
        "internships",
        "graduate",
        "graduates",
        "grad",
        "trainee",
        "apprentice",
        "apprenticeship",
        "entry",
        "mid",
        "midlevel",
        "level",
        "i",
        "ii",
        "iii",
        "iv",
        "v",
        "vi",
        "1",
        "2",
        "3",
        "4",
        "5",
        "undergraduate",
        "postgraduate",
        "doctoral",
        "phd",
        "masters",
        "master",
        "student",
        "students",
        "fellow",
        "fellowship",
        "working",
        "werkstudent",
    ]
)
ROLE_NOUNS = frozenset(
    [
        "engineer",
        "developer",
        "programmer",
        "scientist",
        "analyst",
        "designer",
        "researcher",
        "manager",
        "writer",
        "editor",
        "marketer",
        "strategist",
        "accountant",
        "auditor",
        "consultant",
        "coordinator",
        "specialist",
        "administrator",
        "architect",
        "technician",
        "tester",
        "economist",
        "statistician",
        "mathematician",
        "officer",
        "representative",
        "recruiter",
        "planner",
        "producer",
        "illustrator",
        "animator",
        "photographer",
        "videographer",
        "translator",
        "tutor",
        "teacher",
        "advisor",
        "adviser",
        "associate",
        "assistant",
        "lawyer",
        "paralegal",
        "copywriter",
        "journalist",
        "reporter",
        "curator",
        "librarian",
        "archivist",
        "operator",
        "support",
        "success",
        "growth",
        "sales",
    ]
)


class Sweep(NamedTuple):
    """What the sweep compares of one posting, normalised. Worked out when its file is
    checked and kept with that check between builds: normalising 10,000 apply targets and
    titles was most of the sweep's time in a rebuild that changed one posting."""

    target: str | None
    organization: str | None
    title: str | None
    role: tuple[frozenset[str], ...]  # (level words, role nouns, numbers)
    posted: str
    apply_by: str


def sweep_of(data: Any) -> Sweep:
    """``data``: a posting that broke no rule."""
    apply = data.get("apply") or {}
    target = apply.get("url") or apply.get("email")
    organization = (data.get("organization") or {}).get("name")
    title = data.get("title")
    simple = _simplified(title) if isinstance(title, str) else None
    return Sweep(
        normalized_apply_target(target) if isinstance(target, str) else None,
        _simplified(organization) if isinstance(organization, str) else None,
        simple,
        _role(simple or ""),
        str(data.get("posted")),
        str(data.get("apply_by")),
    )


@dataclass(frozen=True)
class _Entry:
    """One posting in the sweep: its place in the input, its document, what is compared."""

    seq: int
    document: Document
    sweep: Sweep


class _Open:
    """The postings of one group whose window is still open, as the sweep moves on in time."""

    def __init__(self) -> None:
        self._ends: list[tuple[str, int]] = []
        self.live: dict[int, _Entry] = {}

    def on(self, day: str) -> dict[int, _Entry]:
        """Open on ``day``: windows ending before it are dropped, once."""
        while self._ends and self._ends[0][0] < day:
            del self.live[heapq.heappop(self._ends)[1]]
        return self.live

    def add(self, entry: _Entry) -> None:
        heapq.heappush(self._ends, (entry.sweep.apply_by, entry.seq))
        self.live[entry.seq] = entry


class Repeats(NamedTuple):
    """A sweep's findings, kept for the next build."""

    key: str  # all that the sweep read of the postings (``_sweeps_key``)
    problems: tuple[Problem, ...]
    files: dict[str, str]  # each file a finding points into, and its content digest


def repeat_problems(
    documents: list[Document], sources: Mapping[str, Path], digests: Mapping[str, str], kept: dict[str, Repeats]
) -> list[Problem]:
    """``duplicate_problems``, reused from ``kept`` (a table the build cache keeps, updated
    here) while no posting changed in what the sweep reads and no file a finding points
    into changed. A description edit, the usual change, then sweeps nothing (the sweep
    takes 0.3-0.45 s at 10,000 postings). ``digests``: each file's content digest, by name."""
    key = _sweeps_key(documents)
    earlier = kept.get("sweep")
    if earlier is not None and earlier.key == key and all(digests.get(file) == digest for file, digest in earlier.files.items()):
        return list(earlier.problems)
    marked: set[str] = set()
    found = list(duplicate_problems(documents, sources, marked))
    kept["sweep"] = Repeats(key, tuple(found), {file: digests[file] for file in marked})
    return found


def _sweeps_key(documents: list[Document]) -> str:
    """A digest of each posting's file name and what the sweep compares, in order. The role
    words are left out: they come from the title (and their sets print in no fixed order)."""
    parts = []
    for document in documents:
        sweep = document.sweep or sweep_of(document.data)
        by_url = "url" in (document.data.get("apply") or {})  # which field a link finding names
        parts.append((document.file, sweep.target, sweep.organization, sweep.title, sweep.posted, sweep.apply_by, by_url))
    return hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()


def duplicate_problems(
    documents: list[Document], sources: Mapping[str, Path] | None = None, marked: set[str] | None = None
) -> Iterator[Problem]:
    """Each later posting (by ``posted``, then file name) is reported against one it repeats.

    ``sources`` holds the file of each document read without marks, by its name: a valid
    posting is read quickly, without them, and they are read again only for a finding.
    ``marked`` gets the name of each file a finding points into."""
    places = _Places(sources or {}, set() if marked is None else marked)
    entries = sorted(_entries(documents), key=lambda entry: (entry.sweep.posted, entry.document.file))
    by_target: defaultdict[str, _Open] = defaultdict(_Open)
    by_role: defaultdict[tuple[Any, ...], _Open] = defaultdict(_Open)
    by_title: defaultdict[tuple[Any, ...], _Open] = defaultdict(_Open)
    for entry in entries:
        role_key = (entry.sweep.organization, entry.sweep.role)
        same_role = _same_role(entry, by_title[(*role_key, entry.sweep.title)], by_role[role_key]) if entry.sweep.title else []
        same_link = next(iter(by_target[entry.sweep.target].on(entry.sweep.posted).values()), None) if entry.sweep.target else None
        yield from _findings(entry, same_role, same_link, places)
        if entry.sweep.target:
            by_target[entry.sweep.target].add(entry)
        if entry.sweep.organization and entry.sweep.title:
            by_role[role_key].add(entry)
            by_title[(*role_key, entry.sweep.title)].add(entry)


def _entries(documents: list[Document]) -> Iterator[_Entry]:
    for seq, document in enumerate(documents):
        yield _Entry(seq, document, document.sweep or sweep_of(document.data))


def _same_role(entry: _Entry, same_title: _Open, same_role: _Open) -> list[_Entry]:
    """Open postings of the same organisation and role with the same or a near-identical title."""
    titled = same_title.on(entry.sweep.posted)
    found = {seq: titled[seq] for seq in islice(reversed(titled), MAX_COMPARISONS)}
    live = same_role.on(entry.sweep.posted)
    recent = [live[seq] for seq in islice(reversed(live), MAX_COMPARISONS) if seq not in found]
    matches = process.extract(
        entry.sweep.title, [other.sweep.title for other in recent], scorer=fuzz.ratio, score_cutoff=TITLE_SIMILARITY, limit=None
    )
    found.update((recent[index].seq, recent[index]) for _, _, index in matches)
    return sorted(found.values(), key=lambda other: other.seq)


def _findings(entry: _Entry, same_role: list[_Entry], same_link: _Entry | None, places: _Places) -> Iterator[Problem]:
    double = next((other for other in same_role if other.sweep.target == entry.sweep.target and entry.sweep.target), None)
    if double is not None:
        yield _problem(entry, double, "title", "duplicate-posting", "is the same role, organisation and application link as", places)
        return
    if same_link is not None:
        yield _problem(entry, same_link, "apply", "duplicate-apply-link", "has the same application link as", places)
    if same_role:
        yield _problem(entry, same_role[0], "title", "similar-title", "has a near-identical title from the same organisation as", places)


_ADVICE = {
    "duplicate-posting": "remove one of the two, or give this one its own application link if it is a separate role",
    "duplicate-apply-link": "fine for sibling roles sharing one careers page or jobs@ address; check the link belongs to this organisation",
    "similar-title": "if it is the same role posted twice, remove one; if it is another cohort or role, no change is needed",
}


class _Places:
    """Where a finding points. A document without marks has them read from its file, once."""

    def __init__(self, sources: Mapping[str, Path], marked: set[str]):
        self._sources = sources
        self._read: dict[str, Document] = {}
        self.marked = marked

    def mark(self, document: Document, path: FieldPath) -> tuple[int, int]:
        self.marked.add(document.file)
        if document.marks or document.file not in self._sources:
            return document.mark(path)
        if document.file not in self._read:
            self._read[document.file] = load_file(self._sources[document.file].read_bytes(), document.file)
        return self._read[document.file].mark(path)


def _problem(entry: _Entry, other: _Entry, field: str, code: str, what: str, places: _Places) -> Problem:
    document, earlier = entry.document, other.document
    if field == "apply":
        apply = document.data.get("apply") or {}
        field = "apply.url" if "url" in apply else "apply.email"
        line, column = places.mark(document, ("apply", "url" if "url" in apply else "email"))
        their_line = places.mark(earlier, ("apply",))[0]
    else:
        line, column = places.mark(document, ("title",))
        their_line = places.mark(earlier, ("title",))[0]
    message = f"{what} {earlier.file} (line {their_line}), open at the same time: {_ADVICE[code]}"
    return Problem(document.file, line, column, field, code, message, ERROR if code == "duplicate-posting" else WARNING)


def _simplified(text: str) -> str:
    return " ".join(_WORDS.sub(" ", text.casefold()).replace("_", " ").split())


def _role(simple_title: str) -> tuple[frozenset[str], ...]:
    """The level words, role nouns and numbers of a title (a cohort, a year, a level): titles
    that differ in any of them are different roles."""
    words = {word.removesuffix("s") if word.endswith("s") and word[:-1] in ROLE_NOUNS else word for word in simple_title.split()}
    return frozenset(words & LEVEL_WORDS), frozenset(words & ROLE_NOUNS), frozenset(word for word in words if word.isdigit())
