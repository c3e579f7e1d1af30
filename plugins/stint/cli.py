"""The commands employers, editors and CI run: ``stint validate``."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from stint.problems import Problem
from stint.validation import ListingsCheck, check_paths

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
        "--format", choices=["text", "github", "json"], default="text", help="text (default), GitHub workflow annotations, or JSON"
    )
    validate.set_defaults(run=_validate)
    return parser


def _validate(arguments: argparse.Namespace) -> int:
    paths = arguments.paths or [Path(os.environ.get("STINT_LISTINGS", "listings"))]
    result = check_paths(paths)
    FORMATS[arguments.format](result)
    print(_summary(result), file=sys.stderr)
    return EXIT_OK if result.ok else EXIT_INVALID


def _print_text(result: ListingsCheck) -> None:
    for problem in result.problems:
        print(problem.as_text())


def _print_json(result: ListingsCheck) -> None:
    print(json.dumps([problem.as_dict() for problem in result.problems], indent=2, ensure_ascii=True))


def _print_github(result: ListingsCheck) -> None:
    for problem in result.problems:
        print(github_annotation(problem))


def github_annotation(problem: Problem) -> str:
    """One ``::error`` workflow command; escaped so posting text cannot start a command of its own."""
    properties = ",".join(
        f"{name}={_escape(str(value), property_=True)}"
        for name, value in (("file", problem.file), ("line", problem.line), ("col", problem.column), ("title", problem.code))
    )
    message = f"{problem.field}: {problem.message}" if problem.field else problem.message
    return f"::error {properties}::{_escape(message)}"


def _escape(text: str, property_: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property_ else text


def _summary(result: ListingsCheck) -> str:
    if result.ok:
        count = len(result.documents)
        return f"stint: {count} posting{'s' if count != 1 else ''} checked, all valid"
    files = len({problem.file for problem in result.problems})
    count = len(result.problems)
    return f"stint: {count} problem{'s' if count != 1 else ''} in {files} file{'s' if files != 1 else ''}"


FORMATS = {"text": _print_text, "json": _print_json, "github": _print_github}

if __name__ == "__main__":
    sys.exit(main())
