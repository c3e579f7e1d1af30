"""Run a command and print its wall time, its peak memory, its CPU time and its exit code, on one line.

Run as a script by bench/measure.py, so that the children counted by RUSAGE_CHILDREN are this
command's alone, not every build the bench made before it. The CPU time (user and system, of
every process the command waited for) is steadier than the wall time on a shared machine.

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
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(time.perf_counter() - start, used.ru_maxrss, used.ru_utime + used.ru_stime, code)


if __name__ == "__main__":
    main(sys.argv[1:])
