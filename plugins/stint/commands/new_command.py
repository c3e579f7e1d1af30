"""``stint new``'s options: every question can be answered on the command line, so scripts
and ``--yes`` need no terminal. The full rule is shown when an answer breaks it (see
``questions.QUESTIONS``)."""

from __future__ import annotations

import argparse
from pathlib import Path

from stint.commands.posting_file import UsageError

# (option, question key, metavar, help)
_SIMPLE = (
    ("--title", "title", "TEXT", "what the intern will do, in a few words"),
    ("--org", "organization.name", "NAME", "the organisation's name"),
    ("--org-url", "organization.url", "URL", "the organisation's website (https://)"),
    ("--org-about", "organization.about", "TEXT", "one or two sentences about the organisation"),
    ("--host", "host", "employer|alumni", "who offers the project (default: employer)"),
    ("--summary", "summary", "TEXT", "one line for cards and feeds (20-200 characters)"),
    ("--weeks", "duration_weeks", "N|MIN-MAX", "duration in weeks, such as 3 or 2-4"),
    ("--hours", "hours_per_week", "N|MIN-MAX", "hours a week, such as 15 or 10-20"),
    ("--terms", "terms", "flexible|fixed", "the schedule (default: flexible)"),
    ("--start", "start", "DATE|flexible", "when the project starts"),
    ("--posted", "posted", "DATE", "the posting date (default: today)"),
    ("--apply-by", "apply_by", "DATE", "the last day to apply (default: three weeks after posted)"),
)
# (option, question key, joiner, help): repeated options make one answer.
_REPEATED = (
    ("--field", "fields", ", ", "an area of work, 1-3 of them"),
    ("--task", "tasks", "\n", "a task"),
    ("--skill", "skills", "\n", "a skill that helps"),
    ("--level", "eligibility.levels", ", ", "a level of study the posting is open to"),
    ("--international", "eligibility.international_students", ", ", "a route for international students: cpt, opt or work-visa"),
    ("--institution", "eligibility.institutions", "\n", "an institution whose students alone may apply (on-campus)"),
    ("--resource", "resources_provided", ", ", "laptop, software, internet, workspace or travel"),
    ("--tag", "tags", ", ", "a keyword, such as user-research"),
)


def add_options(parser: argparse.ArgumentParser) -> None:
    """``stint new``'s options: each answers one question (see ``QUESTIONS`` for the rules)."""
    for option, key, metavar, help_ in _SIMPLE:
        parser.add_argument(option, dest=key, metavar=metavar, help=help_)
    for option, key, _, help_ in _REPEATED:
        parser.add_argument(option, dest=key, action="append", metavar="VALUE", help=f"{help_}; repeat for more")
    text = parser.add_mutually_exclusive_group()
    text.add_argument("--description", dest="description", metavar="MARKDOWN", help="the full description (Markdown)")
    text.add_argument("--description-file", type=Path, metavar="FILE", help="read the description (Markdown) from FILE")
    pay = parser.add_mutually_exclusive_group()
    pay.add_argument("--paid", nargs=3, metavar=("AMOUNT", "CURRENCY", "PER"), help="paid: amount, currency code, per project|week|hour")
    pay.add_argument("--unpaid", action="store_true", help="unpaid (then --travel-covered is required)")
    parser.add_argument("--travel-covered", action="store_true", help="unpaid postings: you cover the intern's local travel costs")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--remote", metavar="CC,CC", help="remote, open to applicants living in these countries")
    where.add_argument("--on-site", nargs=2, metavar=("CITY", "COUNTRY"), help="on-site at a workplace in CITY, COUNTRY (two letters)")
    where.add_argument("--hybrid", nargs=2, metavar=("CITY", "COUNTRY"), help="hybrid, with a workplace in CITY, COUNTRY")
    parser.add_argument("--academic-credit", action="store_true", help="you will share the work with the intern's institution")
    apply = parser.add_mutually_exclusive_group()
    apply.add_argument("--apply-url", metavar="URL", help="where applicants apply (https://)")
    apply.add_argument("--apply-email", metavar="ADDRESS", help="where applicants write to")
    parser.add_argument("--slug", help="the file name and address (default: from the organisation and title)")
    parser.add_argument("--listings", type=Path, help="the postings folder (default: $STINT_LISTINGS or listings/)")
    parser.add_argument("--yes", action="store_true", help="ask nothing: take defaults (posted today, apply by three weeks later)")


def given_answers(arguments: argparse.Namespace) -> dict[str, str]:
    """The raw answers given as options, by question key."""
    values = vars(arguments)
    given = {key: values[key] for _, key, _, _ in _SIMPLE}
    given |= {key: joiner.join(values[key]) for _, key, joiner, _ in _REPEATED if values[key]}
    given["description"] = arguments.description
    if arguments.description_file:
        try:
            given["description"] = arguments.description_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise UsageError(f"--description-file: cannot read {arguments.description_file}: {error}") from error
    given |= _compound(arguments)
    return {key: value for key, value in given.items() if value is not None}


def _compound(arguments: argparse.Namespace) -> dict[str, str | None]:
    """Options that answer several questions at once."""
    given: dict[str, str | None] = {}
    if arguments.paid:
        given |= dict(zip(("compensation.amount", "compensation.currency", "compensation.per"), arguments.paid, strict=True))
    given["compensation.type"] = "paid" if arguments.paid else "unpaid" if arguments.unpaid else None
    given["compensation.travel_expenses_covered"] = "yes" if arguments.travel_covered else None
    workplace = arguments.on_site or arguments.hybrid
    if arguments.remote is not None:
        given |= {"location.mode": "remote", "location.countries": arguments.remote}
    elif workplace:
        given |= {
            "location.mode": "on-site" if arguments.on_site else "hybrid",
            "location.city": workplace[0],
            "location.country": workplace[1],
        }
    given["academic_credit"] = "yes" if arguments.academic_credit else None
    given["apply"] = arguments.apply_url or (f"mailto:{arguments.apply_email}" if arguments.apply_email else None)
    return given
