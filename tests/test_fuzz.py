"""Property tests: the validator never raises, never accepts a broken posting, and whatever
it accepts can be built into a page."""

from __future__ import annotations

import json
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLE
from stint.board.posting import Posting
from stint.contract.loading import load_file, load_text, quick_load
from stint.contract.validation import check_document
from stint.outputs.structured_data import job_posting, script_json

BASE: dict[str, Any] = load_file(EXAMPLE.encode(), "base.yaml").data
REQUIRED = [
    "title",
    "organization",
    "fields",
    "summary",
    "description",
    "duration_weeks",
    "hours_per_week",
    "compensation",
    "location",
    "posted",
    "apply_by",
    "apply",
]
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check(data: Any) -> list[str]:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return [problem.code for problem in check_document(load_file(text.encode("utf-8", "surrogatepass"), "f.yaml"))]


def renders(document_data: dict[str, Any]) -> None:
    posting = Posting.from_mapping("fuzzed-posting", document_data)
    html = str(posting.description_html)
    assert "<script" not in html.lower() and "javascript:" not in html.lower()
    block = script_json(job_posting(posting, "https://board.example/internships/fuzzed-posting/", "stint"))
    assert "<" not in block and json.loads(block)["title"] == posting.title


def _with(path: tuple[str, ...], value: Any) -> dict[str, Any]:
    data = json.loads(json.dumps(BASE))
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return data


def test_the_base_posting_is_valid_and_renders() -> None:
    assert check(BASE) == []
    renders(BASE)


@FUZZ
@given(st.sampled_from(REQUIRED))
def test_deleting_a_required_field_is_refused(key: str) -> None:
    data = dict(BASE)
    del data[key]
    assert check(data), key


WRONG_TYPES = st.one_of(
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.none(),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)
TYPED_PATHS = {
    ("title",): str,
    ("summary",): str,
    ("description",): str,
    ("fields",): list,
    ("hours_per_week",): (int, dict),
    ("duration_weeks",): (int, dict),
    ("academic_credit",): bool,
    ("compensation", "amount"): (int, float),
    ("posted",): str,
    ("apply", "url"): str,
    ("location", "countries"): list,
}


@FUZZ
@given(st.sampled_from(sorted(TYPED_PATHS)), WRONG_TYPES)
def test_a_value_of_the_wrong_type_is_refused(path: tuple[str, ...], value: Any) -> None:
    expected = TYPED_PATHS[path]
    if isinstance(value, expected) and not (isinstance(value, bool) and expected in ((int, dict), (int, float))):
        return
    assert check(_with(path, value)), (path, value)


@FUZZ
@given(
    st.sampled_from([("title",), ("summary",), ("organization", "name")]),
    st.text(min_size=1, max_size=3),
    st.sampled_from("\x00\x07\x1b\u202e\u200b\u2066\ufeff\n"),
)
def test_hidden_characters_in_one_line_fields_are_refused(path: tuple[str, ...], text: str, hidden: str) -> None:
    value = f"A perfectly fine {text}{hidden} title"
    assert check(_with(path, value)), repr(value)


@FUZZ
@given(st.sampled_from([("hours_per_week",), ("duration_weeks",)]), st.integers())
def test_out_of_range_effort_is_refused(path: tuple[str, ...], value: int) -> None:
    limit = 40 if path == ("hours_per_week",) else 12
    codes = check(_with(path, value))
    assert bool(codes) == (not 1 <= value <= limit)


@FUZZ
@given(st.text(max_size=400))
def test_any_description_never_raises_and_accepted_ones_render_safely(text: str) -> None:
    data = _with(("description",), text)
    if not check(data):
        renders(data)


@FUZZ
@given(
    st.dictionaries(
        st.sampled_from([*REQUIRED, "tags", "closed", "host", "start"]),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.text(max_size=20),
            lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
            max_leaves=8,
        ),
        max_size=6,
    )
)
def test_random_structures_never_raise(overrides: dict[str, Any]) -> None:
    data = {**BASE, **overrides}
    codes = check(data)
    if not codes:
        renders(data)


@FUZZ
@given(st.binary(max_size=600))
def test_random_bytes_never_raise(raw: bytes) -> None:
    document = load_file(raw, "f.yaml")
    check_document(document)


@FUZZ
@given(st.integers(min_value=0, max_value=len(EXAMPLE.encode()) - 1), st.binary(min_size=1, max_size=4))
def test_corrupting_a_real_file_never_raises(position: int, noise: bytes) -> None:
    raw = EXAMPLE.encode()
    document = load_file(raw[:position] + noise + raw[position + len(noise) :], "f.yaml")
    problems = check_document(document)
    if not problems:
        renders(document.data)


@FUZZ
@given(st.integers(min_value=0, max_value=len(EXAMPLE) - 1), st.text(min_size=1, max_size=6))
def test_the_quick_reader_agrees_with_the_careful_one(position: int, noise: str) -> None:
    """Valid postings are read without marks; the careful reader must see the same values."""
    text = EXAMPLE[:position] + noise + EXAMPLE[position:]
    quick = quick_load(text)
    careful = load_text(text, "f.yaml")
    if quick is not None:
        assert careful.problems == [] and careful.data == quick
    else:
        assert careful.problems, "the quick reader declines only what the careful one refuses"
