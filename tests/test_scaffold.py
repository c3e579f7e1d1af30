"""``stint new``: from options and from answers, only valid postings are written, never over a file."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import EXAMPLE, ROOT
from stint.commands.cli import main
from stint.commands.posting_file import HEADER, render, scalar
from stint.contract.loading import load_file, load_text
from stint.contract.slugs import suggest_slug
from stint.contract.validation import check_paths

OPTIONS = [
    "new",
    "--yes",
    "--title",
    "Design a survey on walking to work",
    "--org",
    "Riverside Council",
    "--field",
    "research",
    "--field",
    "strategy",
    "--summary",
    "Help the council design and pilot a short survey on active transport.",
    "--description",
    "You will design a short, neutral survey and pilot it with forty residents.\n\nA policy officer mentors you.",
    "--weeks",
    "3",
    "--hours",
    "15-20",
    "--paid",
    "34",
    "AUD",
    "hour",
    "--hybrid",
    "Geelong",
    "AU",
    "--apply-email",
    "careers@riverside-council.example",
    "--posted",
    "2026-11-24",
]
SLUG = "riverside-council-design-survey-walking-work"


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STINT_TODAY", "2026-11-20")


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def written(listings: Path) -> dict[str, str]:
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(listings.iterdir())}


def test_options_write_a_valid_posting(listings: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(OPTIONS, capsys)
    assert code == 0
    assert out.startswith(f"Wrote listings/{SLUG}.yaml")
    result = check_paths([listings])
    assert result.problems == [] and len(result.documents) == 1
    text = (listings / f"{SLUG}.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../schema/posting.schema.json"
    assert result.documents[0].data == {
        "title": "Design a survey on walking to work",
        "organization": {"name": "Riverside Council"},
        "fields": ["research", "strategy"],
        "summary": "Help the council design and pilot a short survey on active transport.",
        "description": "You will design a short, neutral survey and pilot it with forty residents.\n\nA policy officer mentors you.\n",
        "duration_weeks": 3,
        "hours_per_week": {"min": 15, "max": 20},
        "compensation": {"type": "paid", "amount": 34, "currency": "AUD", "per": "hour"},
        "location": {"mode": "hybrid", "city": "Geelong", "country": "AU"},
        "posted": "2026-11-24",
        "apply_by": "2026-12-15",  # three weeks after posted, by default
        "apply": {"email": "careers@riverside-council.example"},
    }
    assert "description: |\n  You will design" in text


def test_norway_stays_a_string_for_every_yaml_reader(listings: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = [*OPTIONS[: OPTIONS.index("--hybrid")], "--on-site", "On", "no", "--tag", "yes", "--tag", "0777", *OPTIONS[-4:]]
    assert run(argv, capsys)[0] == 0
    text = (listings / f"{SLUG}.yaml").read_text(encoding="utf-8")
    assert 'country: "NO"' in text and 'city: "On"' in text
    data = yaml.safe_load(text)  # YAML 1.1: unquoted, these would be False, True, True and 511
    assert data["location"] == {"mode": "on-site", "city": "On", "country": "NO"}
    assert data["tags"] == ["yes", "0777"]


def test_unpaid_remote_with_everything_optional(listings: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = [*OPTIONS[: OPTIONS.index("--paid")], "--unpaid", "--travel-covered", "--remote", "US, ca", "--host", "alumni"]
    argv += ["--task", "Draft the questions", "--task", "Pilot at two libraries", "--level", "undergraduate", "--international", "opt"]
    argv += ["--institution", "Deakin University", "--academic-credit", "--resource", "laptop", "--terms", "fixed", "--start", "flexible"]
    argv += ["--org-url", "https://riverside.example", "--org-about", "A council of 260,000 residents.", "--skill", "Surveys"]
    argv += ["--apply-url", "https://riverside.example/jobs/survey", "--posted", "2026-11-24", "--apply-by", "2027-01-22"]
    assert run(argv, capsys)[0] == 0
    data = check_paths([listings]).documents[0].data
    assert data["compensation"] == {"type": "unpaid", "travel_expenses_covered": True}
    assert data["location"] == {"mode": "remote", "countries": ["US", "CA"]}
    assert data["eligibility"] == {"levels": ["undergraduate"], "international_students": ["opt"], "institutions": ["Deakin University"]}
    assert (data["host"], data["terms"], data["academic_credit"], data["start"]) == ("alumni", "fixed", True, "flexible")


def test_bad_options_show_the_rule_and_write_nothing(listings: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = [*OPTIONS]
    argv[argv.index("--hours") + 1] = "41"
    argv[argv.index("--weeks") + 1] = "three"
    code, _, err = run(argv, capsys)
    assert code == 1
    assert '--weeks: "three" is not a number: write a whole number such as 3, or a range such as 2-4' in err
    assert "--hours: 41 is out of range: must be at most 40 (rule: Expected effort per week (1-40)" in err
    assert written(listings) == {}


def test_yes_without_a_required_answer_is_misuse(listings: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = [*OPTIONS[:2], *OPTIONS[4:]]  # no --title
    code, _, err = run(argv, capsys)
    assert code == 2 and "--title is required with --yes" in err
    assert written(listings) == {}


@pytest.mark.parametrize(
    ("extra", "message"),
    [(["--travel-covered"], "--travel-covered does not apply"), (["--unpaid"], "not allowed with argument"), (["--bogus"], "unrecognized")],
)
def test_misuse_exits_2(listings: Path, capsys: pytest.CaptureFixture[str], extra: list[str], message: str) -> None:
    code, _, err = run([*OPTIONS, *extra], capsys)
    assert code == 2 and message in err
    assert written(listings) == {}


def test_no_listings_folder_is_misuse(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run(OPTIONS, capsys)
    assert code == 2 and "no postings folder" in err


def test_refuses_to_overwrite(listings: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (listings / "taken.yaml").write_text("# an employer's file\n", encoding="utf-8")
    code, _, err = run([*OPTIONS, "--slug", "taken"], capsys)
    assert code == 1
    assert "listings/taken.yaml already exists: stint never overwrites a posting" in err
    assert written(listings) == {"taken.yaml": "# an employer's file\n"}


def test_suggested_slug_steps_around_a_taken_one(listings: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (listings / f"{SLUG}.yaml").write_text("# a posting whose check is not this test's business\n", encoding="utf-8")
    assert run(OPTIONS, capsys)[0] == 0
    assert (listings / f"{SLUG}-2.yaml").exists()


@pytest.mark.parametrize(
    ("slug", "message"),
    [("Bad Slug", "a slug is 3-80 lower-case letters"), ("closed", "reserved address"), ("con", "device name on Windows")],
)
def test_bad_slug(listings: Path, capsys: pytest.CaptureFixture[str], slug: str, message: str) -> None:
    code, _, err = run([*OPTIONS, "--slug", slug], capsys)
    assert code == 1 and message in err
    assert written(listings) == {}


def test_a_shared_apply_link_is_written_with_a_warning(listings: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (listings / "example.yaml").write_text(EXAMPLE, encoding="utf-8")
    argv = [*OPTIONS]
    argv[argv.index("--apply-email") : argv.index("--apply-email") + 2] = [
        "--apply-url",
        "https://northwind.example/careers/interview-sprint",
    ]
    code, _, err = run(argv, capsys)
    assert code == 0
    assert f"listings/{SLUG}.yaml:" in err and "warning: apply.url: has the same application link as listings/example.yaml" in err
    assert set(written(listings)) == {"example.yaml", f"{SLUG}.yaml"}


def test_suggest_slug(tmp_path: Path) -> None:
    assert suggest_slug("Zürich Ärzte AG", "A 3-week sprint for the data team!", tmp_path) == "zurich-arzte-ag-3-week-sprint-data-team"
    assert suggest_slug("42", "Hi", tmp_path) == "internship-hi"
    assert suggest_slug("Index", "", tmp_path) == "internship-index"


# Interactive: answers typed at the prompts, the bad ones refused with the rule.

ANSWERS = [
    "Hi",  # too short: refused with the rule
    "Design a survey on walking to work",
    "Riverside Council",
    "http://riverside.example",  # not https: refused
    "https://riverside.example",
    "",  # about: skipped
    "",  # host: default employer
    "research, marketting",  # misspelt: refused, with a suggestion
    "research",
    "Help the council design and pilot a short survey on active transport.",
    "You will design a short, neutral survey and pilot it with forty residents.",
    "",
    "### What you learn",
    ".",
    "Draft the questions",
    "Pilot the survey",
    "",  # ends the tasks
    "",  # no skills
    "0",  # out of range: refused
    "2-4",
    "12",
    "unpaid",
    "no",  # an unpaid host must cover travel: refused
    "yes",
    "on-site",
    "Oslo",
    "no",  # Norway
    "",  # levels
    "",  # international
    "",  # institutions
    "",  # academic credit: no
    "",  # resources
    "",  # terms: flexible
    "",  # start
    "",  # posted: today
    "2026-11-01",  # before posted: refused
    "",  # apply by: three weeks after posted
    "jobs@riverside.example",
    "",  # tags
    "",  # slug: the suggestion
]


def test_interactive_answers(listings: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(ANSWERS) + "\n"))
    code, out, _ = run(["new"], capsys)
    assert code == 0, out
    for shown in (
        "Problem: is too short: 2 characters, at least 5 needed",
        "Rule: What the intern will do, in a few words. One line, plain text. 5-160 characters.",
        'Problem: "http://riverside.example" is not a full web address starting with https://',
        "did you mean marketing?",
        "Choices: data-analysis, software-development, research",
        "Problem: 0 is out of range: must be at least 1",
        "Problem: an unpaid posting must cover the intern's local travel costs",
        "Problem: the deadline 2026-11-01 is before the posting date 2026-11-20",
        "Posted [2026-11-20]: ",
        "Apply by [2026-12-11]: ",
        "Host [employer]: ",
    ):
        assert shown in out
    data = check_paths([listings]).documents[0].data
    assert data["location"] == {"mode": "on-site", "city": "Oslo", "country": "NO"}
    assert data["description"].endswith("forty residents.\n\n### What you learn\n")
    assert (data["posted"], data["apply_by"], data["tasks"]) == ("2026-11-20", "2026-12-11", ["Draft the questions", "Pilot the survey"])


def test_interactive_input_ending_early_writes_nothing(
    listings: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("Design a survey on walking to work\n"))
    code, _, err = run(["new"], capsys)
    assert code == 2 and "the input ended" in err
    assert written(listings) == {}


def test_options_answer_their_questions_in_an_interactive_run(
    listings: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without --yes, only what the options leave open is asked."""
    argv = [argument for argument in OPTIONS if argument != "--yes"]
    monkeypatch.setattr("sys.stdin", io.StringIO("\n" * 20))
    code, out, _ = run(argv, capsys)
    assert code == 0, out
    assert "Title:" not in out and "Tasks" in out and "Slug [" in out


