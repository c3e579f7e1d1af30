"""One vocabulary: every enumerated value and its words live in the posting schema, and
everything else reads them there, so a new value needs no other edit."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from conftest import ROOT, edited
from sitebuild import built, read
from stint.commands.issue_form import FORM
from stint.contract.loading import load_file

SCHEMA = ROOT / "schema" / "posting.schema.json"
ISSUE_FORM = ROOT / ".github" / "ISSUE_TEMPLATE" / "post-internship.yml"
WORDS = ("x-labels", "x-form-labels", "x-sentences")


def schema() -> dict[str, Any]:
    return json.loads(SCHEMA.read_text(encoding="utf-8"))


def subschemas(node: Any) -> Iterator[dict[str, Any]]:
    """Every object in the schema, at any depth."""
    if isinstance(node, dict):
        yield node
        node = list(node.values())
    if isinstance(node, list):
        for item in node:
            yield from subschemas(item)


def enum_at(key: str) -> dict[str, Any]:
    """The subschema with the enum of a dotted posting field (of its items, for a list)."""
    node = schema()
    for name in key.split("."):
        node = node["properties"][name]
    return node.get("items", node)


def test_the_schema_stays_a_valid_2020_12_schema() -> None:
    Draft202012Validator.check_schema(schema())


def test_words_are_given_for_the_enums_values_only() -> None:
    annotated = [node for node in subschemas(schema()) if any(word in node for word in WORDS)]
    assert len(annotated) == 10
    for node in annotated:
        assert set(node["x-labels"]) == set(node["enum"])
        assert set(node.get("x-form-labels", {})) <= set(node["enum"])
        assert set(node.get("x-sentences", node["enum"])) == set(node["enum"])


def test_the_issue_form_offers_the_schemas_values_in_its_order() -> None:
    """The YAML GitHub reads stays a file; it must list each enum's form words in the enum's order."""
    choices = {field.id: field.key for field in FORM if field.kind in ("dropdown", "checkboxes") and field.key}
    assert len(choices) == 9
    for element in load_file(ISSUE_FORM.read_bytes(), ISSUE_FORM.name).data["body"]:
        if element.get("id") in choices:
            node = enum_at(choices[element["id"]])
            words = node["x-labels"] | node.get("x-form-labels", {})
            shown = [option["label"] if isinstance(option, dict) else option for option in element["attributes"]["options"]]
            assert shown == [words[value] for value in node["enum"]], element["id"]


def with_new_field(folder: Path) -> Path:
    """A copy of schema/ whose fields of work include legal, labelled Legal: that one edit."""
    copy = folder / "schema"
    shutil.copytree(SCHEMA.parent, copy)
    changed = schema()
    fields = changed["properties"]["fields"]["items"]
    fields["enum"].append("legal")
    fields["x-labels"]["legal"] = "Legal"
    (copy / SCHEMA.name).write_text(json.dumps(changed, indent=2), encoding="utf-8")
    return copy / SCHEMA.name


def validate(listings: Path, schema_file: Path | None) -> subprocess.CompletedProcess[str]:
    environment = {key: value for key, value in os.environ.items() if key != "STINT_SCHEMA"}
    environment |= {"STINT_SCHEMA": str(schema_file)} if schema_file else {}
    command = [sys.executable, "-m", "stint.commands.cli", "validate", str(listings)]
    return subprocess.run(command, env=environment, capture_output=True, text=True, timeout=120)


def test_a_new_field_of_work_needs_only_the_schema(tmp_path: Path) -> None:
    schema_file = with_new_field(tmp_path)
    listings = tmp_path / "listings"
    listings.mkdir()
    (listings / "legal-contract-review.yaml").write_text(edited("fields: [research, marketing]", "fields: [legal]"), encoding="utf-8")

    assert "legal" in validate(listings, None).stdout  # the project's own schema refuses it
    accepted = validate(listings, schema_file)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr

    output = built(listings, tmp_path / "output", "2026-11-20", STINT_SCHEMA=str(schema_file))
    page = read(output, "/internships/field/legal/")
    assert "<h1>Legal micro-internships" in page
    assert 'data-slug="legal-contract-review"' in page
    for feed in ("rss.xml", "json", "ics"):
        assert (output / "feeds" / "field" / f"legal.{feed}").is_file(), feed
    assert "Legal micro-internships" in (output / "feeds" / "field" / "legal.rss.xml").read_text(encoding="utf-8")
    listing = read(output, "/internships/")
    assert re.search(r'<input type="checkbox" id="f-field-legal" name="field" value="legal">\s*<label for="f-field-legal">Legal ', listing)
    assert '<a href="/internships/field/legal/">Legal</a>' in read(output, "/internships/legal-contract-review/")
