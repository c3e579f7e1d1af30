"""Write the byte-level postings of the corpus into files/ (run it again if the contract example changes).

    .venv/bin/python tests/adversarial/make_files.py

Cases that are plain text are edits in manifest.yaml; only what an edit cannot say lives here:
encodings, byte order marks, raw invalid bytes, line endings and sizes at the 64 KiB limit.
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

HERE = Path(__file__).resolve().parent
EXAMPLE = (HERE.parents[1] / "schema" / "example-posting.yaml").read_text(encoding="utf-8")
LIMIT = 64 * 1024
NAME = b"  name: Northwind Ledger\n"


def _in_name(raw: bytes) -> bytes:
    """The example with ``raw`` put in the middle of the organisation's name (line 3, column 18)."""
    example = EXAMPLE.encode()
    return example.replace(NAME, b"  name: Northwind" + raw + b"Ledger\n", 1)


def _padded(size: int) -> bytes:
    """The example followed by a comment that makes the file exactly ``size`` bytes."""
    example = EXAMPLE.encode()
    return example + b"#" + b"x" * (size - len(example) - 2) + b"\n"


LAUGHS = "abcdefghi"
BOMB = "".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n']
    + [f"{name}: &{name} [{','.join(['*' + previous] * 9)}]\n" for previous, name in pairwise(LAUGHS)]
).encode()

FILES: dict[str, bytes] = {
    "alias-bomb.yaml": BOMB,
    "empty.yaml": b"",
    "top-level-list.yaml": b"- " + EXAMPLE.encode().replace(b"\n", b"\n  "),
    "utf16le-bom.yaml": b"\xff\xfe" + EXAMPLE.encode("utf-16-le"),
    "utf16be-bom.yaml": b"\xfe\xff" + EXAMPLE.encode("utf-16-be"),
    "utf16le-no-bom.yaml": EXAMPLE.encode("utf-16-le"),
    "utf32le-bom.yaml": b"\xff\xfe\x00\x00" + EXAMPLE.encode("utf-32-le"),
    "utf8-bom.yaml": b"\xef\xbb\xbf" + EXAMPLE.encode(),
    "invalid-utf8.yaml": _in_name(b" \xff "),
    "overlong-utf8.yaml": _in_name(b" \xc0\xaf "),
    "surrogate-bytes.yaml": _in_name(b" \xed\xa0\x80 "),
    "latin1.yaml": EXAMPLE.encode().replace(b"Northwind", "Nörthwind".encode("latin-1"), 1),
    "nul-byte.yaml": _in_name(b"\x00"),
    "crlf.yaml": EXAMPLE.encode().replace(b"\n", b"\r\n"),
    "cr-only.yaml": EXAMPLE.encode().replace(b"\n", b"\r"),
    "oversize.yaml": _padded(LIMIT + 1),
    "exactly-64k.yaml": _padded(LIMIT),
    "deep-flow.yaml": b"title: " + b"[" * 10_000 + b"]" * 10_000 + b"\n",
    "deep-block.yaml": b"".join(b"  " * depth + b"k%d:\n" % depth for depth in range(200)) + b"  " * 200 + b"x\n",
}


def main() -> None:
    folder = HERE / "files"
    folder.mkdir(exist_ok=True)
    for name, content in FILES.items():
        (folder / name).write_bytes(content)


if __name__ == "__main__":
    main()