def test_interactive_through_a_real_terminal_pipe(tmp_path: Path) -> None:
    (tmp_path / "listings").mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "stint.commands.cli", "new", "--listings", str(tmp_path / "listings")],
        input="\n".join(ANSWERS) + "\n",
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"STINT_TODAY": "2026-11-20", "PATH": "", "PYTHONPATH": str(ROOT / "plugins")},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert check_paths([tmp_path / "listings"]).ok


# The YAML writer: what it writes reads back as written, in YAML 1.2 (our loader) and 1.1 (PyYAML).

TRICKY = ["NO", "no", "yes", "On", "off", "~", "null", "0777", "1:30", "1e3", ".inf", "0x1F", "=", "<<", "- x", "a: b", "#x", "x #y"]
TRICKY += ["'q'", '"q"', "@x", "`x`", "[x]", "{x}", "!x", "&x", "*x", "%x", "|", ">", "?", " lead", "trail ", "tab\there", "2026-11-20"]
TRICKY += ["C#", "don't", "100%", "naïve café", "\u202ertl", "zero\u200bwidth", "nbsp\u00a0x", "line\u2028sep", "\x85", "\ufeffbom"]


def _reads_back(value: object) -> None:
    text = f"key: {scalar(value)}\n"
    assert load_text(text, "x.yaml").data == {"key": value}
    assert yaml.safe_load(text) == {"key": value}


