"""The JSON Schema half of validation: jsonschema's errors, translated for an employer.

The schema may annotate a subschema with ``x-errors: {keyword: {code, message}}`` for
rules whose generic wording would puzzle an employer (an unpaid posting without
travel costs), and a value with ``x-hint`` that says what is expected in words.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jsonschema_rs
from rapidfuzz import fuzz, process

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator, ValidationError

from stint.contract.problems import FieldPath, shown
from stint.settings import schema_path

SCHEMA_PATH = schema_path()

# Only one error per field reaches the employer: the most basic one.
_PRIORITY = ["type", "const", "enum", "pattern", "format", "minLength", "maxLength"]

# JSON types in an employer's words: the /submit/ field reference lists them, messages say "must be a ...".
TYPE_WORDS = {
    "integer": "whole number",
    "number": "number",
    "string": "text",
    "boolean": "true or false",
    "array": "list",
    "object": "group of fields",
}
_COUNTED = {"integer", "number", "array", "object"}  # the nouns that take "a"


def type_words(json_type: str) -> str:
    """A type as a message says a value must be: "a whole number", "text"."""
    words = ("a " if json_type in _COUNTED else "") + TYPE_WORDS[json_type]
    return words + (" (key: value lines)" if json_type == "object" else "")


@dataclass(frozen=True)
class SchemaProblem:
    """A schema problem before it is given a file: ``key`` says to point at the key, not the value."""

    path: FieldPath
    code: str
    message: str
    at_key: bool = False
    suggestion: str | None = None


@cache
def load_schema(path: Path = SCHEMA_PATH) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def validator(path: Path = SCHEMA_PATH) -> Draft202012Validator:
    """One validator for the whole run: building it is the expensive part."""
    from jsonschema import Draft202012Validator, FormatChecker  # only invalid files need it: 45 ms of import a build saves

    checker = FormatChecker(formats=["date"])  # URLs and e-mail: stricter rules in urls.py
    return Draft202012Validator(load_schema(path), format_checker=checker)


@cache
def fast_validator(path: Path = SCHEMA_PATH) -> Any:
    """jsonschema-rs answers "valid?" about 100x faster; the Python validator then explains
    the invalid ones, error by error, which is what we translate for employers."""
    # The same formats as the Python validator: dates only (web addresses and e-mail are urls.py's).
    ignored = {name: _any_text for name in ("uri", "email")}
    return jsonschema_rs.validator_for(load_schema(path), validate_formats=True, formats=ignored)


def _any_text(_value: str) -> bool:
    return True


# No list in a posting may hold more than 50 items: past this many, the rest only repeat the
# same item errors, and checking 15,000 of them one by one took the slow validator a second.
_LONGEST_LIST = 100


def _bounded(value: Any) -> Any:
    """The data with every list cut after ``_LONGEST_LIST + 1`` items: still too long, so
    "too many items" is reported all the same, and the places of the items kept do not move."""
    if isinstance(value, list):
        return [_bounded(item) for item in value[: _LONGEST_LIST + 1]]
    if isinstance(value, dict):
        return {key: _bounded(item) for key, item in value.items()}
    return value


def schema_problems(data: Any, path: Path = SCHEMA_PATH) -> list[SchemaProblem]:
    """Every schema problem of one posting, one per field."""
    if fast_validator(path).is_valid(data):
        return []
    found: dict[FieldPath, tuple[int, SchemaProblem]] = {}
    extra: list[SchemaProblem] = []
    for error in validator(path).iter_errors(_bounded(data)):
        for problem in _translate(error):
            if problem.at_key or error.validator == "required":
                extra.append(problem)
                continue
            rank = _PRIORITY.index(error.validator) if error.validator in _PRIORITY else len(_PRIORITY)
            if problem.path not in found or rank < found[problem.path][0]:
                found[problem.path] = (rank, problem)
    unique = list(dict.fromkeys(extra))  # jsonschema reports a `required` list once per missing key
    problems = _without_misspelt(unique) + [problem for _, problem in found.values()]
    # The two validators read one schema; should they ever disagree, refusing is the safe side.
    return problems or [
        SchemaProblem((), "schema-mismatch", "does not match the posting schema (please report this to the board's editors)")
    ]


def _without_misspelt(problems: list[SchemaProblem]) -> list[SchemaProblem]:
    """A misspelt key is one problem, not two: drop "missing X" when "did you mean X?" says it."""
    meant = {(*problem.path[:-1], problem.suggestion) for problem in problems if problem.suggestion}
    return [problem for problem in problems if not (problem.code == "missing-field" and problem.path in meant)]


def _translate(error: ValidationError) -> Iterator[SchemaProblem]:
    path: FieldPath = tuple(error.absolute_path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    custom = schema.get("x-errors", {}).get(error.validator)
    if error.validator == "required":
        yield from _missing(error, path, custom)
    elif error.validator == "additionalProperties":
        yield from _unknown(error, path)
    elif custom:
        yield SchemaProblem(path, custom["code"], custom["message"], at_key=error.validator == "not")
    else:
        yield SchemaProblem(path, *_describe(error, schema))


def _missing(error: ValidationError, path: FieldPath, custom: dict[str, str] | None) -> Iterator[SchemaProblem]:
    present = error.instance if isinstance(error.instance, dict) else {}
    for key in error.validator_value:
        if key in present:
            continue
        if custom:
            yield SchemaProblem((*path, key), custom["code"], custom["message"].format(missing=key))
            continue
        title = error.schema.get("properties", {}).get(key, {}).get("title", key)
        yield SchemaProblem((*path, key), "missing-field", f"required field is missing: add {key} ({title})")


def _unknown(error: ValidationError, path: FieldPath) -> Iterator[SchemaProblem]:
    allowed = list(error.schema.get("properties", {}))
    for key in error.instance:
        if key in allowed:
            continue
        close = closest(str(key).lower(), allowed)
        hint = f"did you mean {close}?" if close else "the fields allowed here are " + ", ".join(allowed)
        yield SchemaProblem((*path, key), "unknown-field", f"unknown field {shown(key)}: {hint}", True, close)


def _describe(error: ValidationError, schema: dict[str, Any]) -> tuple[str, str]:
    """(code, message) for one failed keyword, in plain words."""
    keyword, value, expected = error.validator, error.instance, error.validator_value
    hint = schema.get("x-hint")
    if keyword == "type":
        wanted = hint or " or ".join(type_words(t) for t in ([expected] if isinstance(expected, str) else expected))
        return "wrong-type", f"must be {wanted}, but is {_kind(value)}"
    if keyword == "enum":
        return "not-allowed-value", _enum_message(value, expected, hint)
    if keyword == "const":
        return "not-allowed-value", f"must be {shown(expected)}"
    if keyword in ("pattern", "format"):
        code = "invalid-date" if schema.get("format") == "date" else "bad-format"
        if code == "invalid-date" and keyword == "format":
            return code, f"{shown(value)} is not a real calendar date"
        return code, f"{shown(value)} is not {hint or 'in the expected form'}"
    return _size_message(keyword, value, expected)


def _size_message(keyword: str, value: Any, expected: Any) -> tuple[str, str]:
    if keyword == "minLength":
        return "too-short", f"is too short: {len(value)} characters, at least {expected} needed"
    if keyword == "maxLength":
        return "too-long", f"is too long: {len(value):,} characters, at most {expected:,} allowed"
    if keyword in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        bound = {"minimum": "at least", "maximum": "at most", "exclusiveMinimum": "more than", "exclusiveMaximum": "less than"}
        return "out-of-range", f"{shown(value)} is out of range: must be {bound[keyword]} {expected}"
    if keyword == "minItems":
        return "too-few-items", f"needs at least {expected} item{'s' if expected != 1 else ''}"
    if keyword == "maxItems":
        count = f"more than {_LONGEST_LIST:,}" if len(value) > _LONGEST_LIST else f"{len(value)}"  # see _bounded
        return "too-many-items", f"has {count} items; at most {expected} allowed"
    if keyword == "uniqueItems":
        return "duplicate-item", "lists the same value more than once"
    if keyword in ("minProperties", "maxProperties"):
        return "wrong-size", f"has {len(value)} fields; expected {'at least' if keyword == 'minProperties' else 'at most'} {expected}"
    return "invalid-value", f"is not valid here ({keyword})"


def closest(word: str, choices: list[str]) -> str | None:
    """The allowed word most like ``word`` (difflib's ratio of at least 0.6), for "did you mean".
    rapidfuzz: difflib took 3 s over a file of 6,000 unknown keys, rapidfuzz a few milliseconds."""
    found = process.extractOne(word, choices, scorer=fuzz.ratio, score_cutoff=60)
    return found[0] if found else None


def _enum_message(value: Any, allowed: list[Any], hint: str | None) -> str:
    upper = [str(v) for v in allowed if str(v) == str(value).upper()]
    suggestion = upper[0] if upper else closest(str(value), [str(v) for v in allowed])
    listed = "one of " + ", ".join(str(v) for v in allowed)
    expected = listed if len(allowed) <= 12 else hint or "one of the allowed values"
    tail = f"; did you mean {suggestion}?" if suggestion else ""
    return f"{shown(value)} is not allowed: must be {expected}{tail}"


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return f"{'true' if value else 'false'} (a boolean)"
    if isinstance(value, int | float):
        return f"the number {value}"
    if value is None:
        return "empty"
    if isinstance(value, str):
        return f"the text {shown(value)}"
    return "a " + TYPE_WORDS["array" if isinstance(value, list) else "object"]
