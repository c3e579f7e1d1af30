"""A size budget for what one posting's description can put on a page.

The contract caps a description at 10,000 characters, but two Markdown constructs multiply
text when rendered: a table pads every row to its header's width (a 15 KB description with a
1,250-column table rendered a 2.7 MB page, and markdown-it took 4 s over it), and a
reference link repeats its target wherever it is used (9 KB became 400 KB). Without them the
rendered HTML is at most about six times the source (``"`` becomes ``&quot;``).

Tables are measured on the source, in one pass over its lines, so a huge table is refused
before anything renders it. Only a description that could still multiply (it holds ``|`` or a
reference definition ``]:``) is rendered, once its tables are known to be small, and measured.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

from stint.contract.markup import render_description
from stint.contract.problems import FieldPath

MAX_TABLE_COLUMNS = 10  # wider than that does not fit a phone, nor most screens
MAX_TABLE_CELLS = 500  # columns x rows, header included
MAX_DESCRIPTION_HTML = 80_000  # six times the longest description, plus room for its tags
_DELIMITER_CHARACTERS = frozenset("|-: \t")
PATH: FieldPath = ("description",)


class Table(NamedTuple):
    columns: int
    cells: int


def tables(text: str) -> list[Table]:
    """Every GitHub-style table in ``text``, as wide and as long as a renderer makes it: each
    delimiter row (``|---|:--:|``) gives the width; its header and the lines up to the next
    blank line are the rows. Counting a few lines too many only errs towards the budget.
    One pass each way: no line is looked at again per table (3,000 delimiter rows stay cheap)."""
    lines = text.split("\n")
    block_ends, end = [0] * len(lines), len(lines)
    for index in range(len(lines) - 1, -1, -1):
        end = index if not lines[index].strip() else end
        block_ends[index] = end
    found = []
    for index, line in enumerate(lines):
        stripped = line.strip()
        if "-" in stripped and "|" in stripped and set(stripped) <= _DELIMITER_CHARACTERS:
            columns = len(stripped.strip("|").split("|"))
            found.append(Table(columns, columns * (block_ends[index] - index)))  # the header, this row's block
    return found


def budget_rules(data: dict[str, Any]) -> Iterator[tuple[FieldPath, str, str]]:
    text = data.get("description")
    if not isinstance(text, str):
        return
    found = tables(text)
    widest = max(found, key=lambda table: table.columns, default=None)
    largest = max(found, key=lambda table: table.cells, default=None)
    if widest and widest.columns > MAX_TABLE_COLUMNS:
        yield (
            PATH,
            "table-too-wide",
            f"has a table of {widest.columns} columns; at most {MAX_TABLE_COLUMNS} fit on a page: split it, or use a list",
        )
    elif largest and largest.cells > MAX_TABLE_CELLS:
        yield (
            PATH,
            "table-too-large",
            f"has a table of {largest.cells} cells; at most {MAX_TABLE_CELLS} fit on a page: shorten it, or use a list",
        )
    elif "|" in text or "]:" in text:
        size = len(render_description(text))
        if size > MAX_DESCRIPTION_HTML:
            message = (
                f"becomes {size:,} characters on the page, more than the {MAX_DESCRIPTION_HTML:,} a posting may take: "
                "a reference link used many times repeats its address each time; write fewer links"
            )
            yield PATH, "description-too-large", message
