"""The commands employers, editors and CI run: ``stint validate``, ``stint new``, ``stint from-issue``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from stint.commands import fixing, issue_form, link_command, new_command
from stint.commands.conversation import Conversation, ask_slug, collect
from stint.commands.posting_file import Refused, UsageError, listings_folder, nested, write_posting
from stint.commands.pr_comment import markdown_report, summary
from stint.contract.problems import Problem, markdown_text, plural
from stint.contract.slugs import slug_problem, suggest_slug
from stint.contract.validation import ListingsCheck, check_paths, display_name, posting_files
from stint.settings import command_listings, command_today

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    try:
        arguments = parser.parse_args(argv)
    except SystemExit as exit_:
        return EXIT_USAGE if exit_.code else EXIT_OK
    return arguments.run(arguments)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="stint", description="Tools for the stint micro-internship board.")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")
    validate = commands.add_parser("validate", help="check postings against the posting contract")
    validate.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH", help="posting files or folders (default: $STINT_LISTINGS or listings/)"
    )
    validate.add_argument(
        "--format",
        choices=["text", "github", "json", "markdown"],
        default="text",
        help="text (default), GitHub workflow annotations, JSON, or Markdown (the pull-request comment)",
    )
    validate.add_argument("--strict", action="store_true", help="fail on warnings too (exit 1), not only on errors")
    validate.set_defaults(run=_validate)
    fix = commands.add_parser(
        "fix",
        help="fix in place what a machine can: invisible characters, pasted HTML in descriptions",
        description="Rewrite postings in place: remove or replace invisible and control characters that carry no meaning, "
        "and convert pasted HTML descriptions to Markdown. Nothing else in the file changes; a file whose fix cannot be proved "
        "safe is left alone.",
    )
    fix.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="posting files or folders (default: $STINT_LISTINGS or listings/)")
    fix.add_argument("--check", action="store_true", help="only say what would change; exit 1 if anything would")
    fix.set_defaults(run=_fix)
    new = commands.add_parser(
        "new",
        help="write a new posting, asking for each field (or from options, with --yes)",
        description="Write listings/<slug>.yaml: asks for each field, or takes them as options. Writes only a valid posting, never over a file.",
    )
    new_command.add_options(new)
    new.set_defaults(run=_new)
    from_issue = commands.add_parser(
        "from-issue",
        help="write a posting from the body of a 'Post an internship' issue",
        description="Read the Markdown GitHub renders from the 'Post an internship' issue form and write the posting it describes.",
    )
    from_issue.add_argument("file", type=Path, metavar="FILE", help="the issue's body (Markdown); - reads standard input")
    from_issue.add_argument("--listings", type=Path, help="the postings folder (default: $STINT_LISTINGS or listings/)")
    from_issue.add_argument("--slug", help="the file name and address (default: from the organisation and title)")
    from_issue.add_argument("--posted", help="the posting date, YYYY-MM-DD (default: today)")
    from_issue.add_argument("--format", choices=["text", "markdown"], default="text", help="how problems are written")
    from_issue.set_defaults(run=_from_issue)
    check_links = commands.add_parser(
        "check-links", help="check the apply link and website of every open posting", description=link_command.DESCRIPTION
    )
    link_command.add_options(check_links)
    check_links.set_defaults(run=link_command.run)
    return parser


def _new(arguments: argparse.Namespace) -> int:
    talk = Conversation(ask=input, say=print, interactive=not arguments.yes)
    try:
        listings = listings_folder(arguments.listings)
        answers, problems = collect(new_command.given_answers(arguments), talk)
        if problems:
            print("\n".join(problems), file=sys.stderr)
            return _nothing_written(EXIT_INVALID)
        slug = ask_slug(answers, arguments.slug, listings, talk)
        path, found = write_posting(nested(answers), slug, listings)
    except UsageError as error:
        print(f"stint new: {error}", file=sys.stderr)
        return _nothing_written(EXIT_USAGE)
    except EOFError:
        print("\nstint new: the input ended before every question was answered", file=sys.stderr)
        return _nothing_written(EXIT_USAGE)
    except Refused as error:
        print(f"stint new: {error}", file=sys.stderr)
        return _nothing_written(EXIT_INVALID)
    if found:
        print("\n".join(problem.as_text() for problem in found), file=sys.stderr)
    if any(problem.is_error for problem in found):
        return _nothing_written(EXIT_INVALID)
    print(f"Wrote {display_name(path)}. Check the board with `make validate`, then open a pull request.")
    return EXIT_OK


def _nothing_written(code: int) -> int:
    print("stint: nothing was written", file=sys.stderr)
    return code


def _from_issue(arguments: argparse.Namespace) -> int:
    try:
        listings = listings_folder(arguments.listings)
        body = sys.stdin.read() if str(arguments.file) == "-" else arguments.file.read_text(encoding="utf-8")
    except (UsageError, OSError, UnicodeDecodeError) as error:
        print(f"stint from-issue: {error}", file=sys.stderr)
        return EXIT_USAGE
    posted = arguments.posted or command_today().isoformat()
    posting, problems = issue_form.check_issue(body, posted)
    if not problems:
        try:
            path, found = _write_from_issue(posting, arguments.slug, listings)
            problems = issue_form.in_form_words([problem for problem in found if problem.is_error])
            print("\n".join(problem.as_text() for problem in found if not problem.is_error), file=sys.stderr)
        except Refused as error:
            problems = [issue_form.FormProblem("Slug", str(error))]
    if problems:
        print(_form_report(problems, arguments.format))
        print(f"stint: {plural(len(problems), 'problem')} in the form; nothing was written", file=sys.stderr)
        return EXIT_INVALID
    print(display_name(path))
    return EXIT_OK


def _write_from_issue(posting: dict[str, Any], slug: str | None, listings: Path) -> tuple[Path, list[Problem]]:
    """Write the posting, or return what the board's full check found (such as a duplicate)."""
    organization = posting.get("organization", {}).get("name", "")
    slug = slug or suggest_slug(organization, posting.get("title", ""), listings)
    if problem := slug_problem(slug):
        raise Refused(problem)
    return write_posting(posting, slug, listings)


