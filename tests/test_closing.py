"""Closing a posting edits two lines of its file and nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import EXAMPLE, check_texts, edited
from stint.commands.closing import CannotClose, close_posting
from stint.contract.loading import load_text


def posting(folder: Path, text: str) -> Path:
    path = folder / "northwind-interview-sprint.yaml"
    path.write_bytes(text.encode("utf-8"))
    return path


def test_closing_appends_two_lines_and_keeps_every_other_byte(listings: Path) -> None:
    original = "# yaml-language-server: $schema=../schema/posting.schema.json\n" + edited(
        "hours_per_week: 15\n", "hours_per_week: 15   # roughly\n"
    )
    path = posting(listings, original)
    assert close_posting(path, "link-dead") is True
    assert path.read_text(encoding="utf-8") == original + "closed: true\nclosed_reason: link-dead\n"
    assert close_posting(path, "link-dead") is False  # already closed for that reason: untouched


def test_an_existing_closed_line_is_replaced_in_place_with_its_comment(listings: Path) -> None:
    original = edited("tags: [interviews, fintech]\n", "closed: false  # the host may reopen\ntags: [interviews, fintech]\n")
    path = posting(listings, original)
    close_posting(path, "filled")
    expected = original.replace("closed: false  # the host", "closed: true  # the host") + "closed_reason: filled\n"
    assert path.read_text(encoding="utf-8") == expected
    assert load_text(expected, "x").data["closed"] is True


def test_windows_line_endings_and_a_missing_final_newline_are_kept(listings: Path) -> None:
    original = EXAMPLE.rstrip("\n").replace("\n", "\r\n")
    path = posting(listings, original)
    close_posting(path, "filled")
    assert path.read_bytes() == (original + "\r\nclosed: true\r\nclosed_reason: filled\r\n").encode()


def test_a_file_that_cannot_be_edited_safely_is_refused_and_left_alone(listings: Path) -> None:
    flow = "{" + ", ".join(f"{key}: {value!r}" for key, value in [("title", "x")]) + "}\n"
    path = posting(listings, flow)
    with pytest.raises(CannotClose):
        close_posting(path, "filled")
    assert path.read_text(encoding="utf-8") == flow


def test_only_known_reasons(listings: Path) -> None:
    with pytest.raises(CannotClose):
        close_posting(posting(listings, EXAMPLE), "bored")


def test_a_reason_without_closed_is_an_error(listings: Path) -> None:
    result = check_texts(listings, {"northwind-interview-sprint.yaml": EXAMPLE + "closed_reason: filled\n"})
    assert [problem.code for problem in result.errors] == ["reason-without-closed"]
    assert result.errors[0].line == EXAMPLE.count("\n") + 1


def test_a_bad_reason_is_an_error(listings: Path) -> None:
    result = check_texts(listings, {"northwind-interview-sprint.yaml": EXAMPLE + "closed: true\nclosed_reason: bored\n"})
    assert [problem.field for problem in result.errors] == ["closed_reason"]
