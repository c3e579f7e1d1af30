"""stint: a curated board of micro-internships, as a Pelican plugin.

Data flows one way: ``loading`` (YAML to marked mapping) -> ``validation``
(schema and board rules) -> ``posting`` (typed value) -> ``generator`` (pages).
"""

from __future__ import annotations

__all__ = ["register"]


def register() -> None:
    """Pelican entry point: connect the signals (imported lazily, so the CLI stays light)."""
    from stint.site.plugin import connect_signals

    connect_signals()
