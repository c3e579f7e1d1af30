"""Duplicates, tuned on real postings: double submissions fail, siblings pass, look-alikes warn."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import EXAMPLE, check_texts, edited
from scaling import assert_linear
from stint.contract import duplicates
from stint.contract.duplicates import duplicate_problems
from stint.contract.loading import Document
from stint.contract.validation import check_paths

TITLE = "title: Customer interview sprint for a budgeting app"
LINK = "https://northwind.example/careers/interview-sprint"


def posting(title: str | None = None, link: str | None = None, organization: str | None = None) -> str:
    text = EXAMPLE if title is None else edited(TITLE, f"title: {title}")
    text = text if link is None else edited(LINK, link, text)
    return text if organization is None else edited("name: Northwind Ledger", f"name: {organization}", text)


def findings(first: str, second: str, listings: Path) -> list[tuple[str, str, str]]:
    result = check_texts(listings, {"first-posting.yaml": first, "second-posting.yaml": second})
    return [(problem.file, problem.code, problem.severity) for problem in result.problems]


SECOND = "listings/second-posting.yaml"

# (why, first posting, second posting, what the second one gets)
CASES = [
    ("a true double submission", posting(), posting(), [(SECOND, "duplicate-posting", "error")]),
    ("a double submission with a typo in the title", posting(), posting(title="Customer interveiw sprint for a budgeting app"),
     [(SECOND, "duplicate-posting", "error")]),
    ("the same link written differently", posting(), posting(link="https://WWW.Northwind.example/careers/interview-sprint/?utm_source=x#apply"),
     [(SECOND, "duplicate-posting", "error")]),
    ("siblings sharing one careers page", posting(title="Data Scientist", link="https://northwind.example/careers"),
     posting(title="Data Engineer", link="https://northwind.example/careers"), [(SECOND, "duplicate-apply-link", "warning")]),
    ("siblings sharing one jobs@ address", posting(title="Data Scientist", link="{url: x}"),
     posting(title="Data Engineer", link="{url: x}"), []),
    ("juniors and seniors are different roles", posting(title="Junior Software Developer"),
     posting(title="Senior Software Developer"), [(SECOND, "duplicate-apply-link", "warning")]),
    ("roman levels are different roles", posting(title="Research Assistant I", link="https://northwind.example/a"),
     posting(title="Research Assistant II", link="https://northwind.example/b"), []),
    ("intern and graduate are different roles", posting(title="Data Analyst Intern", link="https://northwind.example/a"),
     posting(title="Data Analyst Graduate", link="https://northwind.example/b"), []),
    ("the same title with another link", posting(), posting(link="https://northwind.example/careers/other"),
     [(SECOND, "similar-title", "warning")]),
    ("another organisation with the same link", posting(), posting(title="A quite different research project", organization="Southwind"),
     [(SECOND, "duplicate-apply-link", "warning")]),
    ("the same title at another organisation", posting(),
     edited("  url: https://northwind.example\n", "  url: https://southwind.example\n", posting(link="https://southwind.example/jobs/1", organization="Southwind")), []),
]  # fmt: skip


@pytest.mark.parametrize(("why", "first", "second", "expected"), CASES, ids=[case[0] for case in CASES])
def test_duplicate_rules(why: str, first: str, second: str, expected: list[tuple[str, str, str]], listings: Path) -> None:
    second = second.replace("apply: {url: {url: x}}", "apply: {email: jobs@northwind.example}")
    first = first.replace("apply: {url: {url: x}}", "apply: {email: jobs@northwind.example}")
    if "jobs@" in second:  # one shared address: a warning, never an error
        expected = [(SECOND, "duplicate-apply-link", "warning")]
    assert findings(first, second, listings) == expected


def test_warnings_keep_the_posting_valid(listings: Path) -> None:
    result = check_texts(
        listings, {"first-posting.yaml": posting(title="Data Scientist"), "second-posting.yaml": posting(title="Data Engineer")}
    )
    assert result.ok and len(result.documents) == 2 and [problem.code for problem in result.warnings] == ["duplicate-apply-link"]


def test_a_kept_check_carries_what_the_sweep_compares(listings: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A rebuild reuses each unchanged posting's check (``known``) and with it what the sweep
    compares: only the edited posting is normalised again, and the findings are the same."""
    files = {"first-posting.yaml": posting(title="Data Scientist"), "second-posting.yaml": posting(title="Data Engineer")}
    check_texts(listings, files)
    first = check_paths([listings], known={})  # with ``known``, checks are keyed by the files' bytes
    normalised: list[object] = []
    counted = duplicates.sweep_of
    monkeypatch.setattr(duplicates, "sweep_of", lambda data: normalised.append(data) or counted(data))
    again = check_paths([listings], known=first.checks)
    assert not normalised and again.problems == first.problems == first.warnings
    (listings / "second-posting.yaml").write_text(posting(title="Data Engineer II"), encoding="utf-8")
    edited_once = check_paths([listings], known=first.checks)
    assert len(normalised) == 1 and [problem.code for problem in edited_once.warnings] == ["duplicate-apply-link"]


