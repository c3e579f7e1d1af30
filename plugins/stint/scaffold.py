"""``stint new``: a posting from questions or options, written only once it is valid.

The questions are data (``QUESTIONS``): each names the posting field it fills, how an
answer is typed (``2-4`` for a range, ``US, CA`` for countries) and the option that
answers it in scripts. Every answer is checked by the real validator on a draft posting
as soon as it is given, and the finished file by ``check_paths`` in a temporary folder,
together with the board's other postings, before anything is written. ``issue_form``
reuses the answer parsing, the YAML writer and the safe write.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import tempfile
import textwrap
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from stint.description_html import as_markdown, first_refusal
from stint.loading import Document, Loader, load_text, plain_scalar
from stint.problems import Problem, shown
from stint.schema_check import load_schema
from stint.settings import parse_today
from stint.text_fixes import clean_text
from stint.validation import RESERVED_SLUGS, SLUG, SUFFIX, check_document, check_paths, display_name

HEADER = "# yaml-language-server: $schema=../schema/posting.schema.json\n"
DEADLINE_DAYS = 21  # the default time to apply: three weeks, well inside the 180-day limit
SLUG_LENGTH = 60
Answers = dict[str, Any]


class AnswerError(ValueError):
    """An answer that cannot be read; the message says how to write it."""


class UsageError(Exception):
    """The command was used wrongly (exit 2): nothing is written."""


class Refused(Exception):
    """An answer that cannot become a posting (exit 1): nothing is written."""


class PostingExists(Refused):
    """The posting's file is already there: stint never overwrites a posting."""

    def __init__(self, path: Path):
        super().__init__(f"{display_name(path)} already exists: stint never overwrites a posting; choose another slug")
        self.path = path


# Answers to values. Choices are only tidied here: the validator judges them, with its suggestions.


def parse_text(text: str) -> str:
    """One line as written, without the invisible characters word processors paste."""
    return clean_text(text.strip(), multi_line=False)


def parse_description(text: str) -> str:
    """Markdown as written, without the blank lines around it, ending in one line break;
    HTML pasted from an applicant-tracking system becomes the Markdown it means."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = as_markdown(text) if first_refusal(text) else text
    return clean_text(text, multi_line=True).strip("\n").rstrip() + "\n"


def parse_choice(text: str) -> str:
    return text.strip().lower()


def parse_choices(text: str) -> list[str]:
    return [item.strip().lower() for item in re.split(r"[,\n]", text) if item.strip()]


def parse_code(text: str) -> str:
    return text.strip().upper()


def parse_codes(text: str) -> list[str]:
    return [code.upper() for code in re.split(r"[\s,;]+", text) if code]


def parse_lines(text: str) -> list[str]:
    """One item a line; bullets typed out of habit (``- ``, ``* ``, ``• ``) are dropped."""
    items = (re.sub(r"^\s*(?:[-*•]\s+)?", "", line).strip() for line in text.replace("\r\n", "\n").split("\n"))
    return [item for item in items if item]


def parse_tags(text: str) -> list[str]:
    return [re.sub(r"\s+", "-", tag.strip().lower()) for tag in text.split(",") if tag.strip()]


# Numbers are bounded in length: the validator judges their size, but a 400-digit amount
# would not even survive being written as YAML.
_RANGE = re.compile(r"(\d{1,4})(?:\s*(?:-|–|—|to)\s*(\d{1,4}))?(?:\s*(?:weeks?|hours?|hrs?|h|w))?", re.IGNORECASE)


def parse_range(text: str) -> int | dict[str, int]:
    match = _RANGE.fullmatch(text.strip())
    if not match:
        raise AnswerError(f"{shown(text.strip())} is not a number: write a whole number such as 3, or a range such as 2-4")
    low, high = int(match[1]), int(match[2] or match[1])
    return low if low == high else {"min": low, "max": high}


_AMOUNT = re.compile(r"(?:\d{1,3}(?:,\d{3}){1,3}|\d{1,10})(?:\.\d{1,2})?")  # up to billions, in cents at most


def parse_amount(text: str) -> int | float:
    if not _AMOUNT.fullmatch(text.strip()):
        raise AnswerError(f"{shown(text.strip())} is not an amount: write a number such as 900 or 12.50, without the currency")
    number = float(text.strip().replace(",", ""))
    return int(number) if number.is_integer() else number


def parse_yes_no(text: str) -> bool:
    answer = text.strip().lower()
    if answer in ("y", "yes", "true"):
        return True
    if answer in ("n", "no", "false"):
        return False
    raise AnswerError("answer yes or no")


def parse_apply(text: str) -> dict[str, str]:
    """An e-mail address (``mailto:`` says so outright) or a web address: exactly one way to apply, by construction."""
    target = text.strip()
    if target.startswith("mailto:") or ("@" in target and "://" not in target):
        return {"email": target.removeprefix("mailto:")}
    return {"url": target}


# The posting as YAML: block style in the contract's order, each value written so that
# every YAML reader, 1.1 or 1.2, reads back exactly what was meant (NO stays a string).

_INDICATORS = tuple("-?:,[]{}#&*!|>'\"%@`")
_DATE_KEYS = {"posted", "apply_by", "start"}


def render(posting: dict[str, Any]) -> str:
    """The file's text: the schema comment for editors, then the fields."""
    return HEADER + "".join(_mapping(posting, load_schema(), 0))


