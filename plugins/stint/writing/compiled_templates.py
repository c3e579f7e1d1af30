"""Compiled templates kept between builds, in the build cache's ``templates/``.

Jinja compiles each template on its first use in a build: 0.15 to 0.2 s of every build for
the theme, a twentieth of a warm rebuild. Jinja's own file cache keeps the compiled code by
template name and checks a hash of the source before using it, so an edited template is
compiled again, never served stale. The code also depends on the environment's options
(``JINJA_ENVIRONMENT``: extensions, whitespace control), so it is kept in a folder named by
the settings: a settings change compiles afresh. Other settings' folders are kept (about
200 KB each): `make html` and `make publish` use two, and a build must never delete the
folder another build is writing into.
"""

from __future__ import annotations

from typing import Any

from jinja2 import FileSystemBytecodeCache

from stint.settings import cache_folder
from stint.writing.cache import settings_digest


def keep_compiled(generator: Any) -> None:
    """``generator_init``: each generator's environment (the board's, and Pelican's for the guides)."""
    root = cache_folder(generator.settings)
    if root is None:
        return
    folder = root / "templates" / settings_digest(generator.settings)[:16]
    folder.mkdir(parents=True, exist_ok=True)
    generator.env.bytecode_cache = FileSystemBytecodeCache(str(folder))
