"""Filters the theme's templates use, put on every generator's Jinja environment (the
board's, and Pelican's for the guides, which import the same macros).

``num`` was a macro: a thousand listing pages called it 30 times each, and a macro call
costs Jinja ten times what a filter does.
"""

from __future__ import annotations

from typing import Any


def add_filters(generator: Any) -> None:
    """``generator_init``."""
    generator.env.filters["num"] = thousands


def thousands(number: int) -> str:
    """12345 -> '12,345'."""
    return f"{number:,}"
