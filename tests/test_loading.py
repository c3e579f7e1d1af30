"""The loader: only plain data gets through, every value keeps its place, nothing raises."""

from __future__ import annotations

import pytest

from stint.contract.loading import MAX_BYTES, load_file, plain_scalar


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("NO", "NO"),
        ("yes", "yes"),
        ("off", "off"),
        ("true", True),
        ("false", False),
        ("True", "True"),
        ("0777", "0777"),
        ("1:30", "1:30"),
        ("2026-02-30", "2026-02-30"),
        ("12", 12),
        ("-3", -3),
        ("1.5", 1.5),
        ("1e3", 1000.0),
        (".inf", ".inf"),
        (".nan", ".nan"),
        ("1e999", "1e999"),
        ("~", None),
        ("null", None),
        ("0x1F", "0x1F"),
        ("1_000", "1_000"),
    ],
)
def test_plain_scalars_follow_yaml_1_2_strictly(text: str, value: object) -> None:
    assert plain_scalar(text) == value
    assert type(plain_scalar(text)) is type(value)


def test_every_value_and_key_keeps_its_line_and_column() -> None:
    document = load_file(b"title: x\nlocation:\n  mode: remote\n  countries: [US, NO]\n", "f.yaml")
    assert document.data == {"title": "x", "location": {"mode": "remote", "countries": ["US", "NO"]}}
    assert document.mark(("location", "countries", 1)) == (4, 19)
    assert document.key_mark(("location", "mode")) == (3, 3)
    assert document.mark(("location", "missing")) == (3, 3), "a missing field points at its parent"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"a: 1\nb: 2\na: 3\n", 'f.yaml:3:1: a: "a" appears twice (first on line 1): keep one [duplicate-key]'),
        (b"a: &x [1]\nb: *x\n", "f.yaml:1:4: a: anchors (&name) are not allowed: write each value out [yaml-anchor]"),
        (b"a: *x\n", "f.yaml:1:4: a: aliases (*name) are not allowed: write the value out [yaml-alias]"),
        (
            b"a: !!python/object:os.system x\n",
            'f.yaml:1:4: a: YAML tags such as "tag:yaml.org,2002:python/object:os.system" are not allowed [yaml-tag]',
        ),
        (b"a: !!str 5\n", 'f.yaml:1:4: a: YAML tags such as "tag:yaml.org,2002:str" are not allowed [yaml-tag]'),
        (b"b:\n  <<: {y: 2}\n", "f.yaml:2:3: b: merge keys (<<) are not allowed: write the fields out [yaml-merge-key]"),
        (b"a: 1\n---\nb: 2\n", "f.yaml:2:1: the file holds more than one YAML document (---): one posting per file [multiple-documents]"),
        (b"- a\n", "f.yaml:1:1: a posting must be a mapping of fields (key: value), starting at the top of the file [not-a-mapping]"),
        (b"", "f.yaml:1:1: the file is empty: a posting is a mapping of fields [empty-file]"),
        (b"# only a comment\n", "f.yaml:2:1: the file is empty: a posting is a mapping of fields [empty-file]"),
        (b"1: x\n", 'f.yaml:1:1: the key "1" must be a name, not a number, boolean or empty [non-string-key]'),
        (b"true: x\n", 'f.yaml:1:1: the key "true" must be a name, not a number, boolean or empty [non-string-key]'),
        (b"? [a]\n: x\n", "f.yaml:1:3: a key must be a plain name [non-string-key]"),
        (b"a: x\x0by\n", "f.yaml:1:5: the file contains a character YAML does not allow (U+000B): remove it [control-character]"),
        (b"a: \xff\n", "f.yaml:1:4: the file is not valid UTF-8: save it as UTF-8 [not-utf8]"),
        (b"\xff\xfea\x00", "f.yaml:1:1: the file is UTF-16: save it as UTF-8 [not-utf8]"),
        (b"a: " + b"[" * 40 + b"]" * 40, "f.yaml:1:11: a[0][0][0][0][0][0][0]: nesting is too deep for a posting [too-deep]"),
    ],
)
def test_refusals_are_located_problems(raw: bytes, expected: str) -> None:
    document = load_file(raw, "f.yaml")
    assert [problem.as_text() for problem in document.problems] == [expected]
    assert document.data is None


def test_syntax_errors_are_located_not_raised() -> None:
    document = load_file(b"title: [unclosed\nnext: 1\n", "f.yaml")
    (problem,) = document.problems
    assert (problem.line, problem.code) == (2, "yaml-syntax")


def test_oversized_file_is_refused_before_parsing() -> None:
    document = load_file(b"a: " + b"x" * MAX_BYTES, "f.yaml")
    assert [problem.code for problem in document.problems] == ["file-too-large"]


def test_alias_bomb_is_refused_at_the_first_anchor() -> None:
    bomb = b'a: &a ["lol","lol"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n'
    assert [problem.code for problem in load_file(bomb, "f.yaml").problems] == ["yaml-anchor"]


def test_byte_order_mark_is_accepted() -> None:
    assert load_file(b"\xef\xbb\xbftitle: x\n", "f.yaml").data == {"title": "x"}