def _mapping(mapping: dict[str, Any], schema: dict[str, Any], indent: int) -> Iterator[str]:
    properties = schema.get("properties", {})
    order = list(properties)
    for key in sorted(mapping, key=lambda key: order.index(key) if key in order else len(order)):
        yield from _entry(key, mapping[key], properties.get(key, {}), indent)


def _entry(key: str, value: Any, schema: dict[str, Any], indent: int) -> Iterator[str]:
    pad = " " * indent
    if isinstance(value, dict):
        yield f"{pad}{key}:\n"
        yield from _mapping(value, schema, indent + 2)
    elif isinstance(value, list):
        yield f"{pad}{key}:\n"
        yield from (f"{pad}  - {scalar(item)}\n" for item in value)
    else:
        block = literal_block(value, indent + 2) if isinstance(value, str) and "\n" in value else None
        yield f"{pad}{key}: {block or scalar(value, date=key in _DATE_KEYS)}\n"


def scalar(value: Any, date: bool = False) -> str:
    """One value on one line: plain when that is unambiguous, else double-quoted with escapes."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(int(value)) if isinstance(value, float) and value.is_integer() else repr(value)
    if date and _is_date(value):
        return value  # unquoted, as the contract's example writes dates; a real date reads as one everywhere
    return value if _plain_is_safe(value) else quoted(value)


def _is_date(text: str) -> bool:
    try:
        return len(text) == 10 and bool(dt.date.fromisoformat(text))
    except ValueError:
        return False


def _plain_is_safe(text: str) -> bool:
    if not text or text != text.strip() or not text.isprintable() or text.startswith(_INDICATORS):
        return False
    if ": " in text or " #" in text or text.endswith(":"):
        return False
    return _reads_back(text, text) and plain_scalar(text) == text


def _reads_back(source: str, expected: Any) -> bool:
    """Does a YAML 1.1 reader (the most surprising one) read ``source`` as ``expected``?"""
    try:
        return yaml.load(source, Loader=Loader) == expected
    except (yaml.YAMLError, ValueError, RecursionError):
        return False


def quoted(text: str) -> str:
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif char.isprintable():
            out.append(char)
        else:
            code = ord(char)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
    return '"' + "".join(out) + '"'


def literal_block(text: str, indent: int) -> str | None:
    """A ``|`` block for Markdown, or None when only a quoted string can hold the text."""
    body = text.rstrip("\n")
    if not body.strip() or not all(line.isprintable() for line in body.split("\n")):
        return None
    trailing = len(text) - len(body)
    chomp = "-" if trailing == 0 else "" if trailing == 1 else "+"
    first = next(line for line in body.split("\n") if line.strip())
    header = "|" + ("2" if first.startswith(" ") else "") + chomp
    pad = " " * indent
    lines = [f"{pad}{line}" if line else "" for line in body.split("\n")] + [""] * (trailing - 1 if chomp == "+" else 0)
    block = header + "\n" + "\n".join(lines)
    return block if _reads_back(f"v: {block}\n", {"v": text}) else None


# Writing: never over an existing file, never an invalid one.


def slug_problem(slug: str) -> str | None:
    if slug in RESERVED_SLUGS:
        return f"{slug} is a reserved address on the board: choose a more descriptive slug"
    if not SLUG.fullmatch(slug):
        return "a slug is 3-80 lower-case letters, digits and single hyphens, starting with a letter; it becomes the address /internships/<slug>/"
    return None


_STOP_WORDS = {"a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "the", "to", "with"}


def suggest_slug(organization: str, title: str, listings: Path) -> str:
    """Organisation and title words, short enough to read, and not taken in ``listings``."""
    ascii_text = unicodedata.normalize("NFKD", f"{organization} {title}").encode("ascii", "ignore").decode().lower()
    slug = ""
    for word in (word for word in re.findall(r"[a-z0-9]+", ascii_text) if word not in _STOP_WORDS):
        if len(slug) + len(word) + 1 > SLUG_LENGTH:
            break
        slug = f"{slug}-{word}".lstrip("-0123456789")
    if slug_problem(slug):
        slug = f"internship-{slug}".strip("-")
    candidates = (slug if number == 1 else f"{slug}-{number}" for number in range(1, 1000))
    return next(candidate for candidate in candidates if not (listings / f"{candidate}{SUFFIX}").exists())


def write_posting(posting: dict[str, Any], slug: str, listings: Path) -> tuple[Path, list[Problem]]:
    """Write ``listings/<slug>.yaml`` when the board's real check finds no error; return what it found
    (warnings alone do not stop the writing)."""
    target = listings / f"{slug}{SUFFIX}"
    if target.exists() or target.is_symlink():
        raise PostingExists(target)
    text = render(posting)
    document = load_text(text, display_name(target))
    if document.data != posting:
        raise RuntimeError("the YAML writer changed a value; please report this")
    problems = trial_problems(text, document)
    if not any(problem.is_error for problem in problems):
        try:
            with target.open("x", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
        except FileExistsError:  # written by someone else since we looked
            raise PostingExists(target) from None
    return target, problems


def trial_problems(text: str, document: Document) -> list[Problem]:
    """Check the file in a temporary folder together with the board's postings: its own problems and its clashes."""
    target = Path(document.file)
    with tempfile.TemporaryDirectory(prefix="stint-new-") as folder:
        trial = Path(folder) / target.name
        trial.write_text(text, encoding="utf-8", newline="\n")
        result = check_paths([trial, target.parent] if target.parent.is_dir() else [trial])
        trial_name = display_name(trial)
    return [
        _as_new(problem, trial_name, document) for problem in result.problems if problem.file == trial_name or trial_name in problem.message
    ]


