"""What a fetched link means for a posting: a verdict, and the evidence an editor can check.

- ``ok``: the page answers.
- ``moved``: a permanent redirect to a new address, which is suggested.
- ``gone``: 404, 410, a host that does not exist, a TLS failure, a redirect loop.
- ``closed``: a page that answers 200 but says the role is filled (the sentence is kept).
- ``sent-elsewhere``: a specific job redirected to a generic careers or home page.
- ``unreachable``: a timeout, a 5xx, a refusal: transient, never evidence on its own.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from functools import cache
from html.parser import HTMLParser
from typing import Any, ClassVar
from urllib.parse import urlsplit

from stint.commands.link_health import Fetch
from stint.contract.data_files import data_file

OK, MOVED, GONE, CLOSED, SENT_ELSEWHERE, UNREACHABLE = "ok", "moved", "gone", "closed", "sent-elsewhere", "unreachable"
VERDICTS = (OK, MOVED, GONE, CLOSED, SENT_ELSEWHERE, UNREACHABLE)
# Verdicts that, once confirmed on an apply link, close the posting (and the reason given).
CLOSING = {GONE: "link-dead", CLOSED: "filled", SENT_ELSEWHERE: "link-dead"}
_GONE_ERRORS = {"no-such-host", "tls", "redirect-loop", "too-many-redirects"}
_PERMANENT = (301, 308)
SENTENCE_LIMIT = 240


@dataclass(frozen=True)
class LinkCheck:
    """One link's verdict with its evidence."""

    url: str
    verdict: str
    status: int | None = None
    final_url: str = ""
    suggestion: str = ""  # the new address, for ``moved``
    sentence: str = ""  # the text that matched, for ``closed``
    detail: str = ""  # in words: what happened
    attempts: int = 1

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def classify(fetch: Fetch) -> LinkCheck:
    """The verdict on one fetched link."""
    base = {"url": fetch.url, "status": fetch.status, "final_url": fetch.final_url, "attempts": fetch.attempts}
    if fetch.error:
        verdict = GONE if fetch.error in _GONE_ERRORS else UNREACHABLE
        return LinkCheck(verdict=verdict, detail=fetch.detail, **base)
    status = fetch.status or 0
    if status in (404, 410):
        return LinkCheck(verdict=GONE, detail=f"the server answers {status}: the page does not exist", **base)
    if status >= 400:
        return LinkCheck(verdict=UNREACHABLE, detail=_refusal(status, fetch.attempts), **base)
    if status >= 300:
        return LinkCheck(verdict=UNREACHABLE, detail=f"an unfinished answer ({status})", **base)
    sentence = closed_sentence(page_text(fetch.body, fetch.content_type)) if _may_say_closed(fetch.body) else ""
    if sentence:
        return LinkCheck(verdict=CLOSED, sentence=sentence, detail="the page says the role is no longer open", **base)
    if len(fetch.hops) > 1 and sent_elsewhere(fetch.url, fetch.final_url):
        return LinkCheck(verdict=SENT_ELSEWHERE, detail="the job's address now leads to a general page", **base)
    suggestion = permanent_target(fetch)
    if suggestion:
        return LinkCheck(verdict=MOVED, suggestion=suggestion, detail="a permanent redirect: use the new address", **base)
    return LinkCheck(verdict=OK, **base)


def _refusal(status: int, attempts: int) -> str:
    if status in (429, 503):
        return f"the server answers {status} (busy) after {attempts} tries"
    if status >= 500:
        return f"the server answers {status} (a server error)"
    return f"the server refuses the checker ({status})"


def permanent_target(fetch: Fetch) -> str:
    """Where the leading run of permanent redirects ends: the address to use instead."""
    target = ""
    for (_url, status), (following, _next_status) in zip(fetch.hops, fetch.hops[1:], strict=False):
        if status not in _PERMANENT:
            break
        target = following
    return target


def sent_elsewhere(original: str, final: str) -> bool:
    """A specific job address that now lands on the site's root, an address above it, or a
    generic careers page (a path made only of words like ``careers`` or ``jobs``)."""
    before, after = _segments(original), _segments(final)
    if not before or before == after:
        return False
    generic = set(data_file("generic-pages.yaml"))
    same_host = urlsplit(original).hostname == urlsplit(final).hostname
    above = same_host and len(after) < len(before) and before[: len(after)] == after
    return not after or above or all(segment in generic for segment in after)


def _segments(url: str) -> list[str]:
    return [segment for segment in urlsplit(url).path.lower().split("/") if segment]


class _VisibleText(HTMLParser):
    """The words a reader sees: no scripts, styles or markup."""

    _HIDDEN: ClassVar[set[str]] = {"script", "style", "noscript", "template", "svg"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        self.hidden += tag in self._HIDDEN

    def handle_endtag(self, tag: str) -> None:
        self.hidden -= tag in self._HIDDEN and self.hidden > 0

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def page_text(body: bytes, content_type: str) -> str:
    """A page's visible text: one line per piece of text between tags, whitespace collapsed."""
    if not body:
        return ""
    text = body.decode("utf-8", errors="replace")
    if content_type == "text/plain":
        return text
    parser = _VisibleText()
    parser.feed(text)
    parser.close()
    return "\n".join(" ".join(part.split()) for part in parser.parts)


@cache
def _phrases() -> tuple[str, ...]:
    """Every phrase in lower case, longest first."""
    phrases = {_normal(phrase) for language in data_file("closed-phrases.yaml").values() for phrase in language}
    return tuple(sorted(phrases, key=len, reverse=True))


def _normal(text: str) -> str:
    """Lower case, typographic apostrophes straight, runs of spaces one (newlines kept: they end sentences)."""
    return _SPACES.sub(" ", text.lower().replace("\u2019", "'").replace("\u2018", "'"))


_SPACES = re.compile(r"[ \t\r\f\v\xa0]+")


def _first_phrase(normal: str) -> tuple[int, int] | None:
    """Where the earliest phrase stands as whole words in ``normal``. Plain ``str.find`` per
    phrase: some hundred times faster than one regular expression of all the alternatives."""
    best: tuple[int, int] | None = None
    for phrase in _phrases():
        at = normal.find(phrase)
        while at != -1 and not _whole_words(normal, at, at + len(phrase)):
            at = normal.find(phrase, at + 1)
        if at != -1 and (best is None or at < best[0]):
            best = (at, at + len(phrase))
    return best


def _whole_words(text: str, start: int, end: int) -> bool:
    return (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum())


def _may_say_closed(body: bytes) -> bool:
    """A quick look at the raw page: most pages hold no phrase at all and need no parsing."""
    return bool(body) and _first_phrase(_normal(" ".join(body.decode("utf-8", errors="replace").split()))) is not None


def closed_sentence(text: str) -> str:
    """The sentence of ``text`` that says the role is filled or closed, or ''."""
    normal = _normal(text)
    found = _first_phrase(normal)
    if not found:
        return ""
    shown = _SPACES.sub(" ", text) if len(normal) == len(_SPACES.sub(" ", text)) else normal  # original case when it lines up
    start = max(normal.rfind(mark, 0, found[0]) for mark in ".!?\n") + 1
    ends = [end for end in (normal.find(mark, found[1]) for mark in ".!?\n") if end != -1]
    end = min(ends) + 1 if ends else len(normal)
    sentence = " ".join(shown[start:end].split())
    return sentence if len(sentence) <= SENTENCE_LIMIT else sentence[: SENTENCE_LIMIT - 1] + "…"
