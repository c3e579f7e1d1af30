"""Putting cached files into the output without making its folders anew.

On the disks we build on, a new folder costs 0.03 to 0.3 ms (depending on what else is
writing) while a hard link costs 0.015 ms, and a board of 10,000 postings has over 13,000
folders. So when the previous output already has one of the ``CARRIED`` folders, the
cached files under it are not linked into the staged site one by one: at publish time that
folder of the previous output is corrected in place (unchanged files stay, stale ones
go, new ones are linked) and moved into the staged site, which then replaces the output.
The files a build makes itself under such a folder wait in one flat folder (``MADE``),
named by their paths, and are moved into place then: a daily build at 10,000 postings
otherwise made some 900 staging folders (0.3 to 0.6 ms each on these disks), and removed
them again, only to carry a few pages each.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import NamedTuple
from urllib.parse import quote, unquote

from stint.writing import announcing


class Kept(NamedTuple):
    """A file the cache holds, and its inode and device as the cache found it: whether the
    output's file is a link of it is then told without looking at it again (some 28,000
    files in a warm build at 10,000 postings)."""

    path: str
    inode: int
    device: int


# The top-level folders of thousands of files, most of them the same from one day to the
# next. Elsewhere (feeds/: two thirds of its files change every day) a file that changed
# costs more by a rename into the old folder (0.4-0.7 ms on these disks) than an unchanged
# one by a link into the new.
CARRIED = frozenset({"internships", "pagefind"})
MADE = ".stint-made"  # in the staging folder: the files made under carried folders, named by their quoted paths
NAME_MAX = 255  # bytes in a file's name, on every file system we build on


class Placement:
    """Where the cached files of one build go: linked into ``staging`` at once, or, under one
    of the ``CARRIED`` folders that ``previous`` already has, at ``publish``. Paths in the output are
    posix paths relative to it, and plain strings: this runs for every page."""

    def __init__(self, staging: Path, previous: Path | None):
        self.staging, self.previous = staging, previous
        # A file announced to other plugins must be where it is announced: none waits for publish.
        carried = os.scandir(previous) if previous is not None and not announcing.listened() else []
        self.carried = {entry.name for entry in carried if entry.name in CARRIED and entry.is_dir(follow_symlinks=False)}
        self.deferred: dict[str, str] = {}  # output path -> cache file
        self.known: dict[str, Kept] = {}  # cache file -> what the cache found of it
        self._folders: set[str] = set()

    def put(self, source: str | Kept, relative: str) -> None:
        if isinstance(source, Kept):
            self.known[source.path] = source
            source = source.path
        top, slash, _ = relative.partition("/")
        if slash and top in self.carried:
            self.deferred[relative] = source
        else:
            self.link(source, relative)

    def where(self, relative: str) -> str:
        """Where the bytes meant for ``relative`` can be read before publish."""
        return self.deferred.get(relative) or self._made_at(relative)

    def link(self, source: str, relative: str) -> None:
        link_or_copy(source, self.staged(relative))

    def staged(self, relative: str) -> str:
        """Where this build writes ``relative``, its folder made: in the staged site, or, under
        a carried folder, in the flat ``MADE`` folder, to be moved into place at ``publish``."""
        target = self._made_at(relative)
        _make_folder_of(target, self._folders)
        return target

    def _made_at(self, relative: str) -> str:
        top, slash, _ = relative.partition("/")
        if slash and top in self.carried and len(name := quote(relative, safe="")) <= NAME_MAX:
            return os.path.join(self.staging, MADE, name)
        return os.path.join(self.staging, relative)  # a path too long for one name waits in the staged site

    def publish(self) -> None:
        """Correct each carried folder of the previous output in place, then move them all
        into the staged site. The output stays whole throughout: every file is replaced by
        a rename, and the folders move only once all of them are right."""
        if self.previous is None:
            return
        by_top: dict[str, dict[str, str]] = {}
        for relative, source in self.deferred.items():
            top, _, rest = relative.partition("/")
            by_top.setdefault(top, {})[rest] = source
        made = self._made()
        for top in sorted(by_top):
            written = self.staging / top  # anything written there directly, not through ``staged``
            moves = (
                {path.relative_to(written).as_posix(): str(path) for path in written.rglob("*") if path.is_file()}
                if written.is_dir()
                else {}
            )
            sync_folder(self.previous / top, by_top[top], {**moves, **made.pop(top, {})}, self.known)
        for top, moves in made.items():  # nothing linked from the cache: the folder is this build's alone
            _move_into(self.staging / top, moves)
        moved: list[str] = []
        try:
            for top in sorted(by_top):
                shutil.rmtree(self.staging / top, ignore_errors=True)  # emptied by the moves above
                os.rename(self.previous / top, self.staging / top)
                moved.append(top)
        except BaseException:
            for top in moved:  # put back what had moved: the output must not lose a folder
                os.rename(self.staging / top, self.previous / top)
            raise
        shutil.rmtree(self.staging / MADE, ignore_errors=True)  # emptied by the moves above
        self.deferred = {}

    def _made(self) -> dict[str, dict[str, str]]:
        """The files this build (or its workers) made under carried folders, by top folder:
        their paths below it, and where they wait."""
        made: dict[str, dict[str, str]] = {}
        folder = os.path.join(self.staging, MADE)
        with contextlib.suppress(FileNotFoundError), os.scandir(folder) as entries:
            for entry in entries:
                top, _, rest = unquote(entry.name).partition("/")
                made.setdefault(top, {})[rest] = entry.path
        return made


def _move_into(folder: Path, moves: dict[str, str]) -> None:
    """Rename each waiting file into its place under the new ``folder``."""
    made: set[str] = set()
    for relative, source in moves.items():
        target = os.path.join(folder, relative)
        _make_folder_of(target, made)
        os.rename(source, target)


def _make_folder_of(target: str, made: set[str]) -> None:
    """Make ``target``'s folder unless ``made`` (the folders made so far) has it."""
    folder = os.path.dirname(target)
    if folder not in made:
        os.makedirs(folder, exist_ok=True)
        made.add(folder)


