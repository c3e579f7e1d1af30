"""``stint from-issue``: issue bodies rendered from the "Post an internship" form become postings,
or problems named by the form's labels. The samples in fixtures/issues/ are bodies as GitHub
renders them from .github/ISSUE_TEMPLATE/post-internship.yml."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import EXAMPLE, FIXTURES, ROOT
from stint.commands.cli import main
from stint.commands.issue_form import FORM
from stint.contract.loading import load_text
from stint.contract.validation import check_paths

ISSUES = FIXTURES / "issues"
TEMPLATE = ROOT / ".github" / "ISSUE_TEMPLATE"
FORM_FILE = TEMPLATE / "post-internship.yml"
POSTED = "2026-11-20"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def from_issue(name: str, capsys: pytest.CaptureFixture[str], *options: str) -> tuple[int, str, str]:
    return run(["from-issue", str(ISSUES / name), "--posted", POSTED, *options], capsys)


def form_elements() -> list[dict]:
    document = load_text(FORM_FILE.read_text(encoding="utf-8"), FORM_FILE.name)
    assert document.problems == []
    return [element for element in document.data["body"] if element["type"] != "markdown"]


def test_the_form_and_the_parser_agree() -> None:
    """Every field of the form is read, under the label, kind and options the parser expects."""
    elements = form_elements()
    assert [element["id"] for element in elements] == [field.id for field in FORM]
    for element, field in zip(elements, FORM, strict=True):
        attributes = element["attributes"]
        assert (element["type"], attributes["label"]) == ("checkboxes" if field.kind == "checkbox" else field.kind, field.label)
        shown = [option["label"] if isinstance(option, dict) else option for option in attributes.get("options", [])]
        assert shown == list(field.options)


def test_the_form_is_a_valid_github_issue_form() -> None:
    vendor = pytest.importorskip("check_jsonschema.builtin_schemas.vendor")
    from importlib.resources import files

    from jsonschema import Draft7Validator

    for file, schema in ((FORM_FILE, "github-issue-forms.json"), (TEMPLATE / "config.yml", "github-issue-config.json")):
        validator = Draft7Validator(json.loads(files(vendor).joinpath(schema).read_text(encoding="utf-8")))
        data = load_text(file.read_text(encoding="utf-8"), file.name).data
        assert [error.message for error in validator.iter_errors(data)] == [], file.name


def test_samples_are_rendered_from_the_form() -> None:
    labels = [element["attributes"]["label"] for element in form_elements()]
    for sample in ISSUES.glob("*.md"):
        headings = re.findall(r"^### (.+)$", sample.read_text(encoding="utf-8"), re.M)
        assert [heading for heading in headings if heading in labels] == labels, sample.name  # answers may hold headings too


def test_a_valid_remote_issue(listings: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = from_issue("valid-remote.md", capsys)
    assert code == 0
    path = "listings/northwind-ledger-customer-interview-sprint-budgeting-app.yaml"
    assert out == f"{path}\n"
    result = check_paths([listings])
    assert result.ok
    assert result.documents[0].data == {
        "title": "Customer interview sprint for a budgeting app",
        "organization": {
            "name": "Northwind Ledger",
            "url": "https://northwind.example",
            "about": "A budgeting app used by 40,000 students. We are twelve people in Toronto.",
        },
        "fields": ["research", "marketing"],
        "summary": "Run and synthesise twelve customer interviews for a student budgeting app.",
        "description": (
            "You will plan and run twelve short video interviews with students, then turn\n"
            "what you hear into a two-page summary of needs and a ranked list of ideas.\n\n"
            "### What you learn\n\n"
            "A mentor from our product team meets you twice a week.\n"
        ),
        "tasks": ["Plan the interview guide", "Run twelve interviews", "Write a two-page summary"],
        "duration_weeks": {"min": 2, "max": 3},
        "hours_per_week": 15,
        "compensation": {"type": "paid", "amount": 900, "currency": "USD", "per": "project"},
        "location": {"mode": "remote", "countries": ["US", "CA"]},
        "eligibility": {"levels": ["undergraduate", "postgraduate"], "international_students": ["cpt", "opt"]},
        "academic_credit": True,
        "resources_provided": ["software"],
        "posted": POSTED,
        "apply_by": "2026-12-15",
        "apply": {"url": "https://northwind.example/careers/interview-sprint"},
        "tags": ["interviews", "fintech"],
    }
    assert (ROOT / "tests" / path).exists() is False  # written where asked, not in the repository


def test_a_valid_on_site_unpaid_issue(listings: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = from_issue("valid-onsite-unpaid.md", capsys, "--slug", "coat-drive")
    assert (code, out) == (0, "listings/coat-drive.yaml\n")
    text = (listings / "coat-drive.yaml").read_text(encoding="utf-8")
    assert 'country: "NO"' in text
    data = check_paths([listings]).documents[0].data
    assert data["host"] == "alumni" and data["terms"] == "fixed" and data["start"] == "2026-12-07"
    assert data["compensation"] == {"type": "unpaid", "travel_expenses_covered": True}
    assert data["location"] == {"mode": "on-site", "city": "Oslo", "country": "NO"}
    assert data["apply"] == {"email": "frivillig@fjordside.example"}
    assert data["hours_per_week"] == {"min": 10, "max": 12}


def test_invalid_values_are_named_by_the_form(listings: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = from_issue("invalid-values.md", capsys)
    assert code == 1
    assert out.splitlines() == [
        "The form has 11 problems:",
        "- Title: is too short: 2 characters, at least 5 needed",
        "- Fields of work: has 4 items; at most 3 allowed",
        "- Description: is too short: 11 characters, at least 50 needed",
        "- Tasks, line 2: is plain text: HTML tags and entities such as &amp; are not allowed; write the characters themselves",
        '- Duration in weeks: "two weeks" is not a number: write a whole number such as 3, or a range such as 2-4',
        "- Hours per week: 41 is out of range: must be at most 40",
        "- Travel costs: an unpaid internship must cover the intern's local travel costs: tick the box",
        "- City: must be empty for a remote internship",
        "- Countries applicants may live in: a remote internship must list the countries applicants may live in, such as US, CA",
        "- Apply by: the deadline 2026-11-01 is before the posting date 2026-11-20",
        '- How to apply: "http://northwind.example/apply" is not a full web address starting with https://',
    ]
    assert "nothing was written" in err
    assert list(listings.iterdir()) == []


def test_paid_fields_and_workplace_in_the_forms_words(listings: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = from_issue("invalid-paid.md", capsys)
    assert code == 1
    assert '- Pay amount: "1,200 EUR" is not an amount: write a number such as 900 or 12.50, without the currency' in out
    assert (
        '- Currency: "EURO" is not allowed: must be an ISO 4217 currency code in capitals, such as USD, EUR or GBP; did you mean EUR?'
        in out
    )
    assert "- Paid per: is required for a paid internship" in out
    assert "- City: is required for an on-site or hybrid internship" in out
    assert "- Countries applicants may live in: is only for remote internships: leave it empty" in out
    assert "- Duration in weeks: the first number of the range is larger than the second" in out
    # The form's words, never the posting's YAML.
    assert not re.search(r"compensation|location\.|duration_weeks|travel_expenses|\[\d+\]", out)
    assert len(out.splitlines()) == len(set(out.splitlines()))


def test_an_issue_not_from_the_form(listings: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "issue.md").write_text("Hello, we would like to post a job.\n", encoding="utf-8")
    code, out, _ = run(["from-issue", str(tmp_path / "issue.md")], capsys)
    assert code == 1
    assert out.splitlines() == [
        "The form has 1 problem:",
        "- The issue: was not opened with the “Post an internship” form: none of its sections (### Title, …) is there",
    ]


def test_an_issue_missing_a_section(listings: Path, capsys: pytest.CaptureFixture[str]) -> None:
    body = (ISSUES / "valid-remote.md").read_text(encoding="utf-8").replace("### Hours per week", "### Hours")
    (listings.parent / "issue.md").write_text(body, encoding="utf-8")
    code, out, _ = run(["from-issue", "issue.md", "--posted", POSTED], capsys)
    assert code == 1
    assert out.splitlines() == [
        "The form has 1 problem:",
        "- Hours per week: is missing from the issue: was it opened with the “Post an internship” form?",
    ]


def test_windows_line_endings_and_a_description_quoting_a_later_heading(listings: Path, capsys: pytest.CaptureFixture[str]) -> None:
    body = (ISSUES / "valid-remote.md").read_text(encoding="utf-8")
    body = body.replace("A mentor from our product team", "### Tasks\n\nA mentor from our product team").replace("\n", "\r\n")
    (listings.parent / "issue.md").write_bytes(body.encode("utf-8"))
    assert run(["from-issue", "issue.md", "--posted", POSTED], capsys)[0] == 0
    data = check_paths([listings]).documents[0].data
    assert "### Tasks\n\nA mentor" in data["description"] and data["tasks"][0] == "Plan the interview guide"


def test_a_choice_the_form_does_not_offer(listings: Path, capsys: pytest.CaptureFixture[str]) -> None:
    body = (ISSUES / "valid-remote.md").read_text(encoding="utf-8").replace("- [X] Research", "- [X] Astrology")
    (listings.parent / "issue.md").write_text(body, encoding="utf-8")
    code, out, _ = run(["from-issue", "issue.md", "--posted", POSTED], capsys)
    assert code == 1 and '- Fields of work: "Astrology" is not one of the form\'s choices: Data analysis, Software development' in out


def test_refuses_to_overwrite(listings: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (listings / "taken.yaml").write_text(EXAMPLE, encoding="utf-8")
    code, out, _ = from_issue("valid-onsite-unpaid.md", capsys, "--slug", "taken")
    assert code == 1 and "listings/taken.yaml already exists" in out
    assert (listings / "taken.yaml").read_text(encoding="utf-8") == EXAMPLE


def test_a_duplicate_of_a_board_posting(listings: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (listings / "interview-sprint.yaml").write_text(EXAMPLE, encoding="utf-8")
    code, out, _ = from_issue("valid-remote.md", capsys)
    assert code == 1
    assert "- Title: is the same role, organisation and application link as listings/interview-sprint.yaml (line 1)" in out
    assert [path.name for path in listings.iterdir()] == ["interview-sprint.yaml"]


def test_markdown_problems_are_escaped(listings: Path, capsys: pytest.CaptureFixture[str]) -> None:
    body = (ISSUES / "valid-remote.md").read_text(encoding="utf-8").replace("\n2-3\n", "\n<img src=x> @octocat\n")
    (listings.parent / "issue.md").write_text(body, encoding="utf-8")
    code, out, _ = run(["from-issue", "issue.md", "--posted", POSTED, "--format", "markdown"], capsys)
    assert code == 1
    assert out.splitlines()[2].startswith('- **Duration in weeks**: "\\<img src=x\\> @\u2060octocat" is not a number')


@pytest.mark.parametrize("argv", [["from-issue"], ["from-issue", "missing.md"], ["from-issue", "x.md", "--listings", "nowhere"]])
def test_misuse_exits_2(argv: list[str], listings: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(argv, capsys)[0] == 2
