"""Put a pull request's posting changes over the current main's listings/, as data.

The pull-request check must judge the postings as they will be once merged: main's
listings/ as it is now, with the pull request's own changes applied (added and modified
files from its head commit, removed ones deleted, renames both). Checking out the pull
request's listings/ instead would bring back main's postings as they were when the branch
was made, and miss a conflict with a posting merged since.

Reads one change a line on stdin, as GitHub's "list pull request files" API gives them through
``--jq '.[] | [.status, .filename, (.previous_filename // "")] | @tsv'``. Runs in a checkout of
main in which the head commit has been fetched; reads blobs with ``git cat-file`` and writes
them as plain files. Nothing from the pull request is executed, linked or checked out.
Changes outside listings/ are not this script's business (the scope step refuses them).

Usage: python overlay_listings.py HEAD_SHA < changes.tsv
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path, PurePosixPath

_SHA = re.compile(r"[0-9a-f]{40}")
_WRITTEN = {"added", "modified", "changed", "renamed", "copied"}
_PLAIN_FILE_MODES = {"100644", "100755"}


class Refused(Exception):
    """A change the check cannot take as posting data."""


def in_listings(name: str) -> bool:
    parts = PurePosixPath(name).parts  # an absolute path's first part is "/"
    return len(parts) > 1 and parts[0] == "listings" and ".." not in parts


def blob(head: str, name: str) -> bytes:
    """The file's bytes at ``head``: only a plain file (no link, no submodule) is posting data."""
    entry = subprocess.run(["git", "ls-tree", head, "--", name], capture_output=True, text=True, check=True).stdout.split()
    if not entry or entry[0] not in _PLAIN_FILE_MODES or entry[1] != "blob":
        raise Refused(f"{name} is not a plain file in the pull request")
    return subprocess.run(["git", "cat-file", "blob", entry[2]], capture_output=True, check=True).stdout


def apply_change(root: Path, head: str, status: str, name: str, previous: str) -> None:
    if status == "renamed" and in_listings(previous):
        (root / previous).unlink(missing_ok=True)
    if not in_listings(name):
        return
    target = root / name
    if status == "removed":
        target.unlink(missing_ok=True)
    elif status in _WRITTEN:
        if target.is_symlink():
            target.unlink()
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(blob(head, name))


def overlay(root: Path, head: str, lines: list[str]) -> int:
    """Apply every change; the number applied."""
    if not _SHA.fullmatch(head):
        raise Refused("the head commit must be a full 40-character SHA")
    (root / "listings").mkdir(exist_ok=True)
    count = 0
    for line in filter(None, (line.rstrip("\n") for line in lines)):
        status, name, previous = ([*line.split("\t"), "", ""])[:3]
        apply_change(root, head, status, name, previous)
        count += 1
    return count


def main(argv: list[str]) -> int:
    try:
        count = overlay(Path.cwd(), argv[1] if len(argv) > 1 else "", sys.stdin.readlines())
    except Refused as refused:
        print(f"The pull request's postings cannot be checked: {refused}", file=sys.stderr)
        return 1
    print(f"{count} change(s) of the pull request applied over main's listings/")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