# Why a hard link can be refused where a copy would do: another file system, links not allowed.
LINK_REFUSED = (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP)


def link_or_copy(source: str, target: str | Path) -> None:
    """Hard-link ``source`` at ``target`` (which must not exist); a copy when the two are on
    different file systems or links are not allowed."""
    try:
        os.link(source, target)
    except OSError as error:
        if error.errno not in LINK_REFUSED:
            raise
        shutil.copyfile(source, target)


def sync_folder(folder: Path, links: dict[str, str], moves: dict[str, str] | None = None, known: Mapping[str, Kept] | None = None) -> None:
    """Make ``folder`` hold exactly ``links`` (hard links to their sources) and ``moves``
    (files renamed into it), keeping the files and subfolders it already has right. Each
    file is replaced by a rename, so a reader of the folder meanwhile sees it old or new.
    Paths are posix paths relative to ``folder``; string work, as this runs for every page.
    ``known`` holds sources whose inode is known already: they are not looked at again."""
    moves, known = moves or {}, known or {}
    wanted = {**links, **moves}
    needed = _folders_of(wanted)
    present: set[str] = set()
    stale: set[str] = set()
    files: set[str] = set()
    device = os.stat(folder).st_dev
    for relative, entry in _walk(str(folder), present):
        files.add(relative)
        source = links.get(relative)
        if source is not None and relative not in moves and _same_file(entry, known.get(source) or _kept(source), device):
            del wanted[relative]
        elif relative not in wanted:
            stale.add(relative)
    for relative, source in wanted.items():
        target = folder / relative
        if os.path.dirname(relative) not in present:
            for parent in reversed(_parents(relative)):  # a file where a folder now goes
                if parent in stale:
                    os.unlink(folder / parent)
                    stale.discard(parent)
            target.parent.mkdir(parents=True, exist_ok=True)
            present.update(_parents(relative))
        elif relative in present:  # a folder where a file now goes
            shutil.rmtree(target)
            present -= {name for name in present if name == relative or name.startswith(f"{relative}/")}
            stale -= {name for name in stale if name.startswith(f"{relative}/")}
        if relative in moves:
            os.replace(source, target)
        elif relative in files:  # changed: the new file is made beside and renamed over the old
            temporary = f"{target}.{os.getpid()}.tmp"
            link_or_copy(source, temporary)
            os.replace(temporary, target)
        else:
            link_or_copy(source, target)
    for relative in stale:
        os.unlink(folder / relative)
    for gone in sorted(present - needed, key=lambda relative: relative.count("/"), reverse=True):
        os.rmdir(folder / gone)  # empty by now: its files were not wanted


def _folders_of(files: dict[str, str]) -> set[str]:
    """Every folder that holds one of ``files``, "" for the top: each file's parents are walked
    up only to the first folder already known (28,000 files, over 13,000 folders)."""
    folders = {""}
    for relative in files:
        parent = relative.rpartition("/")[0]  # os.path.dirname, without its cost (posix paths)
        while parent not in folders:
            folders.add(parent)
            parent = parent.rpartition("/")[0]
    return folders


def _parents(relative: str) -> list[str]:
    """'a/b/c.html' -> ['a/b', 'a']."""
    parents = []
    while relative := os.path.dirname(relative):
        parents.append(relative)
    return parents


def _walk(path: str, present: set[str]) -> Iterator[tuple[str, os.DirEntry[str]]]:
    """Every file (and any other entry that is not a folder) under ``path``, with its relative
    path, in no set order; the folders met are added to ``present``. A loop over a list of
    folders, not recursion: each of 28,000 files passed up through nested generators cost more."""
    folders = [(path, "")]
    while folders:
        path, relative = folders.pop()
        present.add(relative)
        with os.scandir(path) as entries:
            for entry in entries:
                name = f"{relative}/{entry.name}" if relative else entry.name
                if entry.is_dir(follow_symlinks=False):
                    folders.append((entry.path, name))
                else:
                    yield name, entry


def _kept(source: str) -> Kept | None:
    try:
        status = os.stat(source)
    except OSError:
        return None
    return Kept(source, status.st_ino, status.st_dev)


def _same_file(entry: os.DirEntry[str], source: Kept | None, device: int) -> bool:
    return source is not None and entry.inode() == source.inode and source.device == device
