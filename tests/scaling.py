"""Linear-cost checks that hold on a shared, noisy machine.

A check that once went quadratic is run on an input and on one four times larger: quadratic
would cost sixteen times, linear four. Each size is timed in turns with the other, and the
fastest of several runs counts, so that a pause of the machine in one run cannot fail the test.
A failure prints the times, so that a bound met by a hair can be told from a quadratic.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable


def _seconds(run: Callable[[], object]) -> float:
    """With the garbage collector off, as ``timeit`` times: collections set off by what the
    rest of the test session holds are not charged to one input."""
    gc.collect()
    gc.disable()
    try:
        start = time.perf_counter()
        run()
        return time.perf_counter() - start
    finally:
        gc.enable()


def assert_linear(small: Callable[[], object], large: Callable[[], object], runs: int = 5) -> None:
    """``large`` (four times ``small``'s input) takes under eight times as long at best."""
    small()  # warm up caches and lazy imports
    fastest_small = fastest_large = float("inf")
    for _ in range(runs):
        fastest_small = min(fastest_small, _seconds(small))
        fastest_large = min(fastest_large, _seconds(large))
    assert fastest_large < 8 * fastest_small + 0.05, f"{fastest_large:.3f} s against {fastest_small:.3f} s for a quarter of the input"
