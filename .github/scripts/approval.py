"""Bind an editor's approval of a "Post an internship" issue to the text they approved.

The label event carries the issue body as it was when the label was added. Before that text
becomes a pull request, the issue is read again: if the body differs, someone edited it after
the approval (or while it was being given), and nothing is built. The pull request quotes
the approved body's SHA-256, so the text it was made from can be told apart from any later
edit. (An edit made after this check withdraws the approval: issue-to-pr.yml's other job.)

Usage: python approval.py APPROVED_BODY_FILE CURRENT_BODY_FILE
Prints ``digest=<sha256 of the approved body>`` and ``edited=true|false`` (for $GITHUB_OUTPUT).
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path


def digest(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def outputs(approved: bytes, current: bytes) -> dict[str, str]:
    return {"digest": digest(approved), "edited": "true" if current != approved else "false"}


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    values = outputs(Path(argv[1]).read_bytes(), Path(argv[2]).read_bytes())
    print("".join(f"{name}={value}\n" for name, value in values.items()), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
