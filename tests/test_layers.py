"""The package's folders are its layers, and data flows one way through them (issue 14, item 7).

A module may import from its own layer and from the layers below it, never from one above:
the contract knows nothing of the board, the board nothing of how files are written, and no
part of the build knows the commands. The order is the data flow in the README's map.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "plugins" / "stint"
# Lowest first. The package's own top level holds what every layer reads: settings and dates.
ORDER = ("", "contract", "board", "writing", "outputs", "site", "commands")
# The one upward import, and why: a posting's slug may not be a facet's URL word
# (/internships/field/ is a facet's page), and the facets are the board's to declare.
ALLOWED = {("stint.contract.slugs", "stint.board.facets")}


def module_name(path: Path) -> str:
    return ".".join(("stint", *path.relative_to(PACKAGE).with_suffix("").parts)).removesuffix(".__init__")


def layer(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 2 else ""


def stint_imports(path: Path) -> set[str]:
    """Every stint module the file imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.split(".")[0] == "stint"}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "stint":
            package = node.module == "stint" or node.module.removeprefix("stint.") in ORDER  # names are modules
            found |= {f"{node.module}.{alias.name}" for alias in node.names} if package else {node.module}
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_every_module_sits_in_a_layer() -> None:
    assert {path.parent.name for path in MODULES if path.parent != PACKAGE} == set(ORDER[1:])
    assert sorted(path.name for path in MODULES if path.parent == PACKAGE) == ["__init__.py", "dates.py", "settings.py"]


@pytest.mark.parametrize("path", MODULES, ids=lambda path: path.relative_to(PACKAGE).as_posix())
def test_no_module_imports_a_higher_layer(path: Path) -> None:
    if path == PACKAGE / "__init__.py":
        return  # Pelican's entry point: it connects the site's signals, lazily
    own = ORDER.index(layer(module_name(path)))
    upward = {name for name in stint_imports(path) if ORDER.index(layer(name)) > own}
    assert upward <= {target for source, target in ALLOWED if source == module_name(path)}, upward