def _form_report(problems: list[issue_form.FormProblem], format_: str) -> str:
    count = plural(len(problems), "problem")
    if format_ == "markdown":
        return "\n".join([f"The form has {count}:", ""] + [f"- **{markdown_text(p.label)}**: {markdown_text(p.message)}" for p in problems])
    return "\n".join([f"The form has {count}:"] + [f"- {problem.as_text()}" for problem in problems])


def _validate(arguments: argparse.Namespace) -> int:
    paths = arguments.paths or [command_listings()]
    result = check_paths(paths, keep_data=False)
    FORMATS[arguments.format](result)
    print(summary(result), file=sys.stderr)
    return EXIT_OK if result.ok and not (arguments.strict and result.warnings) else EXIT_INVALID


def _fix(arguments: argparse.Namespace) -> int:
    paths = arguments.paths or [command_listings()]
    # A folder is listed as validate lists it (stray files are its to report); a file named is fixed.
    files = [file for path in paths for file in (posting_files(path)[0] if path.is_dir() else [path])]
    changed = refused = 0
    for path in files:
        try:
            result = fixing.fix_file(path, display_name(path), write=not arguments.check)
        except OSError as error:
            print(f"stint fix: {display_name(path)}: {error.strerror}", file=sys.stderr)
            return EXIT_USAGE
        for line in result.report():
            print(line)
        changed += bool(result.changes)
        refused += bool(result.refused)
    verb = "would change" if arguments.check else "changed"
    print(f"stint fix: {verb} {plural(changed, 'file')} of {len(files)}" + (f"; left {refused} alone" if refused else ""), file=sys.stderr)
    return EXIT_INVALID if refused or (arguments.check and changed) else EXIT_OK


def _print_text(result: ListingsCheck) -> None:
    for problem in result.problems:
        print(problem.as_text())


def _print_json(result: ListingsCheck) -> None:
    print(json.dumps([problem.as_dict() for problem in result.problems], indent=2, ensure_ascii=True))


def _print_github(result: ListingsCheck) -> None:
    for problem in result.problems:
        print(github_annotation(problem))


def github_annotation(problem: Problem) -> str:
    """One ``::error`` or ``::warning`` workflow command; escaped so posting text cannot start a command of its own."""
    properties = ",".join(
        f"{name}={_escape(str(value), property_=True)}"
        for name, value in (("file", problem.file), ("line", problem.line), ("col", problem.column), ("title", problem.code))
    )
    message = f"{problem.field}: {problem.message}" if problem.field else problem.message
    return f"::{problem.severity} {properties}::{_escape(message)}"


def _escape(text: str, property_: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property_ else text


def _print_markdown(result: ListingsCheck) -> None:
    print(markdown_report(result))


FORMATS = {"text": _print_text, "json": _print_json, "github": _print_github, "markdown": _print_markdown}

if __name__ == "__main__":
    sys.exit(main())
