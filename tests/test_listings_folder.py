"""The set of postings as a whole: file names, stray files, duplicates, the sample postings."""

from __future__ import annotations

import os
from pathlib import Path

from conftest import EXAMPLE, ROOT, check_texts, edited
from stint.contract.loading import load_file
from stint.contract.validation import check_paths


def reports(result) -> list[str]:
    return [problem.as_text() for problem in result.problems]


def test_every_other_file_is_reported_with_what_to_do(listings: Path) -> None:
    (listings / "nested").mkdir()
    result = check_texts(
        listings,
        {
            "good-posting.yaml": EXAMPLE,
            "other-posting.yml": EXAMPLE,
            "Upper-Case.yaml": EXAMPLE,
            "posting.json": "{}",
            "README.md": "hello",
            "1-starts-with-digit.yaml": EXAMPLE,
            "closed.yaml": EXAMPLE,
        },
    )
    assert reports(result) == [
        "listings/1-starts-with-digit.yaml:1:1: the file name must be 3-80 lower-case letters, digits and single hyphens, starting with a letter: for example starts-with-digit.yaml [bad-file-name]",
        "listings/README.md:1:1: only postings (<slug>.yaml) belong in listings/: move this file elsewhere or remove it [unexpected-file]",
        "listings/Upper-Case.yaml:1:1: posting files are named <slug>.yaml in lower case: rename it to upper-case.yaml [bad-file-name]",
        "listings/closed.yaml:1:1: closed is a reserved address on the board: choose a more descriptive file name [reserved-slug]",
        "listings/nested:1:1: folders are not read: put each posting directly in listings/ as <slug>.yaml [unexpected-file]",
        "listings/other-posting.yml:1:1: posting files are named <slug>.yaml in lower case: rename it to other-posting.yaml [bad-file-name]",
        "listings/posting.json:1:1: postings are YAML files: convert it to <slug>.yaml (see /submit/) [unexpected-file]",
    ]
    assert [document.file for document in result.documents] == ["listings/good-posting.yaml"]


def test_symbolic_links_are_refused(listings: Path, tmp_path: Path) -> None:
    (tmp_path / "secret.yaml").write_text(EXAMPLE, encoding="utf-8")
    os.symlink(tmp_path / "secret.yaml", listings / "linked-posting.yaml")
    assert [problem.code for problem in check_paths([listings]).problems] == ["unexpected-file"]


def test_all_problems_of_all_files_in_one_run_sorted(listings: Path) -> None:
    result = check_texts(
        listings,
        {
            "b-posting.yaml": edited("hours_per_week: 15", "hours_per_week: 99", edited("tags: [interviews, fintech]", "tags: [Bad]")),
            "a-posting.yaml": edited("posted: 2026-11-20", "posted: 2026-02-30"),
        },
    )
    assert [(problem.file, problem.line, problem.code) for problem in result.problems] == [
        ("listings/a-posting.yaml", 21, "invalid-date"),
        ("listings/b-posting.yaml", 13, "out-of-range"),
        ("listings/b-posting.yaml", 24, "bad-format"),
    ]


def test_a_repeat_in_a_later_season_is_not_a_duplicate(listings: Path) -> None:
    later = edited("posted: 2026-11-20", "posted: 2027-06-01", edited("apply_by: 2026-12-15", "apply_by: 2027-06-30"))
    assert check_texts(listings, {"first-posting.yaml": EXAMPLE, "second-posting.yaml": later}).problems == []


def test_sample_postings_are_valid() -> None:
    assert reports(check_paths([ROOT / "listings"])) == []


def test_sample_postings_use_every_value_of_the_contract() -> None:
    postings = [load_file(path.read_bytes(), path.name).data for path in sorted((ROOT / "listings").glob("*.yaml"))]
    assert len(postings) >= 15
    used: dict[str, set[str]] = {}

    def note(key: str, *values: object) -> None:
        used.setdefault(key, set()).update(str(value) for value in values)

    for posting in postings:
        note("fields", *posting["fields"])
        note("mode", posting["location"]["mode"])
        pay = posting["compensation"]
        note("pay", pay["type"])
        if pay["type"] == "paid":
            note("per", pay["per"])
            note("currency", pay["currency"])
        note("host", posting.get("host", "employer"))
        eligibility = posting.get("eligibility", {})
        note("levels", *eligibility.get("levels", []))
        note("international", *eligibility.get("international_students", []))
        note("on-campus", bool(eligibility.get("institutions")))
        note("credit", posting.get("academic_credit", False))
        note("resources", *posting.get("resources_provided", []))
        note("closed", posting.get("closed", False))
        note("ranges", isinstance(posting["duration_weeks"], dict), isinstance(posting["hours_per_week"], dict))
    assert len(used["fields"]) == 11
    assert used["mode"] == {"remote", "hybrid", "on-site"}
    assert used["pay"] == {"paid", "unpaid"} and used["per"] == {"project", "week", "hour"}
    assert len(used["currency"]) >= 3
    assert used["host"] == {"employer", "alumni"}
    assert used["levels"] == {"undergraduate", "postgraduate", "doctoral", "recent-graduate"}
    assert used["international"] == {"cpt", "opt", "work-visa"}
    assert {"True", "False"} <= used["on-campus"] & used["credit"] & used["closed"] & used["ranges"]
    assert used["resources"] == {"laptop", "software", "internet", "workspace", "travel"}
