"""Run a command and print its wall time, its peak memory and its exit code, on one line.

Run as a script by bench/measure.py, so that the children counted by RUSAGE_CHILDREN are this
command's alone, not every build the bench made before it.

Usage: python bench/peak.py COMMAND [ARGUMENT...]
"""

from __future__ import annotations

import resource
import subprocess
import sys
import time


def main(command: list[str]) -> None:
    start = time.perf_counter()
    code = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE).returncode
    print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)


if __name__ == "__main__":
    main(sys.argv[1:])
