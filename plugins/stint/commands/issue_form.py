"""``stint from-issue``: a posting from the "Post an internship" issue form.

GitHub renders a submitted issue form as Markdown: one ``### Label`` heading per field,
in the form's order, then the answer; ``_No response_`` when a field was left empty;
``- [X] option`` for ticked boxes. ``FORM`` declares each field once: its id and label in
``.github/ISSUE_TEMPLATE/post-internship.yml`` (a test keeps the two in step), the posting
field it fills and how its answer is read. Problems come back in the form's own words:
its labels, never YAML paths.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from stint.commands.answers import (
    AnswerError,
    Answers,
    parse_amount,
    parse_apply,
    parse_code,
    parse_codes,
    parse_description,
    parse_lines,
    parse_range,
    parse_tags,
    parse_text,
)
from stint.commands.posting_file import nested, render
from stint.contract.loading import load_text
from stint.contract.problems import Problem, shown
from stint.contract.validation import check_document
from stint.contract.vocabulary import form_options

NO_RESPONSE = "_No response_"
FORM_NAME = "Post an internship"


def _one_paragraph(text: str) -> str:
    """A textarea for a plain-text field: its lines joined into one."""
    return " ".join(text.split())


@dataclass(frozen=True)
class FormField:
    """One field of the issue form: ``kind`` is input, textarea, dropdown, checkboxes, or checkbox (one box, true when ticked)."""

    id: str
    label: str
    key: str | None  # the posting field it fills; None for a field that only informs the editor
    kind: str
    parse: Callable[[str], Any] = parse_text
    options: dict[str, Any] = field(default_factory=dict)  # the option as shown -> the posting's value


FORM: tuple[FormField, ...] = (
    FormField("title", "Title", "title", "input"),
    FormField("organization-name", "Organisation name", "organization.name", "input"),
    FormField("organization-url", "Organisation website", "organization.url", "input"),
    FormField("organization-about", "About the organisation", "organization.about", "textarea", _one_paragraph),
    FormField("host", "Host", "host", "dropdown", options=form_options("host")),
    FormField("fields", "Fields of work", "fields", "checkboxes", options=form_options("fields")),
    FormField("summary", "Summary", "summary", "input"),
    FormField("description", "Description", "description", "textarea", parse_description),
    FormField("tasks", "Tasks", "tasks", "textarea", parse_lines),
    FormField("skills", "Skills", "skills", "textarea", parse_lines),
    FormField("duration", "Duration in weeks", "duration_weeks", "input", parse_range),
    FormField("hours", "Hours per week", "hours_per_week", "input", parse_range),
    FormField("pay", "Paid or unpaid", "compensation.type", "dropdown", options=form_options("compensation.type")),
    FormField("amount", "Pay amount", "compensation.amount", "input", parse_amount),
    FormField("currency", "Currency", "compensation.currency", "input", parse_code),
    FormField("per", "Paid per", "compensation.per", "dropdown", options=form_options("compensation.per")),
    FormField(
        "travel",
        "Travel costs",
        "compensation.travel_expenses_covered",
        "checkbox",
        options={"We cover the intern's local travel costs": True},
    ),
    FormField(
        "location",
        "Where the work happens",
        "location.mode",
        "dropdown",
        options=form_options("location.mode"),
    ),
    FormField("city", "City", "location.city", "input"),
    FormField("country", "Country", "location.country", "input", parse_code),
    FormField("countries", "Countries applicants may live in", "location.countries", "input", parse_codes),
    FormField("levels", "Levels of study", "eligibility.levels", "checkboxes", options=form_options("eligibility.levels")),
    FormField(
        "international",
        "International students",
        "eligibility.international_students",
        "checkboxes",
        options=form_options("eligibility.international_students"),
    ),
    FormField("institutions", "Institutions (on-campus only)", "eligibility.institutions", "textarea", parse_lines),
    FormField(
        "credit",
        "Academic credit",
        "academic_credit",
        "checkbox",
        options={"We will share the intern's work with their institution for academic credit": True},
    ),
    FormField("resources", "Resources provided", "resources_provided", "checkboxes", options=form_options("resources_provided")),
    FormField(
        "terms",
        "Terms",
        "terms",
        "dropdown",
        options=form_options("terms"),
    ),
    FormField("start", "Start", "start", "input"),
    FormField("apply-by", "Apply by", "apply_by", "input"),
    FormField("apply", "How to apply", "apply", "input", parse_apply),
    FormField("tags", "Tags", "tags", "input", parse_tags),
    FormField(
        "confirm",
        "Before you submit",
        None,
        "checkboxes",
        options={"This is a real, short project, and I may post it for my organisation": True},
    ),
)
POSTED_LABEL = "Posted"  # not on the form: the day the posting is approved


@dataclass(frozen=True, order=True)
class FormProblem:
    """One problem with a submitted form, named by the form's label."""

    label: str
    message: str

    def as_text(self) -> str:
        return f"{self.label}: {self.message}"


