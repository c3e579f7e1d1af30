"""Telling other Pelican plugins about the files the board writes.

Pelican's writer sends ``content_written`` for each file it writes; stock plugins (sitemaps,
minifiers, search indexes) build on it. The board writes its files itself (``page_writer``,
the feeds, the data files, the search index), so it sends the signal for them: every file,
every build, as Pelican does, whether the file was rendered again or linked from the cache,
since a sitemap must list every page each time.

A file is announced at its path in the staged output, which is Pelican's ``output_path``
for this build (the path Pelican announces its own pages under), once the board has
written all of its files, so a plugin may read or rewrite it. While any plugin listens,
``placing`` links cached files into the staged output at once instead of at publish time.
Those are hard links into the build cache: a plugin that rewrites a file must replace it
(write beside, then rename), as it would any file it did not make, not write into it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pelican import signals


def listened() -> bool:
    """Whether any plugin listens: only then does announcing cost anything."""
    return bool(signals.content_written.receivers)


def files_in(folder: Path) -> set[str]:
    """Every file under ``folder``, as paths relative to it (none when nobody listens)."""
    if not listened():
        return set()
    return {os.path.relpath(os.path.join(root, name), folder) for root, _, names in os.walk(folder) for name in names}


def announce_new(folder: Path, before: set[str], context: dict[str, Any]) -> None:
    """Send ``content_written`` for each file under ``folder`` that was not in ``before``, in
    path order, with the site context as Pelican's writer sends it (plus ``output_file``)."""
    if not listened():
        return
    for relative in sorted(files_in(folder) - before):
        signals.content_written.send(os.path.join(folder, relative), context={**context, "output_file": relative})
