"""What a build that keeps going left out, for the publish workflow and the editor.

``build-report.json``: ``{"version": 1, "left_out": [{"file", "problems": [...]}]}``, one
entry per file with errors, each problem as ``stint validate --format json`` writes it. The
list is empty when every posting was published. It is written beside the output folder,
never into it: a broken posting's text is not published.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from itertools import groupby
from pathlib import Path

from stint.contract.problems import Problem

VERSION = 1


def write(path: Path, left_out: Sequence[Problem]) -> None:
    by_file = groupby(sorted(left_out), key=lambda problem: problem.file)
    entries = [{"file": file, "problems": [problem.as_dict() for problem in problems]} for file, problems in by_file]
    report = {"version": VERSION, "left_out": entries}
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(json.dumps(report, indent=2, ensure_ascii=True) + "\n", encoding="utf-8")
    temporary.replace(path)
    for problem in left_out:  # in the build log too, one a line, as `stint validate` prints them
        print(f"left out: {problem.as_text()}", file=sys.stderr)
