"""``stint new``'s conversation in a terminal: each question asked in turn, each answer judged
as it comes and asked again while the validator refuses it; or, with ``--yes``, every answer
taken from the options, and the problems reported together."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from stint.commands.answers import AnswerError, Answers
from stint.commands.posting_file import PostingExists, Refused, UsageError
from stint.commands.questions import QUESTIONS, Question, answer_problems
from stint.contract.slugs import posting_path, slug_problem, suggest_slug


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
        target = posting_path(listings, slug)
        problem = slug_problem(slug)
        if problem is None and not target.exists():
            return slug
        if not talk.interactive:
            raise Refused(f"--slug: {problem}") if problem else PostingExists(target)
        talk.say(f"  Problem: {problem or PostingExists(target)}")
        slug = None
