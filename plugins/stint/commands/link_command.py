"""``stint check-links``: check the links of every open posting, remember verdicts across runs,
and (with ``--apply``) close the postings whose apply link failed twice, a day apart."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path

from stint.board.posting import Posting
from stint.commands.closing import CannotClose, close_posting
from stint.commands.link_health import DEFAULT, Politeness, fetch_links
from stint.commands.link_memory import LinkMemory
from stint.commands.link_report import LinkFinding, as_json, as_markdown, as_text
from stint.commands.link_verdicts import CLOSING, classify
from stint.contract.slugs import slug_of
from stint.contract.validation import check_paths
from stint.settings import command_listings, command_today

EXIT_OK, EXIT_USAGE = 0, 2
DESCRIPTION = (
    "Check the apply link and website of every open posting, politely (2 requests at a time per host). "
    "With --state, verdicts are remembered across runs; with --apply, postings whose apply link had the same "
    "verdict (gone, closed page, sent elsewhere) on runs at least 24 hours apart are closed in their files."
)
Link = tuple[str, str, str]  # (file, field, address)


def add_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH", help="posting files or folders (default: $STINT_LISTINGS or listings/)"
    )
    parser.add_argument(
        "--format", choices=["text", "json", "markdown"], default="text", help="text (default), JSON, or Markdown (the pull request's body)"
    )
    parser.add_argument(
        "--state", type=Path, help="the memory of earlier runs (JSON); read, then updated. Without it every run starts afresh"
    )
    parser.add_argument("--today", help="the board's date, YYYY-MM-DD, deciding which postings are open (default: $STINT_TODAY or today)")
    parser.add_argument("--apply", action="store_true", help="write closed: true and closed_reason into postings with a confirmed verdict")
    parser.add_argument("--report", type=Path, help="also write the JSON report to this file")
    parser.add_argument(
        "--overall", type=int, default=Politeness.overall, help="requests in flight at once, over all hosts (default %(default)s)"
    )


def run(arguments: argparse.Namespace) -> int:
    try:
        today = command_today(arguments.today)
        memory = LinkMemory.load(arguments.state)
    except (ValueError, OSError, KeyError) as error:
        print(f"stint check-links: {error}", file=sys.stderr)
        return EXIT_USAGE
    paths = arguments.paths or [command_listings()]
    links = list(open_links(paths, today))
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    findings = check(links, memory, now, Politeness(overall=max(1, arguments.overall)))
    if arguments.apply:
        findings = [_applied(finding) for finding in findings]
    if arguments.state:
        memory.save(arguments.state)
    checked_at = now.isoformat()
    if arguments.report:
        arguments.report.write_text(as_json(findings, checked_at) + "\n", encoding="utf-8")
    output = {
        "text": lambda: as_text(findings),
        "json": lambda: as_json(findings, checked_at),
        "markdown": lambda: as_markdown(findings, checked_at),
    }
    print(output[arguments.format]())
    return EXIT_OK


def open_links(paths: list[Path], today: dt.date) -> Iterator[Link]:
    """The apply link and the organisation's website of every valid posting open ``today``."""
    for document in check_paths(paths).publishable():
        posting = Posting.from_mapping(slug_of(document.file), document.data, document.file)
        if not posting.is_open(today) or posting.posted > today:  # closed, or scheduled and not on the board yet
            continue
        if posting.apply_url:
            yield document.file, "apply.url", posting.apply_url
        if posting.organization_url:
            yield document.file, "organization.url", posting.organization_url


def check(links: list[Link], memory: LinkMemory, now: dt.datetime, politeness: Politeness = DEFAULT) -> list[LinkFinding]:
    """Fetch each address once, judge it, and add this run to the memory."""
    verdicts = fetch_links((url for _file, _field, url in links), politeness, then=classify)
    sightings = {url: memory.remember(verdict, now) for url, verdict in verdicts.items()}
    memory.keep_only(set(verdicts))
    return [LinkFinding(file, slug_of(file), field, verdicts[url], sightings[url]) for file, field, url in links]


def _applied(finding: LinkFinding) -> LinkFinding:
    if not finding.closes:
        return finding
    try:
        changed = close_posting(Path(finding.file), CLOSING[finding.check.verdict])
    except (CannotClose, OSError, UnicodeDecodeError) as error:
        print(f"stint check-links: {finding.file}: not closed: {error}", file=sys.stderr)
        return finding
    return LinkFinding(finding.file, finding.slug, finding.field, finding.check, finding.sighting, closed_now=changed)
