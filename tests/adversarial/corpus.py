"""The hostile-posting corpus (manifest.yaml): each case as a listings/ file, and one real site built
from every case the validator accepts, shared by test_adversarial.py and test_hostile_browser.py.

A case is the contract example with edits applied (``edits``), a byte-level file under files/
(``file``), or either of them under a tricky file name (``name``), a symbolic link or a folder
(``kind``). It expects ``refused`` with exact problems, ``accepted`` (and then renders safely), or
``gap``: a defence gap the lead must fix, with the ``ideal`` outcome and a ``note``.
"""

from __future__ import annotations

import atexit
import functools
import os
import shutil
import string
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from conftest import EXAMPLE, edited
from sitebuild import build
from stint.contract.validation import ListingsCheck, check_paths

HERE = Path(__file__).resolve().parent
MANIFEST = HERE / "manifest.yaml"
FILES = HERE / "files"
TODAY = "2026-12-01"  # every example-based posting is open (apply_by 2026-12-15) unless closed: true
EXAMPLE_SLUG = "contract-example"

Problem = tuple[str, int, int]  # code, line, column


@dataclass(frozen=True)
class Case:
    id: str
    category: str
    description: str
    expect: str
    problems: tuple[Problem, ...] = ()
    edits: tuple[tuple[str, str], ...] = ()
    file: str | None = None
    name: str | None = None
    kind: str = "file"  # file | symlink | directory
    shows: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()
    note: str = ""
    ideal: dict[str, Any] = field(default_factory=dict)
    build: bool = False
    published: bool = True

    @property
    def file_name(self) -> str:
        return self.name or f"{self.id}.yaml"

    @property
    def slug(self) -> str:
        return self.file_name.removesuffix(".yaml")

    def content(self) -> bytes:
        if self.file:
            return (FILES / self.file).read_bytes()
        text = EXAMPLE
        for old, new in self.edits:
            text = edited(old, new, text)
        return text.encode("utf-8")

    def place(self, folder: Path, content: bytes | None = None) -> Path:
        """Put the case into ``folder`` as the validator will find it."""
        target = folder / self.file_name
        if self.kind == "directory":
            target.mkdir()
        elif self.kind == "symlink":
            outside = folder.parent / f"outside-{self.id}.yaml"
            outside.write_bytes(self.content())
            os.symlink(outside, target)
        else:
            target.write_bytes(self.content() if content is None else content)
        return target


def _case(entry: dict[str, Any]) -> Case:
    entry = dict(entry)
    if "code" in entry:
        entry["problems"] = [[entry.pop("code"), entry.pop("line"), entry.pop("column")]]
    entry["problems"] = tuple(tuple(problem) for problem in entry.get("problems", ()))
    entry["edits"] = tuple(tuple(edit) for edit in entry.get("edits", ()))
    for key in ("shows", "absent"):
        entry[key] = tuple(entry.get(key, ()))
    return Case(**entry)


@functools.cache
def cases() -> tuple[Case, ...]:
    with MANIFEST.open(encoding="utf-8") as stream:
        return tuple(_case(entry) for entry in yaml.safe_load(stream)["cases"])


def check_case(case: Case, folder: Path) -> ListingsCheck:
    """The real validator on a listings folder holding this one case."""
    case.place(folder)
    return check_paths([folder])


def found(result: ListingsCheck) -> list[Problem]:
    return [(problem.code, problem.line, problem.column) for problem in result.problems]


# ---- the one built site ----------------------------------------------------------------------


def _token(index: int) -> str:
    """Six letters, no digits: a page never shows a number the corpus did not write."""
    letters = []
    for _ in range(6):
        index, rest = divmod(index, 26)
        letters.append(string.ascii_lowercase[rest])
    return "".join(reversed(letters))


def for_build(content: bytes, index: int) -> bytes:
    """The posting made distinct from the others (organisation and apply link), at the same size and columns."""
    token = _token(index).encode()
    content = content.replace(b"name: Northwind Ledger", b"name: Northwind " + token, 1)
    return content.replace(b"careers/interview-sprint", b"careers/interview-" + token, 1)


@dataclass(frozen=True)
class Site:
    output: Path
    listings: Path
    cases: tuple[Case, ...]
    run: subprocess.CompletedProcess[str]
    check: ListingsCheck

    def page(self, slug: str) -> Path:
        return self.output / "internships" / slug / "index.html"


def _listings(root: Path) -> tuple[Path, tuple[Case, ...]]:
    folder = root / "listings"
    folder.mkdir()
    built = []
    (folder / f"{EXAMPLE_SLUG}.yaml").write_bytes(for_build(EXAMPLE.encode(), 0))
    for index, case in enumerate(cases(), start=1):
        if case.expect == "accepted" or (case.expect == "gap" and case.build and _still_accepted(case, root / "probe" / case.id)):
            case.place(folder, for_build(case.content(), index))
            built.append(case)
    return folder, tuple(built)


def _still_accepted(case: Case, scratch: Path) -> bool:
    """A gap is built only while the validator lets it through: once fixed, it leaves the build."""
    scratch.mkdir(parents=True)
    return not check_case(case, scratch).problems


def built_site() -> Site:
    """The site, which must have built: every page test starts here."""
    result = site()
    assert result.run.returncode == 0, result.run.stdout[-3000:] + result.run.stderr[-3000:]
    return result


@functools.cache
def site() -> Site:
    """Build the site once per test session, from the contract example and every accepted case."""
    root = Path(tempfile.mkdtemp(prefix="stint-adversarial-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    folder, built = _listings(root)
    check = check_paths([folder])
    run = build(folder, root / "output", TODAY, STINT_CACHE=str(root / "cache"))  # never the developer's cache
    return Site(root / "output", folder, built, run, check)
