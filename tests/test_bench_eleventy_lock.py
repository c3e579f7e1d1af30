"""Issue 16: `make bench` installs the Eleventy it compares with by `npm ci` in bench/eleventy,
which refuses a lock out of step with package.json. Offline: every dependency is pinned to
one version, and the lock holds that version."""

from __future__ import annotations

import json
import re

from conftest import ROOT

PROJECT = ROOT / "bench" / "eleventy"


def test_the_lock_holds_the_exact_versions_package_json_pins() -> None:
    wanted = json.loads((PROJECT / "package.json").read_text(encoding="utf-8"))["dependencies"]
    lock = json.loads((PROJECT / "package-lock.json").read_text(encoding="utf-8"))
    assert all(re.fullmatch(r"\d+\.\d+\.\d+", version) for version in wanted.values()), wanted
    assert wanted["@11ty/eleventy"].startswith("3."), "the issue compares with Eleventy 3.x"
    assert lock["packages"][""]["dependencies"] == wanted
    for name, version in wanted.items():
        assert lock["packages"][f"node_modules/{name}"]["version"] == version, name