def test_the_message_says_what_to_check(listings: Path) -> None:
    result = check_texts(
        listings, {"first-posting.yaml": posting(title="Data Scientist"), "second-posting.yaml": posting(title="Data Engineer")}
    )
    assert result.problems[0].as_text() == (
        "listings/second-posting.yaml:23:14: warning: apply.url: has the same application link as listings/first-posting.yaml (line 23), "
        "open at the same time: fine for sibling roles sharing one careers page or jobs@ address; check the link belongs to this "
        "organisation [duplicate-apply-link]"
    )


def test_the_later_posted_one_is_reported(listings: Path) -> None:
    earlier = edited("posted: 2026-11-20", "posted: 2026-11-10")
    result = check_texts(listings, {"a-posting.yaml": EXAMPLE, "b-posting.yaml": earlier})
    assert [(problem.file, problem.code) for problem in result.problems] == [("listings/a-posting.yaml", "duplicate-posting")]


def test_a_near_identical_title_is_found_among_many_roles() -> None:
    """Difflib with a window of 20 missed this once 20 other roles of the organisation sorted between."""
    documents = [_document(f"p{n:04d}", f"Role number {n} in analytics", f"https://x.example/{n}") for n in range(1500)]
    documents.append(_document("p9999", "Role numbr 7 in analytics", "https://x.example/7"))
    assert [(problem.file, problem.code) for problem in duplicate_problems(documents)] == [("p9999", "duplicate-posting")]


def _document(name: str, title: str, url: str, posted: str = "2026-11-20", apply_by: str = "2026-12-15") -> Document:
    data = {"title": title, "organization": {"name": "Org"}, "apply": {"url": url}, "posted": posted, "apply_by": apply_by}
    return Document(name, data, marks={("title",): (1, 1), ("apply",): (2, 1), ("apply", "url"): (2, 6)})


def _shared_link_board(count: int, same_window: bool) -> list[Document]:
    """``count`` postings of one organisation sharing one apply link: one window, or one a week apart."""
    documents = []
    for n in range(count):
        start = dt.date(2026, 1, 1) + dt.timedelta(days=0 if same_window else 7 * n)
        window = (start.isoformat(), (start + dt.timedelta(days=5)).isoformat())
        documents.append(_document(f"p{n:05d}", f"Project {n} in field work", "https://x.example/jobs", *window))
    return documents


@pytest.mark.parametrize("same_window", [False, True], ids=["windows-apart", "one-window"])
def test_the_check_grows_linearly_with_postings_sharing_one_link(same_window: bool) -> None:
    """6,000 postings sharing one apply link in windows that did not overlap took 3.3 s: each was
    compared with every earlier one. Four times the postings may cost four times the time, not sixteen."""
    small, large = _shared_link_board(1_500, same_window), _shared_link_board(6_000, same_window)
    assert_linear(lambda: list(duplicate_problems(small)), lambda: list(duplicate_problems(large)))


def test_a_rebuild_reuses_the_findings_until_what_the_sweep_reads_changes(listings: Path) -> None:
    """The build keeps the sweep's findings (``repeats``): a description edit reuses them, the
    very objects kept; an edit that moves a line a finding points at, or a title edit, sweeps again."""
    files = {
        "first-posting.yaml": posting(title="Data Scientist"),
        "second-posting.yaml": posting(title="Data Engineer"),
        "third-posting.yaml": posting(title="A quite different research project", link="https://northwind.example/c"),
    }
    check_texts(listings, files)
    repeats: dict[str, duplicates.Repeats] = {}
    first = check_paths([listings], known={}, repeats=repeats)
    kept = repeats["sweep"].problems
    assert [(problem.file, problem.line, problem.code) for problem in kept] == [
        ("listings/second-posting.yaml", 23, "duplicate-apply-link")
    ]

    summary = "summary: Run and synthesise twelve customer interviews for a student budgeting app."
    third = edited(summary, "summary: Twelve interviews, synthesised.", files["third-posting.yaml"])
    (listings / "third-posting.yaml").write_text(third, encoding="utf-8")
    again = check_paths([listings], known=first.checks, repeats=repeats)
    assert again.problems == first.problems and again.problems[0] is kept[0]

    (listings / "second-posting.yaml").write_text("# resubmitted\n" + files["second-posting.yaml"], encoding="utf-8")
    moved = check_paths([listings], known=again.checks, repeats=repeats)
    assert [(problem.line, problem.code) for problem in moved.problems] == [(24, "duplicate-apply-link")]

    (listings / "third-posting.yaml").write_text(
        edited("title: A quite different research project", "title: Data Scientist", third), encoding="utf-8"
    )
    retitled = check_paths([listings], known=moved.checks, repeats=repeats)
    assert sorted((problem.file, problem.code) for problem in retitled.problems) == [
        ("listings/second-posting.yaml", "duplicate-apply-link"),
        ("listings/third-posting.yaml", "similar-title"),
    ]
