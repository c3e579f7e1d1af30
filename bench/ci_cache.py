"""The publish workflow's daily build as it runs on GitHub Actions: restore the build cache and
the last site from the Actions cache, build the day's board, save both again.

actions/cache archives its paths with tar and zstd (``--posix``, ``-P``, ``zstd -T0 --long=30``
to save, ``zstd -d --long=30`` to restore): the same commands are timed here, on the same
folders, restored where they were made (a runner's workspace path is the same every day).
The transfer to and from GitHub's cache service is not measured: the archive's size is given,
which is what it moves.
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from bench.measure import Row, Run, set_aside

_SAVE = ["--use-compress-program", "zstd -T0 --long=30"]
_RESTORE = ["--use-compress-program", "zstd -d --long=30"]


def ci_day_rows(site: Path, cache: Path, daily_build: Callable[[], Run]) -> list[Row]:
    """Save (as yesterday's run ends), restore on an empty runner, build, save again."""
    root, archive = site.parent, site.parent / "actions-cache.tzst"
    _tar(["-cf", str(archive), "-C", str(root), cache.name, site.name], _SAVE)
    set_aside(site)  # not deleted: a runner's disk has not just deleted 50,000 files
    set_aside(cache)
    restore = _tar(["-xf", str(archive), "-C", str(root)], _RESTORE)
    built = daily_build()
    archive.unlink()
    save = _tar(["-cf", str(archive), "-C", str(root), cache.name, site.name], _SAVE)
    size = archive.stat().st_size / 1e6
    archive.unlink()
    return [
        Row("CI daily build: restore the Actions cache (s)", f"{restore:.1f}"),
        Row("CI daily build: the build, the day after (s)", built.shown()),
        Row("CI daily build: save the Actions cache (s)", f"{save:.1f}"),
        Row("CI daily build: restore + build + save (s)", f"{restore + built.seconds + save:.1f}"),
        Row("CI daily build: cache archive, zstd (MB)", f"{size:,.0f}"),
    ]


def _tar(arguments: list[str], compressor: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(["tar", "--posix", "-P", *arguments, *compressor], check=True)
    return time.perf_counter() - start
