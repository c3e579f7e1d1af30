"""The build cache: what a rebuild can reuse, keyed by content.

Two things are kept between builds, in ``STINT_CACHE`` (default ``.stint-cache/``):

- every posting file's check, keyed by its bytes and name, under a key of the code
  and schema that checked it;
- every page the board rendered, as a file named by the hash of all its inputs. A
  page whose inputs did not change is hard-linked into the new output instead of
  being rendered and written again, so unchanged output files keep their inode and
  modification time.

Anything global (plugin code, theme, schema, settings, the build date) is part of
every key, so changing it invalidates what it must. After a successful build, cache
entries the build did not use are removed.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
from pathlib import Path
from typing import Any

PACKAGE = Path(__file__).resolve().parent
_VERSION = b"stint-cache-1"


def digest(*parts: str | bytes) -> str:
    hasher = hashlib.sha256(_VERSION)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


def tree_digest(*folders: Path) -> str:
    """Every file's path and bytes under the folders: code, schema, theme."""
    parts: list[str | bytes] = []
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                parts += [path.relative_to(folder).as_posix(), path.read_bytes()]
    return digest(*parts)


def settings_digest(settings: dict[str, Any]) -> str:
    """Settings that can change a page; paths (output folder, cache) cannot."""
    plain = (str, int, float, bool, type(None), list, tuple, dict)
    relevant = {key: value for key, value in settings.items() if key.isupper() and "PATH" not in key and isinstance(value, plain)}
    relevant.pop("STINT_CACHE", None)
    return digest(json.dumps(relevant, sort_keys=True, default=str))


class BuildCache:
    """Validation results and rendered pages from earlier builds. ``root=None`` disables it."""

    def __init__(self, root: Path | None, fingerprint: str):
        self.root = root
        self.fingerprint = fingerprint
        self.used: set[str] = set()
        self.used_trees: set[str] = set()
        self._folders: set[Path] = set()

    # ---- small values kept between builds (checked postings, file stats, records) ----
    def load_value(self, key: str) -> dict[Any, Any]:
        path = self._value_path(key)
        if path is None or not path.exists():
            return {}
        try:
            return pickle.loads(path.read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return {}  # a damaged cache costs a full check, never a wrong answer

    def save_value(self, key: str, value: dict[Any, Any]) -> None:
        path = self._value_path(key)
        if path is not None:
            self._atomic_write(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    def _value_path(self, key: str) -> Path | None:
        return None if self.root is None else self.root / f"{key}.pickle"

    # ---- pages -----------------------------------------------------------
    def page_key(self, save_as: str, inputs: str) -> str:
        return digest(self.fingerprint, save_as, inputs)

    def link_page(self, key: str, target: Path) -> bool:
        """Put the cached page at ``target``; False when there is none."""
        source = self._page_path(key)
        if source is None or not source.exists():
            return False
        self._place(source, target)
        self.used.add(key)
        return True

    def store_page(self, key: str, text: str, target: Path) -> None:
        source = self._page_path(key)
        if source is None:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            return
        self._atomic_write(source, text.encode("utf-8"))
        self._place(source, target)
        self.used.add(key)

    # ---- whole folders (search index shards) ----------------------------------
    def link_tree(self, name: str, target: Path) -> bool:
        """Put a cached folder's files under ``target``; False when there is none."""
        source = None if self.root is None else self.root / name
        if source is None or not (source / ".complete").exists():
            return False
        for path in sorted(source.rglob("*")):
            if path.is_file() and path.name != ".complete":
                self._place(path, target / path.relative_to(source))
        self.used_trees.add(name)
        return True

    def store_tree(self, name: str, folder: Path, target: Path) -> None:
        """Keep ``folder`` (it is moved) under ``name``, and put its files under ``target``."""
        if self.root is None:
            shutil.copytree(folder, target, dirs_exist_ok=True)
            return
        source = self.root / name
        shutil.rmtree(source, ignore_errors=True)
        source.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(folder), str(source))
        (source / ".complete").touch()  # only a finished folder is ever reused
        self.link_tree(name, target)

    def prune(self) -> None:
        """Forget pages and folders this build did not use (call only after a successful build)."""
        if self.root is None:
            return
        pages = self.root / "pages"
        for path in pages.glob("*/*") if pages.exists() else []:
            if path.name not in self.used:
                path.unlink(missing_ok=True)
        search = self.root / "search"
        for path in search.iterdir() if search.exists() else []:
            if f"search/{path.name}" not in self.used_trees:
                shutil.rmtree(path, ignore_errors=True)

    def _page_path(self, key: str) -> Path | None:
        return None if self.root is None else self.root / "pages" / key[:2] / key

    def _place(self, source: Path, target: Path) -> None:
        if target.parent not in self._folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(target.parent)
        try:
            os.link(source, target)
        except OSError:  # another file system, or links not allowed: a copy will do
            shutil.copyfile(source, target)

    def _atomic_write(self, path: Path, data: bytes) -> None:
        """Write beside, then rename: a build killed mid-write never leaves half a page to reuse."""
        if path.parent not in self._folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(path.parent)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temporary.write_bytes(data)
        os.replace(temporary, path)
