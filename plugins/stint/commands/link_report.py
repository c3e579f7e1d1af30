"""How ``stint check-links`` writes what it found: text for people, JSON for machines, and
Markdown for the closing pull request's body.

Fetched pages and redirects are other people's text: a closed page's sentence and a final
address are written so they can start nothing. In Markdown, addresses sit in code spans and
sentences are escaped character by character (no links, HTML, emphasis or @mentions); in text
every line starts with our own words and control characters are written as escapes, so a
page cannot start a workflow command (``::``) in a log.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from stint.commands.link_memory import Sighting
from stint.commands.link_verdicts import CLOSING, OK, LinkCheck
from stint.commands.pr_comment import COMMENT_BUDGET
from stint.contract.problems import markdown_text, shown, visible

MARKER = "<!-- stint-check-links -->"
VERDICT_WORDS = {
    "ok": "ok",
    "moved": "moved",
    "gone": "gone",
    "closed": "closed page",
    "sent-elsewhere": "sent elsewhere",
    "unreachable": "unreachable",
}


@dataclass(frozen=True)
class LinkFinding:
    """One link of one open posting, this run's verdict, and its streak across runs."""

    file: str
    slug: str
    field: str  # apply.url or organization.url
    check: LinkCheck
    sighting: Sighting | None
    closed_now: bool = False  # this run wrote closed: true into the file

    @property
    def confirmed(self) -> bool:
        return self.sighting is not None and self.sighting.confirmed and self.sighting.verdict == self.check.verdict

    @property
    def closes(self) -> bool:
        """A confirmed verdict that closes the posting: only the apply link's."""
        return self.confirmed and self.field == "apply.url" and self.check.verdict in CLOSING

    def as_dict(self) -> dict[str, Any]:
        streak = self.sighting.as_dict() if self.sighting else {}
        return {
            "file": self.file,
            "slug": self.slug,
            "field": self.field,
            **self.check.as_dict(),
            "first_seen": streak.get("first_seen"),
            "last_seen": streak.get("last_seen"),
            "runs": streak.get("runs", 0),
            "confirmed": self.confirmed,
            "closes": self.closes,
            "closed_reason": CLOSING.get(self.check.verdict) if self.closes else None,
            "closed_now": self.closed_now,
        }


def as_json(findings: list[LinkFinding], checked_at: str) -> str:
    links = [finding.as_dict() for finding in findings]
    return json.dumps({"version": 1, "checked_at": checked_at, "links": links}, indent=2, ensure_ascii=True)


def as_text(findings: list[LinkFinding]) -> str:
    """One line per link that is not ok, then a summary."""
    lines = [_text_line(finding) for finding in findings if finding.check.verdict != OK]
    lines.append(_summary(findings))
    return "\n".join(lines)


def _text_line(finding: LinkFinding) -> str:
    check = finding.check
    parts = [f"{finding.file}: {finding.field}: {VERDICT_WORDS[check.verdict]}"]
    parts.append(f"status {check.status}" if check.status else "no answer")
    if check.detail:
        parts.append(shown(check.detail, 200))
    if check.sentence:
        parts.append(f"page says {shown(check.sentence, 240)}")
    if check.final_url and check.final_url != check.url:
        parts.append(f"ends at {shown(check.final_url, 200)}")
    if check.suggestion:
        parts.append(f"use {shown(check.suggestion, 200)}")
    if finding.sighting:
        parts.append(f"seen {finding.sighting.runs}x since {finding.sighting.as_dict()['first_seen']}")
    if finding.closes:
        parts.append("CONFIRMED: closes the posting" + (" (file edited)" if finding.closed_now else ""))
    return "; ".join(parts)


def _summary(findings: list[LinkFinding]) -> str:
    postings = len({finding.file for finding in findings})
    counts = {word: 0 for word in VERDICT_WORDS}
    for finding in findings:
        counts[finding.check.verdict] += 1
    spread = ", ".join(f"{count} {VERDICT_WORDS[verdict]}" for verdict, count in counts.items() if count)
    closing = sum(finding.closes for finding in findings)
    return f"stint: {len(findings)} links of {postings} open postings checked ({spread or 'none'}); {closing} confirmed closures"


def as_markdown(findings: list[LinkFinding], checked_at: str) -> str:
    """The closing pull request's body: the evidence per posting, then the rest for the editor."""
    closing = [finding for finding in findings if finding.closes]
    other = [finding for finding in findings if not finding.closes and finding.check.verdict != OK]
    lines = [
        MARKER,
        f"### {len(closing)} {'posting' if len(closing) == 1 else 'postings'} to close: their apply link failed on two checks a day apart",
        "",
        f"`stint check-links` checked {len(findings)} links of the open postings on {markdown_text(checked_at)}. "
        "Each posting below had the same verdict on runs at least 24 hours apart; this pull request sets "
        "`closed: true` and a `closed_reason` in its file. Read the evidence (open the link yourself if in doubt), "
        "then merge. Nothing closes until an editor merges.",
    ]
    budget = COMMENT_BUDGET - sum(len(line) + 1 for line in lines)
    sections = [_evidence(finding) for finding in closing]
    if other:
        sections.append(["", "#### Also seen, for the editor (nothing changes for these)", ""])
        sections += [[_note(finding)] for finding in other]
    for index, section in enumerate(sections):
        size = sum(len(line) + 1 for line in section)
        if size > budget:
            lines += ["", f"…and {len(sections) - index} more: run `stint check-links` to see them all."]
            break
        budget -= size
        lines += section
    return "\n".join(lines) + "\n"


def _evidence(finding: LinkFinding) -> list[str]:
    check, sighting = finding.check, finding.sighting
    assert sighting is not None  # a confirmed finding has one
    streak = sighting.as_dict()
    lines = [
        "",
        f"#### {_code(finding.slug)} ({_code(finding.file)}): closed as {_code(CLOSING[check.verdict])}",
        "",
        f"- Verdict: **{VERDICT_WORDS[check.verdict]}**: {markdown_text(check.detail)}",
        f"- Link: {_code(check.url)}",
        f"- Status code: {check.status if check.status is not None else 'none (no answer)'}",
        f"- Final address: {_code(check.final_url or check.url)}",
    ]
    if check.sentence:
        lines.append(f"- The page says: {_quote(check.sentence)}")
    lines.append(
        f"- First seen {markdown_text(streak['first_seen'])}, last seen {markdown_text(streak['last_seen'])} ({sighting.runs} runs)"
    )
    return lines


def _note(finding: LinkFinding) -> str:
    check = finding.check
    words = f"- {_code(finding.file)} {_code(finding.field)}: **{VERDICT_WORDS[check.verdict]}** ({check.status or 'no answer'}) {markdown_text(check.detail)}"
    if check.suggestion:
        words += f"; new address: {_code(check.suggestion)}"
    if check.sentence:
        words += f"; the page says: {_quote(check.sentence)}"
    if finding.sighting:
        words += f"; seen on {finding.sighting.runs} runs since {markdown_text(finding.sighting.as_dict()['first_seen'])}"
    return words


def _quote(text: str) -> str:
    return "“" + markdown_text(text) + "”"


def _code(text: str) -> str:
    """A code span that holds ``text`` literally, whatever backticks it contains."""
    text = visible(text)
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    return f"{fence} {text} {fence}"
