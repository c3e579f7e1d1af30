"""What the board should show for the fixture postings, restated independently of the plugin."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from stint.contract.loading import load_file
from stint.contract.vocabulary import FIELD_LABELS, HOST_LABELS, INTERNATIONAL_LABELS, LEVEL_LABELS, LOCATION_LABELS, PAY_LABELS

BOARD = Path(__file__).parent / "fixtures" / "board"
# Values that are posting fields come from the schema's vocabulary; the bands are the design's.
FACET_VALUES = {
    "field": list(FIELD_LABELS),
    "location": list(LOCATION_LABELS),
    "duration": ["1-2-weeks", "3-4-weeks", "5-plus-weeks"],
    "hours": ["up-to-10", "11-20", "21-40"],
    "pay": list(PAY_LABELS),
    "international": list(INTERNATIONAL_LABELS),
    "credit": ["yes"],
    "level": list(LEVEL_LABELS),
    "host": list(HOST_LABELS),
}


def fixture_postings() -> dict[str, dict[str, Any]]:
    return {path.stem: load_file(path.read_bytes(), path.name).data for path in sorted(BOARD.glob("*.yaml"))}


def expected_facet_members(open_slugs: set[str]) -> dict[tuple[str, str], set[str]]:
    """The design's facet rules, restated independently of the plugin."""
    members: dict[tuple[str, str], set[str]] = {}

    def add(facet: str, value: str, slug: str) -> None:
        members.setdefault((facet, value), set()).add(slug)

    def span(value: Any) -> tuple[int, int]:
        return (value["min"], value["max"]) if isinstance(value, dict) else (value, value)

    for slug, data in fixture_postings().items():
        if slug not in open_slugs:
            continue
        for field in data["fields"]:
            add("field", field, slug)
        add("location", data["location"]["mode"], slug)
        low, high = span(data["duration_weeks"])
        for band, start, end in (("1-2-weeks", 1, 2), ("3-4-weeks", 3, 4), ("5-plus-weeks", 5, 12)):
            if low <= end and high >= start:
                add("duration", band, slug)
        low, high = span(data["hours_per_week"])
        for band, start, end in (("up-to-10", 1, 10), ("11-20", 11, 20), ("21-40", 21, 40)):
            if low <= end and high >= start:
                add("hours", band, slug)
        add("pay", data["compensation"]["type"], slug)
        for route in data.get("eligibility", {}).get("international_students", []):
            add("international", route, slug)
        if data.get("academic_credit"):
            add("credit", "yes", slug)
        for level in data.get("eligibility", {}).get("levels", []):
            add("level", level, slug)
        add("host", data.get("host", "employer"), slug)
    return members
