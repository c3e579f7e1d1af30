"""``stint new``'s questions, as data: each names the posting field it fills, how an answer is
typed, the option that answers it in scripts and when it applies. Every answer is judged by the
real validator on a draft posting whose other fields stand in for those not answered yet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from stint.commands.answers import (
    Answers,
    parse_amount,
    parse_apply,
    parse_choice,
    parse_choices,
    parse_code,
    parse_codes,
    parse_description,
    parse_lines,
    parse_range,
    parse_tags,
    parse_text,
    parse_yes_no,
)
from stint.commands.posting_file import field_schema, nested, render
from stint.contract.loading import load_text
from stint.contract.validation import check_document
from stint.dates import calendar_date
from stint.settings import command_today

DEADLINE_DAYS = 21  # the default time to apply: three weeks, well inside the 180-day limit


# When a question applies, and what it offers when the answer is left empty.


def _always(answers: Answers) -> bool:
    return True


def _paid(answers: Answers) -> bool:
    return answers.get("compensation.type") == "paid"


def _unpaid(answers: Answers) -> bool:
    return answers.get("compensation.type") == "unpaid"


def _remote(answers: Answers) -> bool:
    return answers.get("location.mode") == "remote"


def _workplace(answers: Answers) -> bool:
    return answers.get("location.mode") in ("on-site", "hybrid")


def _today(answers: Answers) -> str:
    return command_today().isoformat()


def _deadline(answers: Answers) -> str | None:
    posted = calendar_date(answers.get("posted"))
    return (posted + dt.timedelta(days=DEADLINE_DAYS)).isoformat() if posted else None


def _fixed(value: str) -> Callable[[Answers], str]:
    return lambda answers: value


@dataclass(frozen=True)
class Question:
    """One posting field to ask for: how to type it, the option that answers it, when it applies."""

    key: str  # the dotted posting path the answer fills
    option: str  # the command-line option that answers it
    how: str = ""  # how to type the answer, after the schema's own description
    parse: Callable[[str], Any] = parse_text
    required: bool = True
    default: Callable[[Answers], str | None] | None = None
    when: Callable[[Answers], bool] = _always
    entry: str = "line"  # line, lines (an empty line ends) or text (a lone dot ends)
    title: str = ""  # a clearer heading than the schema's title, where that one needs context

    @property
    def schema(self) -> dict[str, Any]:
        return field_schema(self.key)

    @property
    def label(self) -> str:
        return self.title or self.schema.get("title", self.key)

    @property
    def choices(self) -> list[str]:
        values = self.schema.get("enum") or self.schema.get("items", {}).get("enum") or []
        return values if len(values) <= 12 else []

    @property
    def rule(self) -> str:
        schema = self.schema
        limits = ""
        if "minLength" in schema and "maxLength" in schema:
            limits = f"{schema['minLength']}-{schema['maxLength']} characters."
        elif "maxLength" in schema and self.entry != "lines":
            limits = f"At most {schema['maxLength']} characters."
        return " ".join(part for part in (schema.get("description", ""), limits, self.how) if part)


QUESTIONS: tuple[Question, ...] = (
    Question("title", "--title"),
    Question("organization.name", "--org"),
    Question("organization.url", "--org-url", required=False),
    Question("organization.about", "--org-about", required=False),
    Question("host", "--host", parse=parse_choice, default=_fixed("employer")),
    Question("fields", "--field", "Choose 1-3, separated by commas.", parse_choices),
    Question("summary", "--summary"),
    Question("description", "--description", "Finish with a line holding only a dot (.).", parse_description, entry="text"),
    Question("tasks", "--task", "One a line; an empty line ends the list.", parse_lines, required=False, entry="lines"),
    Question("skills", "--skill", "One a line; an empty line ends the list.", parse_lines, required=False, entry="lines"),
    Question("duration_weeks", "--weeks", "Write 3, or a range such as 2-4.", parse_range),
    Question("hours_per_week", "--hours", "Write 15, or a range such as 10-20.", parse_range),
    Question("compensation.type", "--paid/--unpaid", parse=parse_choice),
    Question("compensation.amount", "--paid AMOUNT", "A number such as 900, per the unit you choose next.", parse_amount, when=_paid),
    Question("compensation.currency", "--paid CURRENCY", "A code such as USD, EUR or GBP.", parse_code, when=_paid),
    Question("compensation.per", "--paid PER", parse=parse_choice, when=_paid),
    Question(
        "compensation.travel_expenses_covered",
        "--travel-covered",
        "Answer yes or no.",
        parse_yes_no,
        when=_unpaid,
        title="Do you cover the intern's local travel costs?",
    ),
    Question("location.mode", "--remote/--on-site/--hybrid", parse=parse_choice, title="Where the work happens"),
    Question(
        "location.countries",
        "--remote",
        "Two-letter codes separated by commas, such as US, CA.",
        parse_codes,
        when=_remote,
        title="Countries applicants may live in",
    ),
    Question("location.city", "--on-site/--hybrid CITY", when=_workplace, title="Workplace city"),
    Question(
        "location.country",
        "--on-site/--hybrid COUNTRY",
        "A two-letter code such as GB or NO.",
        parse_code,
        when=_workplace,
        title="Workplace country",
    ),
    Question("eligibility.levels", "--level", "Any of these, separated by commas.", parse_choices, required=False),
    Question("eligibility.international_students", "--international", "Any of these, separated by commas.", parse_choices, required=False),
    Question(
        "eligibility.institutions", "--institution", "One a line; an empty line ends the list.", parse_lines, required=False, entry="lines"
    ),
    Question("academic_credit", "--academic-credit", "Answer yes or no.", parse_yes_no, default=_fixed("no")),
    Question("resources_provided", "--resource", "Any of these, separated by commas.", parse_choices, required=False),
    Question("terms", "--terms", parse=parse_choice, default=_fixed("flexible")),
    Question("start", "--start", required=False),
    Question("posted", "--posted", default=_today),
    Question("apply_by", "--apply-by", default=_deadline),
    Question("apply", "--apply-url/--apply-email", "An https:// address, or an e-mail address.", parse_apply),
    Question("tags", "--tag", "Up to 10, separated by commas, such as user-research, fintech.", parse_tags, required=False),
)


# A valid posting whose fields stand in for those not answered yet, so that each answer
# is judged by the real validator on its own.
_DRAFT = {
    "title": "Placeholder internship",
    "organization": {"name": "Placeholder"},
    "fields": ["research"],
    "summary": "A placeholder summary for the draft.",
    "description": "A placeholder description that is long enough for the validator.\n",
    "duration_weeks": 2,
    "hours_per_week": 10,
    "compensation": {"type": "unpaid", "travel_expenses_covered": True},
    "location": {"mode": "remote", "countries": ["US"]},
    "posted": "2026-01-01",
    "apply_by": "2026-01-02",
    "apply": {"email": "jobs@example.org"},
}


def answer_problems(answers: Answers, key: str) -> list[str]:
    """The validator's problems with one answer, given the answers before it."""
    draft = {**_DRAFT, **nested(answers)}
    document = load_text(render(draft), "draft.yaml")
    return [problem.message for problem in check_document(document) if _under(problem.field, key) or not problem.field]


def _under(field: str, key: str) -> bool:
    return field == key or field.startswith((f"{key}.", f"{key}["))
