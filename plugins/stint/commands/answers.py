"""Typed answers to posting values: ``2-4`` to a range, ``US, CA`` to country codes, pasted
HTML to Markdown. Used by ``stint new``'s questions and by ``stint from-issue``'s form.

Choices are only tidied here: the validator judges them, with its suggestions.
"""

from __future__ import annotations

import re
from typing import Any

from stint.contract.description_html import as_markdown, first_refusal
from stint.contract.problems import shown
from stint.contract.text_fixes import clean_text

Answers = dict[str, Any]  # by dotted posting path, such as ``organization.name``


class AnswerError(ValueError):
    """An answer that cannot be read; the message says how to write it."""


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
