"""Every rule of the posting contract: one failing edit of the example, with its exact report.

Each case edits the contract's example posting (schema/example-posting.yaml) once and
expects exactly one problem, given as (where it points, field: message [code]); None means
valid. "Where it points" is the text at the problem's line and column: the first place that
text appears in the edited example, so the table does not shift when the example grows.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import EXAMPLE, check_texts, edited

CASES = [
    (
        "missing-field",
        "title: Customer interview sprint for a budgeting app\n",
        "",
        ("organization:", "title: required field is missing: add title (Title) [missing-field]"),
    ),
    (
        "missing-nested",
        "  name: Northwind Ledger\n",
        "",
        ("url:", "organization.name: required field is missing: add name (Organisation name) [missing-field]"),
    ),
    (
        "unknown-field",
        "hours_per_week: 15",
        "hours_per_weak: 15",
        ("hours_per_weak:", 'hours_per_weak: unknown field "hours_per_weak": did you mean hours_per_week? [unknown-field]'),
    ),
    (
        "unknown-nested",
        "  url: https://northwind.example",
        "  website: https://northwind.example",
        ("website:", 'organization.website: unknown field "website": the fields allowed here are name, url, about [unknown-field]'),
    ),
    (
        "wrong-type-int",
        "hours_per_week: 15",
        "hours_per_week: fifteen",
        (
            "fifteen",
            'hours_per_week: must be a whole number of hours from 1 to 40, or a range such as {min: 10, max: 20}, but is the text "fifteen" [wrong-type]',
        ),
    ),
    (
        "wrong-type-bool",
        "academic_credit: true",
        "academic_credit: yes",
        ("yes", 'academic_credit: must be true or false, but is the text "yes" [wrong-type]'),
    ),
    (
        "float-hours",
        "hours_per_week: 15",
        "hours_per_week: 15.5",
        (
            "15.5",
            "hours_per_week: must be a whole number of hours from 1 to 40, or a range such as {min: 10, max: 20}, but is the number 15.5 [wrong-type]",
        ),
    ),
    (
        "not-allowed-value",
        "fields: [research, marketing]",
        "fields: [research, marketting]",
        (
            "marketting]",
            'fields[1]: "marketting" is not allowed: must be one of data-analysis, software-development, research, marketing, sales, strategy, human-resources, operations, finance-accounting, design, communications; did you mean marketing? [not-allowed-value]',
        ),
    ),
    (
        "country-lower",
        "countries: [US, CA]",
        "countries: [us, CA]",
        (
            "us,",
            'location.countries[0]: "us" is not allowed: must be a two-letter ISO 3166-1 country code in capitals, such as US, GB or NO; did you mean US? [not-allowed-value]',
        ),
    ),
    (
        "too-short-title",
        "title: Customer interview sprint for a budgeting app",
        "title: Hi",
        ("Hi", "title: is too short: 2 characters, at least 5 needed [too-short]"),
    ),
    (
        "too-long-summary",
        "summary: Run and synthesise twelve customer interviews for a student budgeting app.",
        "summary: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        ("xx", "summary: is too long: 201 characters, at most 200 allowed [too-long]"),
    ),
    (
        "out-of-range",
        "hours_per_week: 15",
        "hours_per_week: 41",
        ("41", "hours_per_week: 41 is out of range: must be at most 40 [out-of-range]"),
    ),
    (
        "out-of-range-weeks",
        "duration_weeks: {min: 2, max: 3}",
        "duration_weeks: {min: 0, max: 3}",
        ("0,", "duration_weeks.min: 0 is out of range: must be at least 1 [out-of-range]"),
    ),
    (
        "range-reversed",
        "duration_weeks: {min: 2, max: 3}",
        "duration_weeks: {min: 4, max: 3}",
        ("4,", "duration_weeks.min: min (4) is larger than max (3) [range-reversed]"),
    ),
    (
        "range-missing",
        "duration_weeks: {min: 2, max: 3}",
        "duration_weeks: {min: 2}",
        ("{min:", "duration_weeks.max: required field is missing: add max (Most weeks) [missing-field]"),
    ),
    (
        "too-many-fields",
        "fields: [research, marketing]",
        "fields: [research, marketing, sales, design]",
        ("[research,", "fields: has 4 items; at most 3 allowed [too-many-items]"),
    ),
    ("too-few-fields", "fields: [research, marketing]", "fields: []", ("[]", "fields: needs at least 1 item [too-few-items]")),
    (
        "duplicate-item",
        "fields: [research, marketing]",
        "fields: [research, research]",
        ("[research,", "fields: lists the same value more than once [duplicate-item]"),
    ),
    (
        "paid-without-amount",
        "compensation: {type: paid, amount: 900, currency: USD, per: project}",
        "compensation: {type: paid, currency: USD, per: project}",
        ("{type:", "compensation.amount: a paid posting must give amount, currency and per: amount is missing [paid-without-amount]"),
    ),
    ("amount-zero", "amount: 900", "amount: 0", ("0,", "compensation.amount: 0 is out of range: must be more than 0 [out-of-range]")),
    (
        "currency-bad",
        "currency: USD",
        "currency: usd",
        (
            "usd,",
            'compensation.currency: "usd" is not allowed: must be an ISO 4217 currency code in capitals, such as USD, EUR or GBP; did you mean USD? [not-allowed-value]',
        ),
    ),
    (
        "unpaid-without-travel",
        "compensation: {type: paid, amount: 900, currency: USD, per: project}",
        "compensation: {type: unpaid}",
        (
            "{type:",
            "compensation.travel_expenses_covered: an unpaid posting must cover the intern's local travel costs: add travel_expenses_covered: true [unpaid-without-travel]",
        ),
    ),
    (
        "unpaid-travel-false",
        "compensation: {type: paid, amount: 900, currency: USD, per: project}",
        "compensation: {type: unpaid, travel_expenses_covered: false}",
        (
            "false}",
            "compensation.travel_expenses_covered: an unpaid posting must cover the intern's local travel costs: set travel_expenses_covered: true [unpaid-without-travel]",
        ),
    ),
    (
        "unpaid-with-amount",
        "compensation: {type: paid, amount: 900, currency: USD, per: project}",
        "compensation: {type: unpaid, amount: 5, travel_expenses_covered: true}",
        ("amount:", "compensation.amount: an unpaid posting has no amount: remove it, or set type: paid [field-not-allowed]"),
    ),
    (
        "remote-without-countries",
        "location: {mode: remote, countries: [US, CA]}",
        "location: {mode: remote}",
        (
            "{mode:",
            "location.countries: a remote posting must list countries: the countries where applicants must live [remote-without-countries]",
        ),
    ),
    (
        "remote-with-city",
        "location: {mode: remote, countries: [US, CA]}",
        "location: {mode: remote, countries: [US], city: Oslo}",
        ("city:", "location.city: a remote posting has no city: remove it, or set mode: hybrid [field-not-allowed]"),
    ),
    (
        "onsite-without-city",
        "location: {mode: remote, countries: [US, CA]}",
        "location: {mode: on-site, country: NO}",
        (
            "{mode:",
            "location.city: an on-site or hybrid posting must give the workplace's city and country: city is missing [missing-workplace]",
        ),
    ),
    (
        "onsite-with-countries",
        "location: {mode: remote, countries: [US, CA]}",
        "location: {mode: hybrid, city: Oslo, country: NO, countries: [NO]}",
        ("countries:", "location.countries: countries is only for remote postings: give city and country instead [field-not-allowed]"),
    ),
    ("norway-ok", "location: {mode: remote, countries: [US, CA]}", "location: {mode: on-site, city: Oslo, country: NO}", None),
    (
        "invalid-date",
        "apply_by: 2026-12-15",
        "apply_by: 2027-02-30",
        ("2027-02-30", 'apply_by: "2027-02-30" is not a real calendar date [invalid-date]'),
    ),
    (
        "bad-date-format",
        "posted: 2026-11-20",
        "posted: 20/11/2026",
        ("20/11/2026", 'posted: "20/11/2026" is not a date written YYYY-MM-DD, such as 2026-12-15 [invalid-date]'),
    ),
    ("quoted-date-ok", "posted: 2026-11-20", "posted: '2026-11-20'", None),
    (
        "deadline-before-posted",
        "apply_by: 2026-12-15",
        "apply_by: 2026-11-01",
        ("2026-11-01", "apply_by: the deadline 2026-11-01 is before the posting date 2026-11-20 [deadline-before-posted]"),
    ),
    (
        "deadline-too-far",
        "apply_by: 2026-12-15",
        "apply_by: 2027-06-01",
        ("2027-06-01", "apply_by: the deadline is 193 days after posted; at most 180 days are allowed [deadline-too-far]"),
    ),
    (
        "start-invalid",
        "posted: 2026-11-20",
        "start: 2026-13-01\nposted: 2026-11-20",
        ("2026-13-01", 'start: "2026-13-01" is not a real calendar date [invalid-date]'),
    ),
    ("start-flexible-ok", "posted: 2026-11-20", "start: flexible\nposted: 2026-11-20", None),
    (
        "apply-both",
        "apply: {url: https://northwind.example/careers/interview-sprint}",
        "apply: {url: https://northwind.example/careers/interview-sprint, email: jobs@northwind.example}",
        ("{url:", "apply: give exactly one way to apply, url or email, not both [apply-needs-one]"),
    ),
    (
        "apply-none",
        "apply: {url: https://northwind.example/careers/interview-sprint}",
        "apply: {}",
        ("{}", "apply: give exactly one way to apply: url or email [apply-needs-one]"),
    ),
    (
        "url-not-https",
        "url: https://northwind.example/careers/interview-sprint",
        "url: http://northwind.example/careers/interview-sprint",
        (
            "http:",
            'apply.url: "http://northwind.example/careers/interview-sprint" is not a full web address starting with https:// [bad-format]',
        ),
    ),
    (
        "url-javascript",
        "url: https://northwind.example/careers/interview-sprint",
        "url: 'javascript:alert(1)'",
        ("'javascript:alert(1)'}", 'apply.url: "javascript:alert(1)" is not a full web address starting with https:// [bad-format]'),
    ),
    (
        "url-credentials",
        "url: https://northwind.example/careers/interview-sprint",
        "url: https://good.example@evil.example/x",
        (
            "https://good.example@evil.example/x}",
            "apply.url: the address contains a user name or password (the part before @): remove it [url-credentials]",
        ),
    ),
    (
        "url-ip-host",
        "url: https://northwind.example/careers/interview-sprint",
        "url: https://192.168.0.1/apply",
        ("https://192.168.0.1/apply}", "apply.url: the address points at an IP address: use the organisation's domain name [url-ip-host]"),
    ),
    (
        "url-local-host",
        "url: https://northwind.example/careers/interview-sprint",
        "url: https://localhost/apply",
        (
            "https://localhost/apply}",
            "apply.url: the address points at a local or private machine: use a public domain name [url-local-host]",
        ),
    ),
    (
        "url-port",
        "url: https://northwind.example/careers/interview-sprint",
        "url: https://northwind.example:8443/apply",
        (
            "https://northwind.example:8443/apply}",
            "apply.url: the address uses port 8443: a public https page needs no port number [url-port]",
        ),
    ),
    (
        "url-lookalike",
        "url: https://northwind.example/careers/interview-sprint",
        "url: https://xn--nrthwind-90a.example/apply",
        (
            "https://xn--nrthwind-90a.example/apply}",
            "apply.url: the host name uses non-Latin or encoded (xn--) letters that can imitate another site: use the plain ASCII domain [url-lookalike-host]",
        ),
    ),
    (
        "bad-email",
        "apply: {url: https://northwind.example/careers/interview-sprint}",
        "apply: {email: 'jobs at northwind'}",
        ("'jobs", "apply.email: is not a plain e-mail address such as jobs@example.org [bad-email]"),
    ),
    ("email-ok", "apply: {url: https://northwind.example/careers/interview-sprint}", "apply: {email: jobs@northwind.example}", None),
    (
        "not-one-line",
        "title: Customer interview sprint for a budgeting app",
        "title: |\n  Customer interview sprint for a budgeting app",
        ("|", "title: ends with a line break: write it on one line (use a plain quoted string, not | or >) [not-one-line]"),
    ),
    (
        "control-character",
        "title: Customer interview sprint for a budgeting app",
        'title: "Customer interview\\x07 sprint"',
        (
            '"Customer',
            "title: contains a control character (U+0007) at character 19, invisible in most editors: run `stint fix` on the file to remove it [control-character]",
        ),
    ),
    (
        "bidi-control",
        "title: Customer interview sprint for a budgeting app",
        'title: "Customer interview \\u202Etnirps"',
        (
            '"Customer',
            "title: contains an invisible text-direction control (U+202E) at character 20, which can disguise text: remove it [bidi-control]",
        ),
    ),
    (
        "invisible-character",
        "title: Customer interview sprint for a budgeting app",
        'title: "Customer\\u200B interview sprint"',
        (
            '"Customer\\u200B',
            "title: contains a zero-width space (U+200B) at character 9, invisible in most editors: run `stint fix` on the file to remove it [invisible-character]",
        ),
    ),
    (
        "html-in-text",
        "title: Customer interview sprint for a budgeting app",
        "title: Customer <b>interview</b> sprint",
        (
            "<b>interview</b>",
            "title: is plain text: HTML tags and entities such as &amp; are not allowed; write the characters themselves [html-in-text]",
        ),
    ),
    (
        "entity-in-text",
        "title: Customer interview sprint for a budgeting app",
        "title: Customer &amp; interview sprint",
        (
            "&amp;",
            "title: is plain text: HTML tags and entities such as &amp; are not allowed; write the characters themselves [html-in-text]",
        ),
    ),
    (
        "html-in-description",
        "  A mentor from our product team meets you twice a week.",
        "  A mentor <script>alert(1)</script> meets you twice a week.",
        (
            "<script>alert(1)</script>",
            "description: contains <script>, which is never shown and is removed with everything in it: delete it [html-in-description]",
        ),
    ),
    (
        "code-html-ok",
        "  A mentor from our product team meets you twice a week.",
        "  A mentor explains `<div>` tags and meets you twice a week.",
        None,
    ),
    (
        "unsafe-link",
        "  A mentor from our product team meets you twice a week.",
        "  A [mentor](javascript:alert(1)) meets you twice a week.",
        (
            "javascript:alert(1))",
            'description: links must be full https://, http:// or mailto: addresses; "javascript:alert(1" is not [unsafe-link]',
        ),
    ),
    (
        "image-in-description",
        "  A mentor from our product team meets you twice a week.",
        "  A mentor ![x](https://evil.example/p.png) meets you.",
        (
            "![x](https://evil.example/p.png)",
            "description: contains an image: images are not shown; link to the page instead [image-in-description]",
        ),
    ),
    (
        "bad-tag",
        "tags: [interviews, fintech]",
        "tags: [Interviews, fintech]",
        ("Interviews,", 'tags[0]: "Interviews" is not lower-case letters, digits and single hyphens, such as user-research [bad-format]'),
    ),
    (
        "duplicate-key",
        "hours_per_week: 15",
        "hours_per_week: 15\nhours_per_week: 20",
        ("hours_per_week: 20", 'hours_per_week: "hours_per_week" appears twice (first on line 13): keep one [duplicate-key]'),
    ),
    (
        "anchor",
        "hours_per_week: 15",
        "hours_per_week: &h 15",
        ("&h", "hours_per_week: anchors (&name) are not allowed: write each value out [yaml-anchor]"),
    ),
    (
        "host-bad",
        "academic_credit: true",
        "host: university\nacademic_credit: true",
        ("university", 'host: "university" is not allowed: must be one of employer, alumni [not-allowed-value]'),
    ),
    (
        "levels-bad",
        "levels: [undergraduate, postgraduate]",
        "levels: [undergrad]",
        (
            "undergrad]",
            'eligibility.levels[0]: "undergrad" is not allowed: must be one of undergraduate, postgraduate, doctoral, recent-graduate; did you mean undergraduate? [not-allowed-value]',
        ),
    ),
]


def position(text: str, at: str) -> str:
    """LINE:COLUMN of the first place ``at`` appears in ``text``, both counted from 1."""
    offset = text.index(at)
    line, column = text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)
    return f"{line}:{column}"


def test_example_is_valid(listings: Path) -> None:
    assert check_texts(listings, {"sample.yaml": EXAMPLE}).problems == []


@pytest.mark.parametrize(("old", "new", "expected"), [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_rule(listings: Path, old: str, new: str, expected: tuple[str, str] | None) -> None:
    text = edited(old, new)
    result = check_texts(listings, {"sample.yaml": text})
    reports = [problem.as_text().removeprefix("listings/sample.yaml:") for problem in result.problems]
    assert reports == ([f"{position(text, expected[0])}: {expected[1]}"] if expected else [])
    assert [document.file for document in result.documents] == ([] if expected else ["listings/sample.yaml"])
