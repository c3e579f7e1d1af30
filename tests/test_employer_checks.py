"""Employer checks, with real domain pairs: warnings for the editor that never fail a check."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import EXAMPLE, FIXTURES, ROOT, check_texts, edited
from sitebuild import build, read
from stint.commands.cli import main
from stint.contract.problems import Problem
from stint.contract.validation import check_paths

ORG = "  url: https://northwind.example\n"
APPLY = "apply: {url: https://northwind.example/careers/interview-sprint}"


def warnings_for(listings: Path, organization: str | None, apply: str) -> list[Problem]:
    text = edited(ORG, f"  url: {organization}\n" if organization else "") if organization != "https://northwind.example" else EXAMPLE
    result = check_texts(listings, {"northwind-interview-sprint.yaml": edited(APPLY, apply, text)})
    assert result.ok, [problem.as_text() for problem in result.errors]  # warnings never fail the check
    return result.warnings


def codes(problems: list[Problem]) -> list[str]:
    return [problem.code for problem in problems]


@pytest.mark.parametrize(
    ("organization", "apply"),
    [
        ("https://www.figma.com", "apply: {url: https://boards.greenhouse.io/figma/jobs/5012345004}"),  # Greenhouse
        ("https://www.spotify.com", "apply: {url: https://jobs.lever.co/spotify/0a1b2c3d}"),  # Lever
        ("https://www.nvidia.com", "apply: {url: https://nvidia.wd5.myworkdayjobs.com/NVIDIAExternalCareerSite/job/123}"),  # Workday
        ("https://www.notion.so", "apply: {url: https://jobs.ashbyhq.com/notion/3f2a}"),  # Ashby
        ("https://www.bbc.co.uk", "apply: {url: https://careers.bbc.co.uk/job/intern}"),  # a subdomain under a two-part suffix
        ("https://www.acme.co.uk", "apply: {email: internships@acme.co.uk}"),
        (None, "apply: {url: https://careers.example.org/x}"),  # no website to compare with
    ],
)
def test_genuine_employers_are_not_warned(listings: Path, organization: str | None, apply: str) -> None:
    assert warnings_for(listings, organization, apply) == []


def test_an_apply_link_on_another_domain_is_warned_with_what_to_verify(listings: Path) -> None:
    (warning,) = warnings_for(listings, "https://www.figma.com", "apply: {url: https://figma-design-jobs.net/apply}")
    assert (warning.code, warning.severity, warning.field, warning.line) == ("apply-domain-differs", "warning", "apply.url", 23)
    assert "figma-design-jobs.net" in warning.message and "figma.com" in warning.message and "check that" in warning.message


@pytest.mark.parametrize(
    ("apply", "imitated"),
    [
        ("apply: {url: https://careers.rnicrosoft.com/intern}", "microsoft.com"),  # rn for m
        ("apply: {url: https://jobs.g00gle.com/intern}", "google.com"),  # zeros for o
        ("apply: {url: https://www.linkedln.com/jobs/1}", "linkedin.com"),  # l for i
        ("apply: {url: https://deloite.com/careers/1}", "deloitte.com"),  # a letter dropped
        ("apply: {url: https://boards.greenhuose.io/acme/jobs/1}", "greenhouse.io"),  # an ATS imitated
        ("apply: {url: https://paypal-careers.com/intern}", "paypal.com"),  # brand plus a job word
        ("apply: {email: hr@accenture-recruitment.com}", "accenture.com"),
    ],
)
def test_a_lookalike_domain_is_warned(listings: Path, apply: str, imitated: str) -> None:
    found = warnings_for(listings, None, apply)
    assert codes(found) == ["lookalike-domain"]
    assert f"looks like {imitated}" in found[0].message and "check that" in found[0].message


@pytest.mark.parametrize(
    "domain", ["https://www.microsoft.com", "https://northwind.example", "https://www.hpe.com", "https://www.sapient.com"]
)
def test_real_domains_near_short_names_are_not_lookalikes(listings: Path, domain: str) -> None:
    host = domain.split("//")[1]
    assert "lookalike-domain" not in codes(warnings_for(listings, domain, f"apply: {{url: https://{host}/jobs/1}}"))


def test_a_lookalike_organisation_website_is_warned_too(listings: Path) -> None:
    found = warnings_for(listings, "https://www.arnazon.com", "apply: {url: https://www.arnazon.com/jobs/1}")
    assert codes(found) == ["lookalike-domain"] and found[0].field == "organization.url"


def test_an_apply_address_at_a_free_mail_provider_is_warned(listings: Path) -> None:
    (warning,) = warnings_for(listings, "https://northwind.example", "apply: {email: northwind.hiring@gmail.com}")
    assert (warning.code, warning.field) == ("free-mail-apply", "apply.email")
    assert "gmail.com" in warning.message and "speaks for Northwind Ledger" in warning.message


def test_the_board_own_postings_and_fixtures_are_quiet() -> None:
    for folder in (ROOT / "listings", FIXTURES / "board", ROOT / "schema" / "example-posting.yaml"):
        assert check_paths([folder]).warnings == [], folder


def test_validate_prints_the_warnings_and_still_passes(listings: Path, capsys: pytest.CaptureFixture[str]) -> None:
    warnings_for(listings, "https://northwind.example", "apply: {email: northwind.hiring@gmail.com}")
    assert main(["validate", "listings"]) == 0
    out = capsys.readouterr().out
    assert "listings/northwind-interview-sprint.yaml:23:16: warning: apply.email: applications go to a free e-mail address" in out


def test_the_build_shows_the_warnings_and_publishes(listings: Path, tmp_path: Path) -> None:
    warnings_for(listings, "https://northwind.example", "apply: {email: northwind.hiring@gmail.com}")
    result = build(listings, tmp_path / "output", "2026-12-01")
    assert result.returncode == 0, result.stderr
    assert "northwind-interview-sprint.yaml:23:16: warning: apply.email: applications go to a free e-mail address" in result.stderr
    assert "Apply by e-mail" in read(tmp_path / "output", "internships/northwind-interview-sprint/")
