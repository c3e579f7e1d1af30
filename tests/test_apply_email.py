"""Issue 15, item 2: an apply address is one recipient, on the page and in the e-mail client.

A mail client percent-decodes a mailto: link and splits it on ",": the address
``careers%2Cspy%40evil.example%2Cjobs@company.example`` passed as one address and
became three recipients. Such addresses are refused, and the link is built so that no
address, whatever it holds, can become two."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from conftest import check_texts, edited
from sitebuild import built, read
from stint.contract.urls import mailto

APPLY = "apply: {url: https://northwind.example/careers/interview-sprint}"


def recipients(link: str) -> list[str]:
    """What a mail client makes of a mailto: link: decoded, then split on commas (RFC 6068)."""
    parts = urlsplit(link)
    assert parts.scheme == "mailto"
    return [address for address in unquote(parts.path).split(",") if address]


@pytest.mark.parametrize(
    "address",
    [
        "careers%2Cspy%40evil.example%2Cjobs@company.example",  # the reported one
        "careers%2cspy@company.example",
        "jobs%40company.example@company.example",
        "jobs%20x@company.example",
        "jobs%@company.example",
        "%6Aobs@company.example",
    ],
)
def test_percent_in_an_apply_address_is_refused(listings: Path, address: str) -> None:
    result = check_texts(listings, {"sample.yaml": edited(APPLY, f"apply: {{email: '{address}'}}")})
    assert [(problem.code, problem.field) for problem in result.problems] == [("bad-email", "apply.email")]
    assert "must not contain %" in result.problems[0].message


@pytest.mark.parametrize("address", ["jobs@company.example", "jobs+interns@company.example", "first.last-x_y@company.example"])
def test_ordinary_addresses_stay_allowed(listings: Path, address: str) -> None:
    assert (
        check_texts(listings, {"sample.yaml": edited(APPLY, f"apply: {{email: '{address}'}}")}).errors == []
    )  # warnings ask an editor to look


@pytest.mark.parametrize(
    "address",
    ["a%2Cb@x.example", "a%252C@x.example", "a?cc=b@x.example", "a&cc=b@x.example", "jobs+x@x.example", "jobs@x.example"],
)
def test_the_link_keeps_any_address_one_recipient(address: str) -> None:
    """Belt and braces: even an address the validator refuses stays one recipient in the link."""
    link = mailto(address, "Application: a, b & c?")
    assert recipients(link) == [address]
    assert parse_qs(urlsplit(link).query) == {"subject": ["Application: a, b & c?"]}  # nothing else: no cc, no bcc


@pytest.mark.parametrize("address", ["a,b@x.example", "a;b@x.example", "a b@x.example", "a@x.example, b@y.example"])
def test_an_address_holding_a_separator_is_never_made_into_a_link(address: str) -> None:
    with pytest.raises(ValueError, match="several recipients"):
        mailto(address, "Application")


def test_the_built_page_links_one_recipient(tmp_path: Path) -> None:
    listings = tmp_path / "listings"
    listings.mkdir()
    address = "jobs+interns@northwind.example"
    (listings / "by-mail.yaml").write_text(edited(APPLY, f"apply: {{email: '{address}'}}"), encoding="utf-8")
    page = read(built(listings, tmp_path / "output", "2026-11-25"), "/internships/by-mail/")
    (href,) = re.findall(r'href="(mailto:[^"]*)"', page)
    link = html.unescape(href)
    assert recipients(link) == [address]
    assert parse_qs(urlsplit(link).query) == {"subject": ["Application: Customer interview sprint for a budgeting app"]}
