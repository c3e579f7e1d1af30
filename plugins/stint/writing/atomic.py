"""Atomic output: Pelican writes into a staging folder beside the output folder, and the
output folder is replaced only when the whole build has succeeded. A failed build
leaves the previous site exactly as it was.

Just before the swap, big folders of the old output are corrected in place and moved
into the staged site (``placing``). Each file there is replaced by a rename, so a reader
sees every page old or new, never half-written or missing; if publishing itself is cut
short (Ctrl-C, a full disk), the site is left with some pages new and the rest old, and
the next build finishes the job. Two builds publishing at once take turns (a lock on the
folder that holds the output)."""

from __future__ import annotations

import atexit
import fcntl
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

# Each staging folder's final output, and what must run just before the swap (the
# generator's placing of cached files into folders carried over from the old output).
_FINAL: dict[Path, Path] = {}
_BEFORE_SWAP: dict[Path, Callable[[], None]] = {}


def stage(pelican: Any) -> None:
    """``initialized``: point Pelican at a fresh staging folder (same disk, so rename is atomic)."""
    final = Path(pelican.output_path).resolve()
    final.parent.mkdir(parents=True, exist_ok=True)
    for leftover in final.parent.glob(f".{final.name}.old-*"):
        _remove_in_background(leftover)  # left by a build that stopped before its own clean-up
    pelican.stint_final_output = final
    # The staging folder is emptied at the start of every run: under the devserver, a run
    # that failed half-way must not leave its files to the next.
    pelican.delete_outputdir, pelican.output_retention = True, []
    _new_staging(pelican)


def _new_staging(pelican: Any) -> None:
    final: Path = pelican.stint_final_output
    staging = Path(tempfile.mkdtemp(prefix=f".{final.name}.building-", dir=final.parent))
    pelican.output_path = str(staging)
    _FINAL[staging] = final
    atexit.register(_discard, staging)  # a failed build leaves no litter


def _discard(staging: Path) -> None:
    if staging.is_symlink():
        staging.unlink()
    else:
        shutil.rmtree(staging, ignore_errors=True)


def publish(pelican: Any) -> None:
    """``finalized``: swap the staged site in."""
    final: Path = pelican.stint_final_output
    staging = Path(pelican.output_path)
    _FINAL.pop(staging, None)
    folder = os.open(final.parent, os.O_RDONLY)  # the lock is on the folder that holds the output: no lock file
    try:
        fcntl.flock(folder, fcntl.LOCK_EX)
        _BEFORE_SWAP.pop(staging, lambda: None)()
        if final.exists():
            retired = Path(tempfile.mkdtemp(prefix=f".{final.name}.old-", dir=final.parent))
            final.rename(retired / final.name)
            staging.rename(final)
            _remove_in_background(retired)
        else:
            staging.rename(final)
    finally:
        os.close(folder)  # closing releases the lock
    # Other plugins' ``finalized`` may run after this one (Pelican sets no order): they write
    # into ``output_path`` and name the announced files relative to it. So until the next run
    # stages afresh, that path leads to the published site.
    staging.symlink_to(final, target_is_directory=True)


def restage(pelican: Any) -> None:
    """``get_generators``, sent as each run starts: after a published run, stage afresh
    (a failed run's staging folder is reused: Pelican empties it)."""
    staging = Path(pelican.output_path)
    if staging.is_symlink():
        staging.unlink()
        _new_staging(pelican)


def previous_output(staging: Path) -> Path | None:
    """The output folder a staged site will replace, when there is one."""
    final = _FINAL.get(staging)
    return final if final is not None and final.is_dir() else None


def before_swap(staging: Path, action: Callable[[], None]) -> None:
    """Run ``action`` when the staged site is about to replace the output (not if the build fails)."""
    _BEFORE_SWAP[staging] = action


def _remove_in_background(folder: Path) -> None:
    """The swap is done; deleting tens of thousands of old files need not hold up the build.
    A detached ``rm`` outlives this process; ``stage`` clears anything a crash left."""
    try:
        subprocess.Popen(["rm", "-rf", "--", str(folder)], start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
