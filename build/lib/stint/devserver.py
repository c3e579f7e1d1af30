"""`make devserver` (pelican -lr) also rebuilds when postings or the schema change.

Pelican's autoreload watches only the settings file, the theme and the content folder.
It looks up ``wait_for_changes`` in its own module on every cycle, so the board puts a
version there that also watches ``STINT_LISTINGS`` and ``schema/``.
"""

from __future__ import annotations

import os
from typing import Any

import pelican
import watchfiles
from pelican.utils import FileChangeFilter

from stint.schema_check import SCHEMA_PATH
from stint.settings import board_settings


def wait_for_changes(settings_file: str, settings: dict[str, Any]) -> set[tuple[Any, str]]:
    candidates = [settings_file, settings.get("THEME", ""), settings.get("PATH", ""), board_settings(settings).listings, SCHEMA_PATH.parent]
    paths = [os.path.abspath(path) for path in candidates if path and os.path.exists(path)]
    changes = watchfiles.watch(
        *paths, watch_filter=FileChangeFilter(ignore_file_patterns=set(settings.get("IGNORE_FILES", []))), rust_timeout=0
    )
    return next(changes)


def watch_board(_pelican: Any) -> None:
    """``initialized``: install the wider watch (harmless outside autoreload)."""
    pelican.wait_for_changes = wait_for_changes
