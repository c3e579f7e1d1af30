"""The board's words for its enumerated values, read once from the posting schema.

The schema declares each value (``enum``, which validation checks) and, beside it, the
words people read: ``x-labels`` (every value, in the order the site lists them),
``x-form-labels`` (the issue form's wording where it says more; the form keeps the enum's
order) and ``x-sentences`` (why a posting closed, as its page says it). Adding a value
and its label to the schema is the whole change: facets, pages, feeds, the issue form's
parser, the bench and the tests read them here, and a test holds the issue form's YAML
to them.
"""

from __future__ import annotations

from typing import Any

from stint.contract.schema_check import load_schema


def _enum_schema(path: str) -> dict[str, Any]:
    """The subschema holding the enum of a posting field (``eligibility.levels``: of its items)."""
    node = load_schema()
    for key in path.split("."):
        node = node["properties"][key]
    return node["items"] if node.get("type") == "array" else node


def labels(path: str) -> dict[str, str]:
    """Each value of a field and its label, in the order the site lists them."""
    schema = _enum_schema(path)
    words = schema.get("x-labels", {})
    if set(words) != set(schema["enum"]):
        raise ValueError(f"posting schema: {path} must give x-labels for exactly its enum values {schema['enum']}, not {list(words)}")
    return dict(words)


def form_options(path: str) -> dict[str, str]:
    """The issue form's options in the enum's order, each as the form shows it -> its value."""
    schema, words = _enum_schema(path), labels(path)
    wording = schema.get("x-form-labels", {})
    return {wording.get(value, words[value]): value for value in schema["enum"]}


def sentences(path: str) -> dict[str, str]:
    """Each value of a field as a sentence (``x-sentences``), for every value."""
    words = _enum_schema(path).get("x-sentences", {})
    return {value: words[value] for value in labels(path)}


FIELD_LABELS = labels("fields")
HOST_LABELS = labels("host")
PAY_LABELS = labels("compensation.type")
LOCATION_LABELS = labels("location.mode")
LEVEL_LABELS = labels("eligibility.levels")
INTERNATIONAL_LABELS = labels("eligibility.international_students")
RESOURCE_LABELS = labels("resources_provided")
CLOSED_NOTES = labels("closed_reason")  # the closed postings page's few words
CLOSED_SENTENCES = sentences("closed_reason")  # the posting's own page