def _as_new(problem: Problem, trial_name: str, document: Document) -> Problem:
    """A clash is reported on whichever file sorts later; say it of the new posting, naming the other file."""
    if problem.file == trial_name:
        return replace(problem, file=document.file)
    line, column = document.mark(tuple(problem.field.split(".")))
    message = re.sub(re.escape(trial_name) + r" \(line \d+\)", f"{problem.file} (line {problem.line})", problem.message)
    return replace(problem, file=document.file, line=line, column=column, message=message)


# The questions, in the contract's order.


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
    return parse_today(os.environ.get("STINT_TODAY")).isoformat()


def _deadline(answers: Answers) -> str | None:
    try:
        return (dt.date.fromisoformat(answers.get("posted", "")) + dt.timedelta(days=DEADLINE_DAYS)).isoformat()
    except ValueError:
        return None


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
        node: dict[str, Any] = load_schema()
        for part in self.key.split("."):
            node = node.get("properties", {}).get(part, {})
        return node

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


def nested(answers: Answers) -> dict[str, Any]:
    """Dotted answers to the posting mapping; values equal to the schema's default are left out."""
    posting: dict[str, Any] = {}
    for key, value in answers.items():
        question = next((question for question in QUESTIONS if question.key == key), None)
        if value is None or value == [] or (question and question.schema.get("default") == value):
            continue
        *parents, last = key.split(".")
        node = posting
        for parent in parents:
            node = node.setdefault(parent, {})
        node[last] = value
    return posting


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


# Asking: interactively, or from options with --yes.