def check_issue(body: str, posted: str) -> tuple[dict[str, Any], list[FormProblem]]:
    """The posting an issue describes, and every problem with it, checked by the real validator."""
    values, problems = _sections(body)
    if problems:
        return {}, problems
    answers: Answers = {"posted": posted}
    for form_field in FORM:
        try:
            value = _value(form_field, values[form_field.label])
        except AnswerError as error:
            problems.append(FormProblem(form_field.label, str(error)))
            continue
        if form_field.key and value not in (None, "", []):
            answers[form_field.key] = value
    posting = nested(answers)
    unreadable = {problem.label for problem in problems}
    found = check_document(load_text(render(posting), "issue.yaml"))
    problems += [problem for problem in in_form_words(found) if problem.label not in unreadable]
    return posting, in_form_order(problems)


def in_form_order(problems: list[FormProblem]) -> list[FormProblem]:
    """Each problem once, in the order of the form's fields."""
    labels = [form_field.label for form_field in FORM]
    position = {label: index for index, label in enumerate(labels)}
    return sorted(dict.fromkeys(problems), key=lambda problem: position.get(problem.label.split(",")[0], len(labels)))


def _sections(body: str) -> tuple[dict[str, str], list[FormProblem]]:
    """Each label's answer. Headings are looked for from the end, each before the next one found,
    so a description that happens to contain a later heading such as ``### Tasks`` cannot cut it short."""
    lines = [line.rstrip() for line in body.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    end = len(lines)
    values: dict[str, str] = {}
    problems = []
    for form_field in reversed(FORM):
        heading = f"### {form_field.label}"
        start = next((index for index in range(end - 1, -1, -1) if lines[index] == heading), None)
        if start is None:
            problems.append(FormProblem(form_field.label, f"is missing from the issue: was it opened with the “{FORM_NAME}” form?"))
            continue
        text = "\n".join(lines[start + 1 : end]).strip("\n")
        values[form_field.label] = "" if text.strip() == NO_RESPONSE else text
        end = start
    if not values:
        return values, [
            FormProblem("The issue", f"was not opened with the “{FORM_NAME}” form: none of its sections (### Title, …) is there")
        ]
    return values, in_form_order(problems)


def _value(form_field: FormField, text: str) -> Any:
    if form_field.kind in ("checkboxes", "checkbox"):
        ticked = [_option(form_field, line[6:].strip()) for line in text.split("\n") if line[:6] in ("- [X] ", "- [x] ")]
        return (True if ticked else None) if form_field.kind == "checkbox" else ticked
    if form_field.kind == "dropdown":
        return _option(form_field, text.strip()) if text.strip() else None
    return form_field.parse(text) if text.strip() else None


def _option(form_field: FormField, answer: str) -> Any:
    if answer not in form_field.options:
        raise AnswerError(f"{shown(answer)} is not one of the form's choices: " + ", ".join(form_field.options))
    return form_field.options[answer]


# Validator problems in the form's words.

_WORDS = {
    "missing-field": "is required",
    "paid-without-amount": "is required for a paid internship",
    "unpaid-without-travel": "an unpaid internship must cover the intern's local travel costs: tick the box",
    "remote-without-countries": "a remote internship must list the countries applicants may live in, such as US, CA",
    "missing-workplace": "is required for an on-site or hybrid internship",
    "apply-needs-one": "give one web address or one e-mail address",
    "not-one-line": "must be one line",
    "range-reversed": "the first number of the range is larger than the second",
}
_NOT_HERE = (  # field-not-allowed, by the field it is about (longest first)
    ("location.countries", "is only for remote internships: leave it empty"),
    ("location", "must be empty for a remote internship"),
    ("compensation", "must be empty for an unpaid internship"),
)


def in_form_words(problems: list[Problem]) -> list[FormProblem]:
    return in_form_order([FormProblem(label_for(problem.field), _message(problem)) for problem in problems])


def label_for(path: str) -> str:
    """The form's label for a posting field (``tasks[2]`` is "Tasks, line 3")."""
    if path == "posted":
        return POSTED_LABEL
    form_field = max(
        (f for f in FORM if f.key and (path == f.key or path.startswith((f"{f.key}.", f"{f.key}[")))),
        key=lambda f: len(f.key or ""),
        default=None,
    )
    if form_field is None:
        return "The posting"
    rest = path[len(form_field.key or "") :]
    if rest.startswith("[") and form_field.kind in ("textarea", "input"):
        number = int(rest[1:].split("]")[0]) + 1
        return f"{form_field.label}, {'line' if form_field.kind == 'textarea' else 'item'} {number}"
    return form_field.label


def _message(problem: Problem) -> str:
    if problem.code == "field-not-allowed":
        return next((message for prefix, message in _NOT_HERE if problem.field.startswith(prefix)), problem.message)
    return _WORDS.get(problem.code, problem.message)