@pytest.mark.parametrize("value", TRICKY)
def test_scalars_read_back(value: str) -> None:
    _reads_back(value)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.integers(0, 10**6), st.booleans()))
def test_any_scalar_reads_back(value: str | int | bool) -> None:
    _reads_back(value)


@settings(max_examples=200, deadline=None)
@given(description=st.text(min_size=1), tasks=st.lists(st.text(min_size=1), max_size=3))
def test_any_posting_text_reads_back(description: str, tasks: list[str]) -> None:
    posting = {"title": "x", "description": description, "tasks": tasks} if tasks else {"title": "x", "description": description}
    text = render(posting)
    assert text.startswith(HEADER)
    assert load_text(text, "x.yaml").data == posting
    assert yaml.safe_load(text) == posting


def test_pasted_ats_html_and_invisible_characters_are_cleaned_before_writing(listings: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ats = (
        '<p><span style="font-weight: 400;">You will design a short,&nbsp;neutral survey.</span></p>'
        "<h3><strong>What you will do</strong></h3><ul><li>Pilot it with forty residents\u200b</li></ul>"
    )
    (listings.parent / "description.html").write_text(ats, encoding="utf-8")
    argv = [*OPTIONS]
    argv[argv.index("--description") : argv.index("--description") + 2] = ["--description-file", "description.html"]
    argv[argv.index("--title") + 1] = "Design a survey\u00a0on walking to work\u200b"
    assert run(argv, capsys)[0] == 0
    posting = load_file((listings / f"{SLUG}.yaml").read_bytes(), "x").data
    assert posting["title"] == "Design a survey on walking to work"
    assert posting["description"] == "You will design a short, neutral survey.\n\n### What you will do\n\n- Pilot it with forty residents\n"