@dataclass
class Conversation:
    """How ``stint new`` talks: ``ask`` reads an answer (like ``input``), ``say`` prints."""

    ask: Callable[[str], str]
    say: Callable[[str], None]
    interactive: bool = True


def collect(given: dict[str, str], talk: Conversation) -> tuple[Answers, list[str]]:
    """Every applicable answer, each checked as it comes; problems only when not interactive."""
    answers: Answers = {}
    problems: list[str] = []
    unused = set(given)
    for question in QUESTIONS:
        if not question.when(answers):
            continue
        unused.discard(question.key)
        value, messages = _settle(question, given.get(question.key), answers, talk)
        problems.extend(f"{question.option}: {message}" for message in messages)
        if value is not None:
            answers[question.key] = value
    if unused:
        options = ", ".join(sorted({next(q.option for q in QUESTIONS if q.key == key) for key in unused}))
        raise UsageError(f"{options} does not apply to this posting")
    return answers, problems


def _settle(question: Question, raw: str | None, answers: Answers, talk: Conversation) -> tuple[Any, list[str]]:
    """An answer the validator accepts (asking again while it does not), or the problems with it."""
    default = question.default(answers) if question.default else None
    if raw is None and not talk.interactive:
        if default is None and question.required:
            raise UsageError(f"{question.option} is required with --yes: {question.schema.get('description', question.label)}")
        raw = default
    elif raw is None:
        _introduce(question, default, talk)
    while True:
        if raw is None and talk.interactive:
            raw = _read(question, default, talk)
        value, messages = _judge(question, raw, answers)
        if not messages or not talk.interactive:
            return value, [f"{message} (rule: {question.rule})" for message in messages]
        for message in messages:
            talk.say(f"  Problem: {message}")
        talk.say(_wrapped(f"Rule: {question.rule}"))
        raw = None


def _judge(question: Question, raw: str | None, answers: Answers) -> tuple[Any, list[str]]:
    if raw is None or not raw.strip():
        return None, (["this is required"] if question.required else [])
    try:
        value = question.parse(raw)
    except AnswerError as error:
        return None, [str(error)]
    if value in ([], ""):
        return None, (["this is required"] if question.required else [])
    return value, answer_problems({**answers, question.key: value}, question.key)


def _introduce(question: Question, default: str | None, talk: Conversation) -> None:
    talk.say("")
    talk.say(question.label + ("" if question.required or default else " (optional: press Enter to skip)"))
    talk.say(_wrapped(question.rule))
    if question.choices:
        talk.say(_wrapped("Choices: " + ", ".join(question.choices)))


def _read(question: Question, default: str | None, talk: Conversation) -> str | None:
    """One answer; ``lines`` and ``text`` answers span several lines. None means take the default."""
    if question.entry == "line":
        answer = talk.ask(f"{question.label}{f' [{default}]' if default else ''}: ").strip()
        return answer or default
    lines: list[str] = []
    while True:
        line = talk.ask("  > ")
        if (question.entry == "text" and line.strip() == ".") or (question.entry == "lines" and not line.strip()):
            return "\n".join(lines) or None
        lines.append(line)


def _wrapped(text: str) -> str:
    return textwrap.fill(text, width=100, initial_indent="  ", subsequent_indent="  ")


def ask_slug(answers: Answers, given: str | None, listings: Path, talk: Conversation) -> str:
    """The file name: given, suggested from organisation and title, or asked; never a taken one."""
    suggestion = suggest_slug(answers.get("organization.name", ""), answers.get("title", ""), listings)
    slug = given or (None if talk.interactive else suggestion)
    while True:
        if slug is None:
            talk.say("")
            talk.say("Slug: the file name and the posting's address, /internships/<slug>/")
            slug = talk.ask(f"Slug [{suggestion}]: ").strip() or suggestion
        target = listings / f"{slug}{SUFFIX}"
        problem = slug_problem(slug)
        if problem is None and not target.exists():
            return slug
        if not talk.interactive:
            raise Refused(f"--slug: {problem}") if problem else PostingExists(target)
        talk.say(f"  Problem: {problem or PostingExists(target)}")
        slug = None


# Options: every question can be answered on the command line.
# (option, question key, metavar, help); the full rule is shown when an answer breaks it.
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
