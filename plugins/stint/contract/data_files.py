"""The board's reference lists (phrases, host names), shipped as YAML beside the code."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Any

import yaml


@cache
def data_file(name: str) -> Any:
    """``plugins/stint/data/<name>``, read once per process."""
    return yaml.safe_load(files("stint").joinpath("data", name).read_text(encoding="utf-8"))
