"""Validate a folder of postings, then render every accepted description, in a fresh interpreter:
prints the time and peak memory of each step as JSON lines (tests/test_bounded_cost.py reads them).
The time is this process's CPU time: the work a file causes, whatever else the machine is doing
(the suite's other tests, other jobs on a shared CI runner).

Usage: python validate_and_render.py LISTINGS_FOLDER
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

from stint.contract.markup import render_description
from stint.contract.schema_check import fast_validator, validator
from stint.contract.validation import check_paths


def peak_mb() -> float:
    # VmHWM: this interpreter's own peak. ru_maxrss would keep the parent's (pytest's) peak across exec.
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def report(**figures: object) -> None:
    print(json.dumps({**figures, "peak_mb": peak_mb()}), flush=True)


def main(folder: Path) -> None:
    validator(), fast_validator(), render_description("warm *up*")  # loading is not the cost measured
    start = time.process_time()
    result = check_paths([folder])
    codes = sorted({problem.code for problem in result.problems})
    report(validate=time.process_time() - start, accepted=len(result.documents), codes=codes, problems=len(result.problems))
    start = time.process_time()
    for document in result.documents:
        render_description(document.data["description"])
    report(render=time.process_time() - start)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
