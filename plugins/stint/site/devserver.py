"""`make devserver` (pelican -lr): rebuild when postings or the schema change, and wait
for a change after a failed build.

Pelican's autoreload watches only the settings file, the theme and the content folder, and
has no setting to watch more. It looks up ``wait_for_changes`` in its own module on every
cycle, so the board puts a version there that also watches ``STINT_LISTINGS`` and
``schema/``. That is the one patch of Pelican; tests/test_devserver.py holds it to the
Pelican it was checked against, so an upgrade fails there first.

After a failed run, Pelican's loop runs again at once: one broken posting was built and
reported some thirty times a second. So a run that follows a failed one first waits for a
change, through Pelican's own ``get_generators`` signal (sent as each run starts), unless a
watched file has changed since the failed run began. A single build never waits: only a
run after a failure in the same process does.
"""

from __future__ import annotations

import os
import time
from typing import Any

import pelican
import watchfiles
from pelican.utils import FileChangeFilter

from stint.contract.schema_check import SCHEMA_PATH
from stint.settings import board_settings

_failing: list[float] = []  # when the run under way began; emptied when a run succeeds


def watched(settings_file: str, settings: dict[str, Any]) -> list[str]:
    """What Pelican's autoreload watches, and the postings and the schema."""
    candidates = [settings_file, settings.get("THEME", ""), settings.get("PATH", ""), board_settings(settings).listings, SCHEMA_PATH.parent]
    return [os.path.abspath(path) for path in candidates if path and os.path.exists(path)]


def _watch_filter(settings: dict[str, Any]) -> FileChangeFilter:
    return FileChangeFilter(ignore_file_patterns=set(settings.get("IGNORE_FILES", [])))


def wait_for_changes(settings_file: str, settings: dict[str, Any]) -> set[tuple[Any, str]]:
    """Pelican's ``wait_for_changes``, watching the board's folders too."""
    return next(watchfiles.watch(*watched(settings_file, settings), watch_filter=_watch_filter(settings), rust_timeout=0))


def watch_board(_pelican: Any) -> None:
    """``initialized``: install the wider watch (harmless outside autoreload)."""
    pelican.wait_for_changes = wait_for_changes


def run_starts(instance: Any) -> None:
    """``get_generators``: after a failed run, wait until something the build reads changes.
    (Pelican does not say which settings file it read: the settings are watched after a
    successful run only.)"""
    if _failing and not _changed_since(_failing[0], watched("", instance.settings), _watch_filter(instance.settings)):
        wait_for_changes("", instance.settings)
    _failing[:] = [time.time()]


def run_succeeded(_instance: Any) -> None:
    """``finalized``: Pelican's loop now waits for the next change itself."""
    _failing.clear()


def _changed_since(moment: float, paths: list[str], keep: FileChangeFilter) -> bool:
    """Whether a file or folder under ``paths`` (a folder changes when a file in it is added
    or removed) was modified at or after ``moment``."""
    for top in paths:
        for folder, _, names in os.walk(top):
            for path in (folder, *(os.path.join(folder, name) for name in names)):
                if keep(watchfiles.Change.modified, path) and _modified(path) >= moment:
                    return True
    return False


def _modified(path: str) -> float:
    try:
        return os.stat(path).st_mtime
    except FileNotFoundError:  # removed since the walk listed it: a change
        return float("inf")
