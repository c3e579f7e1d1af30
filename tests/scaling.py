"""Linear-cost checks that hold on a shared, noisy machine.

A check that once went quadratic is run on an input and on one four times larger: quadratic
would cost sixteen times, linear four. Each size is timed in turns with the other, and the
fastest of several runs counts, so that a pause of the machine in one run cannot fail the test.
"""

from __future__ import annotations

import time
from collections.abc import Callable


def _seconds(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def grows_linearly(small: Callable[[], object], large: Callable[[], object], runs: int = 5) -> bool:
    """Whether ``large`` (four times ``small``'s input) takes under eight times as long at best."""
    small()  # warm up caches and lazy imports
    fastest_small = fastest_large = float("inf")
    for _ in range(runs):
        fastest_small = min(fastest_small, _seconds(small))
        fastest_large = min(fastest_large, _seconds(large))
    return fastest_large < 8 * fastest_small + 0.05
