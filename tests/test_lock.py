"""Issue 15, item 6: the production build installs exactly the locked runtime tree.

Offline: the lock (written by pip-tools' pip-compile --generate-hashes, `make lock`) must pin
every runtime dependency of pyproject.toml at the same version, carry no direct dependency
pyproject.toml dropped, hold no test or bench tools, and have hashes on every entry.
"""

from __future__ import annotations

import re
import tomllib
from typing import Any

from conftest import ROOT

LOCK = ROOT / "requirements" / "publish.txt"
_ENTRY = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)((?:[ \t]*\\\n[ \t]+--hash=sha256:[0-9a-f]{64})*)", re.M)


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pinned(requirement: str) -> tuple[str, str]:
    match = re.fullmatch(r"([A-Za-z0-9._-]+)(?:\[[^\]]*\])?==([^\s;]+)", requirement.split("#")[0].strip())
    assert match, f"{requirement!r} is not an exact pin"
    return canonical(match[1]), match[2]


def project() -> dict[str, Any]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def lock_entries() -> dict[str, tuple[str, str]]:
    return {canonical(match[1]): (match[2], match[3]) for match in _ENTRY.finditer(LOCK.read_text(encoding="utf-8"))}


def direct_in_lock() -> set[str]:
    """Entries the lock says come from pyproject.toml itself ("via stint (pyproject.toml)")."""
    blocks = re.split(r"\n(?=[A-Za-z0-9])", LOCK.read_text(encoding="utf-8"))
    return {canonical(block.split("==")[0]) for block in blocks if "stint (pyproject.toml)" in block}


def test_every_runtime_pin_is_locked_at_its_version() -> None:
    entries = lock_entries()
    for name, version in map(pinned, project()["dependencies"]):
        assert name in entries, f"{name} is in pyproject.toml but not in the lock: run make lock"
        assert entries[name][0] == version, f"{name}: pyproject.toml pins {version}, the lock {entries[name][0]}: run make lock"


def test_the_lock_holds_no_direct_dependency_pyproject_dropped() -> None:
    assert direct_in_lock() == {pinned(requirement)[0] for requirement in project()["dependencies"]}


def test_no_test_or_bench_tools_in_the_lock() -> None:
    extras = {pinned(requirement)[0] for group in project()["optional-dependencies"].values() for requirement in group}
    assert extras & set(lock_entries()) == set()


def test_every_entry_has_hashes() -> None:
    text = LOCK.read_text(encoding="utf-8")
    entries = lock_entries()
    assert len(entries) == len(re.findall(r"^[A-Za-z0-9][^\s#]*==", text, re.M))  # every pin was read
    assert all("--hash=sha256:" in hashes for _, hashes in entries.values())
    assert "--generate-hashes" in text  # written by pip-compile, not by hand


def test_make_publish_installs_from_the_lock_with_hashes_only() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    publish = makefile.split("\npublish:", 1)[1].split("\n", 1)[0]
    assert publish.split() == ["$(BIN)/.locked"]
    recipe = makefile.split("\n$(BIN)/.locked: $(LOCK)\n", 1)[1].split("\n\n")[0]
    assert "pip install --quiet --require-hashes --no-deps -r $(LOCK)" in recipe
    assert "--upgrade" not in recipe and "[test" not in recipe and "-e ." not in recipe
